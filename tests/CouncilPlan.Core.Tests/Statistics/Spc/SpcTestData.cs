using CouncilPlan.Core.Statistics.Spc;
// Inside this namespace "Spc" names the namespace, so the analysis class needs another name.

namespace CouncilPlan.Core.Tests.Statistics.Spc;

/// <summary>Series builders and the data NHSRplotthedots' tests generate.</summary>
internal static class SpcTestData
{
    /// <summary>
    /// R's <c>set.seed(123); rnorm(24)</c>, the data of tests/testthat/test-ptd_spc_standard.R, test-ptd_spc.R and
    /// test-ptd_create_ggplot.R (first 20) and test-geom_ptd_icon.R (all 24). R is not available here, so the numbers
    /// were regenerated with a port of R's default generator (Mersenne-Twister, Inversion); the first eight digits match
    /// what the package's snapshot tests/testthat/_snaps/ptd_spc_standard.md prints (-0.56047565, -0.23017749, 1.55870831,
    /// 0.07050839, …) and <see cref="SpcReferenceAnalyseTests"/> checks that.
    /// </summary>
    public static readonly double[] Rnorm123 =
    [
        -0.5604756465522126, -0.23017748948327996, 1.558708314149124, 0.070508391424576, 0.12928773516094624,
        1.715064986883281, 0.4609162059892023, -1.265061234606534, -0.6868528518935261, -0.44566197009995806,
        1.2240817974394615, 0.3598138270573638, 0.40077145059405217, 0.1106827159451197, -0.5558411347540749,
        1.7869131368030782, 0.4978504782292394, -1.9666171566296382, 0.7013559015636855, -0.47279140772793404,
        -1.0678237059868452, -0.21797491465829513, -1.0260044483072397, -0.7288912292911403,
    ];

    /// <summary>The next draws of the same stream: <c>rnorm(12, 5)</c> in test-geom_ptd_icon.R.</summary>
    public static readonly double[] RnormMean5 =
    [
        4.374960732150743, 3.313306689257587, 5.837787044494525, 5.153373117836515, 3.8618630629880526, 6.253814921069926,
        5.426464221476814, 4.704928517007729, 5.8951256610450224, 5.878133487533042, 5.821581081637487, 5.688640254100091,
    ];

    /// <summary>And the draws after those: <c>rnorm(12, -5)</c> in test-geom_ptd_icon.R.</summary>
    public static readonly double[] RnormMeanMinus5 =
    [
        -4.446082346462411, -5.061911710576721, -5.305962663739916, -5.380471001012383, -5.694706978920513, -5.207917278019599,
        -6.265396351568264, -2.8310440346614874, -3.7920380016950093, -6.123108583203349, -5.402884835299076, -5.466655353623219,
    ];

    /// <summary>The reference tests' dates: <c>as.Date("2020-01-01") + 1:n</c>, daily from 2 January 2020.</summary>
    public static DateOnly ReferenceDay(int i) => new DateOnly(2020, 1, 1).AddDays(i + 1);

    public static List<(DateOnly Period, double Value)> ReferenceDaily(IEnumerable<double> values) =>
        values.Select((v, i) => (ReferenceDay(i), v)).ToList();

    /// <summary>Monthly periods from April 2023.</summary>
    public static DateOnly Month(int i) => new DateOnly(2023, 4, 1).AddMonths(i);

    public static List<(DateOnly Period, double Value)> Monthly(params double[] values) =>
        values.Select((v, i) => (Month(i), v)).ToList();

    /// <summary>Twelve points alternating 25, −25: mean exactly 0 and every moving range 50, so with the limits fixed
    /// after them the limits are exactly ±133 (2.66 × 50) and the near limits ±88.67.</summary>
    public static double[] Alternating25 => [25, -25, 25, -25, 25, -25, 25, -25, 25, -25, 25, -25];

    public static SpcResult Analyse(IEnumerable<double> values, SpcOptions? options = null) =>
        SpcAnalysis.Analyse(Monthly([.. values]), options ?? SpcOptions.Default);

    public static string[] Types(this SpcResult result) => [.. result.Points.Select(p => p.SpecialCauseType)];

    public static string[] PointTypes(this SpcResult result) => [.. result.Points.Select(p => p.PointType)];
}
