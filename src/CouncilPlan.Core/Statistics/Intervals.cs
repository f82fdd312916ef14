namespace CouncilPlan.Core.Statistics;

/// <summary>One age band of a directly standardised rate for events that can happen more than once to a person.</summary>
/// <param name="AgeBand">The age band (or other standardisation stratum) the row belongs to.</param>
/// <param name="EventFrequency">How many events each person in this row had (1, 2, 3...).</param>
/// <param name="Persons">How many people had that many events; NaN for missing, counted as zero.</param>
/// <param name="Population">The age band's population.</param>
/// <param name="StandardPopulation">The age band's standard population (for example the European Standard Population 2013).</param>
public sealed record DsrEventRow(string AgeBand, double EventFrequency, double Persons, double Population, double StandardPopulation);

/// <summary>
/// Confidence intervals as PHEindicatormethods v2.x calculates them (the methods OHID Fingertips publishes with).
/// Every function is pure. A missing input (NaN, R's NA) gives a missing value and bounds, as the reference does;
/// a bound the method cannot give is null; invalid input throws an <see cref="ArgumentException"/> with the
/// reference's message.
/// </summary>
/// <remarks>
/// Confidence is a fraction between 0.9 and 1 or a percentage between 90 and 100, as the reference accepts
/// (PHEindicatormethods R/utils.R byars_lower: "confidence level must be between 90 and 100 or between 0.9 and 1");
/// the returned <see cref="Interval.Confidence"/> is always the fraction. A 100% level is accepted only by
/// <see cref="Wilson"/>, which gives [0, 1] as the reference does; the other methods have no finite limits at 100%.
/// Multipliers must be greater than zero (R/DSR.R calculate_dsr: "multiplier must be greater than 0"; applied to
/// every method so that lower stays below upper).
/// </remarks>
public static class Intervals
{
    /// <summary>Method name the reference gives Wilson score intervals (R/Proportions.R: method = "Wilson").</summary>
    public const string WilsonMethod = "Wilson";

    /// <summary>Method name the reference gives Byar's intervals (R/Rates.R: method = "Byars").</summary>
    public const string ByarsMethod = "Byars";

    /// <summary>Method name the reference gives exact Poisson intervals (R/Rates.R: method = "Exact").</summary>
    public const string ExactMethod = "Exact";

    /// <summary>Method name the reference gives DSR intervals (R/DSR.R dsr_inner: method = "Dobson").</summary>
    public const string DobsonMethod = "Dobson";

    /// <summary>Method name for DSRs of non-independent events (R/DSR.R dsr_inner).</summary>
    public const string DobsonNonIndependentMethod = "Dobson, with confidence adjusted for non-independent events";

    /// <summary>Method name the reference gives means (R/Means.R: method = "Student's t-distribution").</summary>
    public const string StudentTMethod = "Student's t-distribution";

    /// <summary>Method given when an input is missing, so no method could be chosen.</summary>
    public const string NotCalculated = "Not calculated";

    /// <summary>
    /// Below this many events a rate's interval is exact Poisson, at or above it Byar's
    /// (R/Rates.R phe_rate: <c>if_else(x &lt; 10, qchisq(...), byars_lower(...))</c>).
    /// </summary>
    public const double ExactBelowEvents = 10;

    /// <summary>
    /// A DSR is not calculated (value and limits NA) when its total count is below this
    /// (R/DSR.R dsr_inner: "remove DSR calculation for total counts &lt; 10").
    /// </summary>
    public const double DsrMinimumTotalCount = 10;

