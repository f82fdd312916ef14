namespace CouncilPlan.Core.Statistics.Spc;

/// <summary>
/// Statistical process control as NHS England's "Making Data Count" does it: an XmR chart with its special-cause rules,
/// variation and assurance icons, matching NHSRplotthedots 0.2.2's <c>ptd_spc()</c> for a single (unfaceted) series.
/// </summary>
public static class SpcAnalysis
{
    /// <summary>Analyses a series; the points may come in any order and are sorted by period.</summary>
    /// <exception cref="ArgumentException">The series is empty, has a value that is not finite, or has a period twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The options are outside what the reference accepts.</exception>
    public static SpcResult Analyse(IEnumerable<(DateOnly Period, double Value)> series, SpcOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        var sorted = series.OrderBy(p => p.Period).ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("The series has no points.", nameof(series));
        }

        for (var i = 0; i < sorted.Length; i++)
        {
            if (!double.IsFinite(sorted[i].Value))
            {
                throw new ArgumentException($"The value for {sorted[i].Period:yyyy-MM-dd} is not a finite number.", nameof(series));
            }

            if (i > 0 && sorted[i].Period == sorted[i - 1].Period)
            {
                // ptd_validate_spc_options: "duplicate rows found in '<date_field>'".
                throw new ArgumentException($"Duplicate rows found for period {sorted[i].Period:yyyy-MM-dd}.", nameof(series));
            }
        }

        // ptd_add_rebase_column and ptd_spc_standard: a 1 at each rebase date present in the series, and the group is the
        // running count of them, so the first group is 0 unless the series starts on a rebase date.
        var rebaseAt = options.RebaseAt is null ? [] : new HashSet<DateOnly>(options.RebaseAt);
        var groups = new int[sorted.Length];
        var group = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (rebaseAt.Contains(sorted[i].Period))
            {
                group++;
            }

            groups[i] = group;
        }

        var points = new List<SpcPoint>(sorted.Length);
        var start = 0;
        while (start < sorted.Length)
        {
            var end = start;
            while (end < sorted.Length && groups[end] == groups[start])
            {
                end++;
            }

            AnalyseGroup(sorted.AsSpan(start, end - start), groups[start], options, points);
            start = end;
        }

        var last = points[^1];
        return new SpcResult(
            points,
            SpcRules.VariationIcon(last.PointType, options.Improvement),
            SpcRules.Assurance(options.Target, last.Lpl ?? double.NaN, last.Upl ?? double.NaN, options.Improvement),
            points.Exists(p => p.ShortGroupWarning));
    }

    /// <summary>Analyses a series with the reference's default options.</summary>
    public static SpcResult Analyse(IEnumerable<(DateOnly Period, double Value)> series) => Analyse(series, SpcOptions.Default);

    private static void Validate(SpcOptions options)
    {
        if (options.FixAfterPoints is { } n && n < SpcConstants.MinimumFixAfterPoints)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                n,
                "FixAfterPoints must be a single number that is greater than or equal to 12.");
        }

        if (options.Target is { } t && !double.IsFinite(t))
        {
            throw new ArgumentOutOfRangeException(nameof(options), t, "Target must be a finite number.");
        }

        if (!Enum.IsDefined(options.Improvement))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Improvement, "Improvement must be increase, decrease or neutral.");
        }
    }

    private static void AnalyseGroup(ReadOnlySpan<(DateOnly Period, double Value)> group, int rebaseGroup, SpcOptions options, List<SpcPoint> points)
    {
        var n = group.Length;
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = group[i].Value;
        }

        // fix_after_n_points: the mean and moving ranges use only the group's first N points.
        var basis = Math.Min(n, options.FixAfterPoints ?? int.MaxValue);
        var limits = XmrLimits.Calculate(values.AsSpan(0, basis), options.ScreenOutliers);
        var haveLimits = !double.IsNaN(limits.AverageMovingRange);

        var relativeToMean = new int[n];
        var outside = new bool[n];
        var close = new int[n];
        for (var i = 0; i < n; i++)
        {
            var y = values[i];
            var difference = y - limits.Mean;
            relativeToMean[i] = double.IsNaN(difference) ? 0 : Math.Sign(difference);

            // Strict comparisons, as the reference: a point exactly on a limit is inside it, exactly on a near limit is not close.
            // With NaN limits every comparison is false, as the reference's NA is in its rules.
            outside[i] = y > limits.Upl || y < limits.Lpl;
            close[i] = !outside[i] && (y < limits.Nlpl || y > limits.Nupl) ? 1 : 0;
        }

        var specialCauseTypes = SpcRules.SpecialCauseTypes(values, relativeToMean, close, outside);
        var shortGroup = n < options.ShortGroupThreshold;
        for (var i = 0; i < n; i++)
        {
            var type = specialCauseTypes[i];
            points.Add(new SpcPoint(
                group[i].Period,
                values[i],
                rebaseGroup,
                NullIfNaN(limits.Mean),
                NullIfNaN(limits.Lpl),
                NullIfNaN(limits.Upl),
                NullIfNaN(limits.Nlpl),
                NullIfNaN(limits.Nupl),
                type,
                SpcRules.PointType(type, options.Improvement),
                relativeToMean[i],
                haveLimits ? outside[i] : null,
                haveLimits ? close[i] == 1 : null,
                type != SpcLabels.SpecialCause.CommonCause,
                shortGroup));
        }
    }

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}