    /// <summary>
    /// Wilson score interval for a proportion x of n (R/utils.R wilson_lower, wilson_upper; R/Proportions.R
    /// phe_proportion), multiplied by <paramref name="multiplier"/> (100 for a percentage).
    /// </summary>
    /// <exception cref="ArgumentException">x below zero, n zero or below, or x above n (the reference's errors).</exception>
    public static Interval Wilson(double x, double n, double confidence = 0.95, double multiplier = 1)
    {
        var level = Confidence(confidence, allowCertainty: true);
        CheckMultiplier(multiplier);
        if (double.IsNaN(x) || double.IsNaN(n))
        {
            return Missing(WilsonMethod, level);
        }

        // R/Proportions.R phe_proportion validation, in its order.
        if (x < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "numerators must be greater than or equal to zero");
        }

        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "denominators must be greater than zero");
        }

        if (x > n)
        {
            throw new ArgumentException("numerators must be less than or equal to denominator for a proportion statistic", nameof(x));
        }

        var value = x / n * multiplier;
        if (level == 1)
        {
            // R/utils.R wilson_lower / wilson_upper: at confidence 1 the limits are 0 and 1.
            return new Interval(value, 0, multiplier, WilsonMethod, level);
        }

        var z = TwoSidedZ(level);
        var root = z * Math.Sqrt((z * z) + (4 * x * (1 - (x / n))));
        var lower = ((2 * x) + (z * z) - root) / 2 / (n + (z * z));
        var upper = ((2 * x) + (z * z) + root) / 2 / (n + (z * z));

        // The formula gives exactly 0 at x = 0 and 1 at x = n; clamping removes rounding noise of 1e-17 there.
        return new Interval(value, Math.Max(0, lower) * multiplier, Math.Min(1, upper) * multiplier, WilsonMethod, level);
    }

    /// <summary>
    /// Byar's approximation to the Poisson interval for an observed count (R/utils.R byars_lower, byars_upper).
    /// The lower limit is null where the approximation goes below zero (the reference sets it to NA), which
    /// includes a count of zero.
    /// </summary>
    public static Interval Byar(double x, double confidence = 0.95)
    {
        var level = Confidence(confidence, allowCertainty: false);
        if (double.IsNaN(x))
        {
            return Missing(ByarsMethod, level);
        }

        CheckCount(x);
        return new Interval(x, ByarsLower(x, level), ByarsUpper(x, level), ByarsMethod, level);
    }

    /// <summary>
    /// Exact Poisson interval for an observed count from the chi-square distribution
    /// (R/Rates.R phe_rate: lower <c>qchisq((1-c)/2, 2x)/2</c>, upper <c>qchisq(c+(1-c)/2, 2x+2)/2</c>).
    /// </summary>
    public static Interval ExactPoisson(double x, double confidence = 0.95)
    {
        var level = Confidence(confidence, allowCertainty: false);
        if (double.IsNaN(x))
        {
            return Missing(ExactMethod, level);
        }

        CheckCount(x);
        return new Interval(x, ExactLower(x, level), ExactUpper(x, level), ExactMethod, level);
    }

    /// <summary>
    /// Interval for a count, choosing exact Poisson below 10 events and Byar's from 10, as the reference does for
    /// rates (R/Rates.R phe_rate with a denominator and multiplier of 1).
    /// </summary>
    public static Interval Count(double x, double confidence = 0.95) => Rate(x, 1, 1, confidence);

    /// <summary>
    /// A crude rate x per n times <paramref name="multiplier"/> (default per 100,000) with its interval: exact
    /// Poisson below 10 events, Byar's from 10 (R/Rates.R phe_rate). x may exceed n, as in the reference.
    /// </summary>
    /// <exception cref="ArgumentException">x below zero or n zero or below (R/Rates.R: "denominators must be greater than zero").</exception>
    public static Interval Rate(double x, double n, double multiplier = 100_000, double confidence = 0.95)
    {
        var level = Confidence(confidence, allowCertainty: false);
        CheckMultiplier(multiplier);
        if (double.IsNaN(x))
        {
            return Missing(NotCalculated, level);
        }

        CheckCount(x);
        var exact = x < ExactBelowEvents;
        var method = exact ? ExactMethod : ByarsMethod;
        if (double.IsNaN(n))
        {
            return Missing(method, level);
        }

        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "denominators must be greater than zero");
        }

        var scale = multiplier / n;
        var lower = exact ? ExactLower(x, level) : ByarsLower(x, level);
        var upper = exact ? ExactUpper(x, level) : ByarsUpper(x, level);
        return new Interval(x * scale, lower * scale, upper * scale, method, level);
    }

    /// <summary>
    /// Mean of a set of values with a Student's t interval (R/Means.R phe_mean: value ± |qt((1-c)/2, n-1)| × sd / √n).
    /// A single value has no interval (the reference's sample standard deviation is NA); a NaN value makes the
    /// result missing.
    /// </summary>
    public static Interval Mean(IEnumerable<double> values, double confidence = 0.95)
    {
        var level = Confidence(confidence, allowCertainty: false);
        var list = values.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("a mean needs at least one value", nameof(values));
        }

        if (list.Any(double.IsNaN))
        {
            return Missing(StudentTMethod, level);
        }

        var count = list.Count;
        var mean = list.Sum() / count;
        if (count < 2)
        {
            return new Interval(mean, null, null, StudentTMethod, level);
        }

        var variance = list.Sum(v => (v - mean) * (v - mean)) / (count - 1);
        var halfWidth = Math.Abs(Distributions.StudentTQuantile((1 - level) / 2, count - 1)) * Math.Sqrt(variance) / Math.Sqrt(count);
        return new Interval(mean, mean - halfWidth, mean + halfWidth, StudentTMethod, level);
    }

    /// <summary>
    /// Directly standardised rate with Dobson's interval (R/DSR.R calculate_dsr / dsr_inner). Each stratum is an
    /// age band's count, population and standard population. A NaN count is treated as zero (R's na.zero). Value and
    /// limits are null when the total count is under 10, as the reference does.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No strata; a count below zero; a population missing, zero or below; a standard population missing or below
    /// zero; all standard populations zero (R/DSR.R calculate_dsr validation).
    /// </exception>
    public static Interval Dsr(
        IEnumerable<(double Count, double Population, double StandardPopulation)> strata,
        double multiplier = 100_000,
        double confidence = 0.95)
    {
        var level = Confidence(confidence, allowCertainty: false);
        CheckMultiplier(multiplier);
        var rows = strata.ToList();
        if (rows.Count == 0)
        {
            throw new ArgumentException("a DSR needs at least one stratum", nameof(strata));
        }

        foreach (var (count, population, standard) in rows)
        {
            CheckStratum(count, population, standard);
        }

        var standardTotal = rows.Sum(r => r.StandardPopulation);
        CheckStandardTotal(standardTotal);

        var totalCount = rows.Sum(r => NaZero(r.Count));
        var weighted = rows.Sum(r => NaZero(r.Count) * r.StandardPopulation / r.Population);
        var squared = rows.Sum(r => NaZero(r.Count) * Square(r.StandardPopulation / r.Population));
        var variance = squared / Square(standardTotal);
        return Dobson(totalCount, weighted / standardTotal * multiplier, variance, multiplier, level, DobsonMethod);
    }

    /// <summary>
    /// Directly standardised rate of events that can happen more than once to a person, with Dobson's interval
    /// widened for the non-independence (R/DSR.R calculate_dsr with independent_events = FALSE). The variance is
    /// the sum over event frequencies f of f² times the DSR variance of the persons with f events, each frequency's
    /// variance using the standard populations of the rows given for that frequency (give every age band for every
    /// frequency, with NaN persons where there are none, as the reference's test data does).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// As <see cref="Dsr"/>; also rows of one age band with different populations or standard populations, and a
    /// missing event frequency.
    /// </exception>
    public static Interval DsrNonIndependent(IEnumerable<DsrEventRow> rows, double multiplier = 100_000, double confidence = 0.95)
    {
        var level = Confidence(confidence, allowCertainty: false);
        CheckMultiplier(multiplier);
        var list = rows.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("a DSR needs at least one row", nameof(rows));
        }

        foreach (var row in list)
        {
            CheckStratum(row.Persons, row.Population, row.StandardPopulation);
            if (double.IsNaN(row.EventFrequency))
            {
                throw new ArgumentException("eventfreq field must not have any missing values", nameof(rows));
            }
        }

        var bands = list.GroupBy(r => r.AgeBand, StringComparer.Ordinal).ToList();
        if (bands.Any(b => b.Select(r => r.Population).Distinct().Count() > 1 || b.Select(r => r.StandardPopulation).Distinct().Count() > 1))
        {
            throw new ArgumentException(
                "There are rows with the same grouping variables and ageband but with different populations (n) or standard populations(stdpop)",
                nameof(rows));
        }

        // Variance: per event frequency, the DSR variance of the persons, times the frequency squared.
        var variance = list.GroupBy(r => r.EventFrequency).Sum(g =>
        {
            var standardTotal = g.Sum(r => r.StandardPopulation);
            CheckStandardTotal(standardTotal);
            var squared = g.Sum(r => NaZero(r.Persons) * Square(r.StandardPopulation / r.Population));
            return squared / Square(standardTotal) * Square(g.Key);
        });

        // Value: the events (frequency × persons) per age band, standardised as usual.
        var events = bands.Select(b => (
            Count: b.Sum(r => r.EventFrequency * NaZero(r.Persons)),
            b.First().Population,
            b.First().StandardPopulation)).ToList();
        var bandStandardTotal = events.Sum(e => e.StandardPopulation);
        CheckStandardTotal(bandStandardTotal);
        var totalCount = events.Sum(e => e.Count);
        var weighted = events.Sum(e => e.Count * e.StandardPopulation / e.Population);
        return Dobson(totalCount, weighted / bandStandardTotal * multiplier, variance, multiplier, level, DobsonNonIndependentMethod);
    }

    /// <summary>
    /// Scales a confidence level given as a fraction (0.9 to 1) or a percentage (90 to 100) to a fraction, with the
    /// reference's validation (R/utils.R byars_lower).
    /// </summary>
    public static double NormaliseConfidence(double confidence) => Confidence(confidence, allowCertainty: true);

    // Dobson's method (R/DSR.R dsr_inner): value + sqrt(var / O) × (O_byars − O) × multiplier for each limit, with
    // O the total count; nothing when O is under 10.
    private static Interval Dobson(double totalCount, double value, double variance, double multiplier, double level, string method)
    {
        if (totalCount < DsrMinimumTotalCount)
        {
            return Missing(method, level);
        }

        var scale = Math.Sqrt(variance / totalCount) * multiplier;
        var byarsLower = ByarsLower(totalCount, level);
        double? lower = byarsLower is null ? null : value + (scale * (byarsLower.Value - totalCount));
        var upper = value + (scale * (ByarsUpper(totalCount, level) - totalCount));
        return new Interval(value, lower, upper, method, level);
    }

    // R/utils.R byars_lower: x(1 − 1/(9x) − z/(3√x))³, NA when negative (and at x = 0, where R gives NaN).
    private static double? ByarsLower(double x, double level)
    {
        if (x <= 0)
        {
            return null;
        }

        var z = TwoSidedZ(level);
        var lower = x * Math.Pow(1 - (1 / (9 * x)) - (z / (3 * Math.Sqrt(x))), 3);
        return lower < 0 ? null : lower;
    }

    // R/utils.R byars_upper: (x+1)(1 − 1/(9(x+1)) + z/(3√(x+1)))³.
    private static double ByarsUpper(double x, double level)
    {
        var z = TwoSidedZ(level);
        var next = x + 1;
        return next * Math.Pow(1 - (1 / (9 * next)) + (z / (3 * Math.Sqrt(next))), 3);
    }

    private static double ExactLower(double x, double level) => Distributions.ChiSquareQuantile((1 - level) / 2, 2 * x) / 2;

    private static double ExactUpper(double x, double level) => Distributions.ChiSquareQuantile(level + ((1 - level) / 2), (2 * x) + 2) / 2;

    // R/utils.R: z <- qnorm(confidence + (1-confidence)/2).
    private static double TwoSidedZ(double level) => Distributions.NormalQuantile(level + ((1 - level) / 2));

    private static double Confidence(double confidence, bool allowCertainty)
    {
        // R/utils.R byars_lower: (confidence < 0.9) | (confidence > 1 & confidence < 90) | (confidence > 100) is an error;
        // "if (confidence >= 90) confidence <- confidence/100".
        if (double.IsNaN(confidence) || confidence < 0.9 || (confidence > 1 && confidence < 90) || confidence > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence level must be between 90 and 100 or between 0.9 and 1");
        }

        var level = confidence >= 90 ? confidence / 100 : confidence;
        if (level == 1 && !allowCertainty)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "a 100% interval has no finite limits for this method");
        }

        return level;
    }

    private static void CheckCount(double x)
    {
        if (x < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "numerators must be greater than or equal to zero");
        }
    }

    private static void CheckMultiplier(double multiplier)
    {
        if (double.IsNaN(multiplier) || multiplier <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, "multiplier must be greater than 0");
        }
    }

    // R/DSR.R calculate_dsr validation.
    private static void CheckStratum(double count, double population, double standardPopulation)
    {
        if (double.IsNaN(population))
        {
            throw new ArgumentException("field n cannot have missing values", nameof(population));
        }

        if (double.IsNaN(standardPopulation))
        {
            throw new ArgumentException("field stdpop cannot have missing values", nameof(standardPopulation));
        }

        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "numerators must all be greater than or equal to zero");
        }

        if (population <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(population), population, "denominators must all be greater than zero");
        }

        if (standardPopulation < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(standardPopulation), standardPopulation, "stdpop must all be greater than or equal to zero");
        }
    }

    private static void CheckStandardTotal(double standardTotal)
    {
        if (standardTotal <= 0)
        {
            throw new ArgumentException("the standard populations must not all be zero", nameof(standardTotal));
        }
    }

    private static Interval Missing(string method, double level) => new(null, null, null, method, level);

    // R/utils.R na.zero: NA counts are zero.
    private static double NaZero(double value) => double.IsNaN(value) ? 0 : value;

    private static double Square(double value) => value * value;
}
