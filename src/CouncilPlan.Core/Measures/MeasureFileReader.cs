using System.Text;
using CouncilPlan.Core.Areas;
using CouncilPlan.Core.DataFiles;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;

namespace CouncilPlan.Core.Measures;

/// <summary>What a measure catalogue may refer to: the areas and the loaded plan's elements.</summary>
public sealed record CatalogueContext(IReadOnlySet<string> AreaCodes, IReadOnlyDictionary<string, ElementKind> PlanElements);

/// <summary>A measure as the catalogue defines it, with the plan elements it names by id.</summary>
public sealed record MeasureDefinition(Measure Measure, string? PortfolioKey, IReadOnlyList<string> EvidenceKeys, IReadOnlyList<string> DimensionIds, IReadOnlyList<string> ComparatorCodes);

/// <summary>A comparator group and its member areas.</summary>
public sealed record ComparatorGroup(Area Area, IReadOnlyList<string> Members);

public sealed record MeasureDocument(
    string PlanId,
    IReadOnlyList<Source> Sources,
    IReadOnlyList<Dimension> Dimensions,
    IReadOnlyList<Breakdown> Categories,
    IReadOnlyList<ComparatorGroup> ComparatorGroups,
    IReadOnlyList<MeasureDefinition> Measures);

/// <summary>
/// Reads a measure catalogue (format councilplan/measures@1, see docs/measures-file-format.md)
/// and checks it whole against the areas and the plan it belongs to; every problem is reported
/// with its line, and nothing is returned unless there are none.
/// </summary>
public static class MeasureFileReader
{
    public const string Format = "councilplan/measures@1";

    private static readonly Dictionary<string, MeasureUnit> Units = new(StringComparer.Ordinal)
    {
        ["count"] = MeasureUnit.Count,
        ["percentage"] = MeasureUnit.Percentage,
        ["rate"] = MeasureUnit.Rate,
        ["money"] = MeasureUnit.Money,
        ["ratio"] = MeasureUnit.Ratio,
        ["score"] = MeasureUnit.Score,
        ["emissions"] = MeasureUnit.Emissions,
    };

    private static readonly Dictionary<string, Polarity> Polarities = new(StringComparer.Ordinal)
    {
        ["higher-is-better"] = Polarity.HigherIsBetter,
        ["lower-is-better"] = Polarity.LowerIsBetter,
        ["no-judgement"] = Polarity.NoJudgement,
    };

    private static readonly Dictionary<string, Frequency> Frequencies = new(StringComparer.Ordinal)
    {
        ["monthly"] = Frequency.Monthly,
        ["quarterly"] = Frequency.Quarterly,
        ["annual"] = Frequency.Annual,
    };

    private static readonly Dictionary<string, PeriodType> PeriodTypes = new(StringComparer.Ordinal)
    {
        ["financial-quarter"] = PeriodType.FinancialQuarter,
        ["financial-year"] = PeriodType.FinancialYear,
        ["academic-year"] = PeriodType.AcademicYear,
        ["calendar-year"] = PeriodType.CalendarYear,
        ["rolling-12-months"] = PeriodType.Rolling12Months,
        ["month"] = PeriodType.Month,
        ["three-calendar-years"] = PeriodType.ThreeCalendarYears,
    };

    private static readonly Dictionary<string, MeasureKind> Kinds = new(StringComparer.Ordinal)
    {
        ["performance"] = MeasureKind.Performance,
        ["context"] = MeasureKind.Context,
    };

    private static readonly Dictionary<string, ToleranceType> ToleranceTypes = new(StringComparer.Ordinal)
    {
        ["absolute"] = ToleranceType.Absolute,
        ["percent"] = ToleranceType.Percent,
    };

    public static MeasureDocument ReadFile(string path, CatalogueContext context)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException([new InputError(path, 0, "", "the file does not exist")]);
        }

        using var text = new StreamReader(path, new UTF8Encoding(false, true));
        try
        {
            return Read(path, text, context);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidInputException([new InputError(path, 0, "", "the file is not UTF-8 text: save it as UTF-8")]);
        }
    }

    public static MeasureDocument Read(string fileName, TextReader text, CatalogueContext context)
    {
        var (file, root) = YamlFile.Parse(fileName, text);
        if (root is null)
        {
            throw new InvalidInputException(file.Errors);
        }

        var format = root.String("format", required: true);
        if (format is not null && format != Format)
        {
            file.Error(root.MarkOf("format"), $"'format' is '{format}' but this reader understands '{Format}'");
        }

        var planId = root.String("plan", required: true) ?? "";

        var sources = new Dictionary<string, Source>(StringComparer.Ordinal);
        foreach (var map in root.Maps("sources"))
        {
            var id = map.Id();
            var source = new Source
            {
                Id = id?.Value ?? "",
                Publisher = map.String("publisher", required: true) ?? "",
                Title = map.String("title", required: true) ?? "",
                Licence = map.String("licence", required: true) ?? "",
                Url = map.String("url"),
            };
            map.RejectUnknownFields();
            if (id is { } key && !sources.TryAdd(key.Value, source))
            {
                file.Error(key.Mark, $"duplicate source '{key.Value}'");
            }
        }

        var dimensions = new Dictionary<string, Dimension>(StringComparer.Ordinal);
        var categories = new List<Breakdown>();
        foreach (var map in root.Maps("dimensions"))
        {
            var id = map.Id();
            var dimension = new Dimension { Id = id?.Value ?? "", Title = map.String("title", required: true) ?? "", Shares = map.Boolean("shares") ?? false };
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var category in map.Maps("categories", required: true))
            {
                var categoryId = category.Id();
                var title = category.String("title", required: true) ?? "";
                category.RejectUnknownFields();
                if (categoryId is { } c)
                {
                    if (!seen.Add(c.Value))
                    {
                        file.Error(c.Mark, $"duplicate category '{c.Value}' in dimension '{dimension.Id}'");
                    }
                    else
                    {
                        categories.Add(new Breakdown { DimensionId = dimension.Id, Category = c.Value, Title = title });
                    }
                }
            }

            map.RejectUnknownFields();
            if (id is { } key && !dimensions.TryAdd(key.Value, dimension))
            {
                file.Error(key.Mark, $"duplicate dimension '{key.Value}'");
            }
        }

        var groups = new List<ComparatorGroup>();
        var groupCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var map in root.Maps("comparator_groups"))
        {
            var code = map.Id("code");
            var area = new Area
            {
                Code = code?.Value ?? "",
                Name = map.String("name", required: true) ?? "",
                Type = AreaType.ComparatorGroup,
                DefinedBy = map.String("publisher"),
                Url = map.String("url"),
            };
            var members = new List<string>();
            foreach (var (member, mark) in map.Strings("members"))
            {
                if (!context.AreaCodes.Contains(member))
                {
                    file.Error(mark, $"comparator group member '{member}' is not a known area: add it to the areas file");
                }
                else
                {
                    members.Add(member);
                }
            }

            if (!map.Has("members"))
            {
                file.Error(map.Node.Start, $"'{map.Path}.members' is required but missing (write [] when the membership is not yet known)");
            }

            map.RejectUnknownFields();
            if (code is { } c)
            {
                if (!groupCodes.Add(c.Value))
                {
                    file.Error(c.Mark, $"duplicate comparator group '{c.Value}'");
                }

                groups.Add(new ComparatorGroup(area, members));
            }
        }

        bool IsArea(string code) => context.AreaCodes.Contains(code) || groupCodes.Contains(code);

        var measures = new List<MeasureDefinition>();
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var map in root.Maps("measures", required: true))
        {
            var code = map.String("code", required: true);
            var unit = Choice(map, "unit", Units, required: true);
            var periodType = Choice(map, "period_type", PeriodTypes, required: true);
            var measure = new Measure
            {
                Code = code ?? "",
                Title = map.String("title", required: true) ?? "",
                Definition = map.String("definition", required: true) ?? "",
                Unit = unit ?? default,
                UnitLabel = map.String("unit_label"),
                RatePer = (double?)map.Number("rate_per", required: unit == MeasureUnit.Rate),
                Decimals = map.Integer("decimals") ?? 0,
                Polarity = Choice(map, "polarity", Polarities, required: true) ?? default,
                Frequency = Choice(map, "frequency", Frequencies, required: true) ?? default,
                PeriodType = periodType ?? default,
                Kind = Choice(map, "kind", Kinds, required: true) ?? default,
                SourceId = map.String("source"),
                Series = map.String("series"),
                Owner = map.String("owner"),
                PlanId = planId,
                BenchmarkAreaCode = map.String("benchmark"),
                SuppressBelow = map.Integer("suppress_below"),
                Caveat = map.String("caveat"),
                ReleaseLagMonths = map.Integer("release_lag_months"),
                ReleaseEveryMonths = map.Integer("release_every_months"),
                Discontinued = map.String("discontinued"),
                SpcNotApplied = map.String("spc_not_applied"),
                CountOfEvents = map.Boolean("count_of_events") ?? false,
                Seasonal = map.Boolean("seasonal") ?? false,
            };

            if (code is not null && codes.TryGetValue(code, out var firstLine))
            {
                file.Error(map.MarkOf("code"), $"duplicate measure code '{code}': it is already used on line {firstLine}");
            }
            else if (code is not null)
            {
                codes.Add(code, (int)map.MarkOf("code").Line);
            }

            if (!ValidDecimals(measure.Decimals))
            {
                file.Error(map.MarkOf("decimals"), $"'{map.Path}.decimals' must be between 0 and 6");
            }

            if (measure.SourceId is not null && !sources.ContainsKey(measure.SourceId))
            {
                file.Error(map.MarkOf("source"), $"source '{measure.SourceId}' is not defined in 'sources'");
            }

            if (measure.BenchmarkAreaCode is not null && !IsArea(measure.BenchmarkAreaCode))
            {
                file.Error(map.MarkOf("benchmark"), $"benchmark area '{measure.BenchmarkAreaCode}' is not a known area or comparator group");
            }

            if (measure.Owner is { } owner && ServiceDirectory.OwnerProblem(owner) is { } problem)
            {
                file.Error(map.MarkOf("owner"), $"'{map.Path}.owner' {problem}");
            }

            var portfolio = map.String("portfolio");
            if (portfolio is not null && context.PlanElements.GetValueOrDefault(portfolio) != ElementKind.Portfolio)
            {
                file.Error(map.MarkOf("portfolio"), $"'{portfolio}' is not a portfolio in plan '{planId}'");
            }

            var evidence = new List<string>();
            foreach (var (key, mark) in map.Strings("evidences"))
            {
                if (!context.PlanElements.TryGetValue(key, out var kind))
                {
                    file.Error(mark, $"'{key}' is not an element of plan '{planId}'");
                }
                else if (!CanEvidence(kind))
                {
                    file.Error(mark, $"'{key}' is a {PlanFileReader.Describe(kind)}: a measure evidences impact statements, commitments, key areas and the like");
                }
                else
                {
                    evidence.Add(key);
                }
            }

            var comparators = new List<string>();
            foreach (var (comparator, mark) in map.Strings("comparators"))
            {
                if (!IsArea(comparator))
                {
                    file.Error(mark, $"comparator '{comparator}' is not a known area or comparator group");
                }
                else
                {
                    comparators.Add(comparator);
                }
            }

            var dimensionIds = new List<string>();
            foreach (var (dimension, mark) in map.Strings("breakdowns"))
            {
                if (!dimensions.ContainsKey(dimension))
                {
                    file.Error(mark, $"breakdown dimension '{dimension}' is not defined in 'dimensions'");
                }
                else
                {
                    dimensionIds.Add(dimension);
                }
            }

            foreach (var targetMap in map.Maps("targets"))
            {
                var periodText = targetMap.String("period", required: true);
                var target = new MeasureTarget
                {
                    Period = periodText ?? "",
                    Value = (double?)targetMap.Number("value", required: true) ?? 0,
                    Tolerance = (double?)targetMap.Number("tolerance"),
                    ToleranceType = Choice(targetMap, "tolerance_type", ToleranceTypes, required: false) ?? ToleranceType.Absolute,
                    Source = targetMap.String("source"),
                };
                if (periodText is not null && periodType is { } type)
                {
                    if (Period.TryParse(type, periodText, out var period))
                    {
                        target.Period = period.Label;
                        target.PeriodStart = period.Start;
                        if (measure.Targets.Any(t => t.PeriodStart == period.Start))
                        {
                            file.Error(targetMap.MarkOf("period"), $"a target for {period.Label} is already given");
                        }
                    }
                    else
                    {
                        file.Error(targetMap.MarkOf("period"), $"target period '{periodText}' is not a {Describe(type)} period: write it like {Period.Example(type)}");
                    }
                }

                if (target.Tolerance is < 0)
                {
                    file.Error(targetMap.MarkOf("tolerance"), "the tolerance must not be negative");
                }

                targetMap.RejectUnknownFields();
                measure.Targets.Add(target);
            }

            if (measure.ReleaseLagMonths is < 0 or > 120)
            {
                file.Error(map.MarkOf("release_lag_months"), $"'{map.Path}.release_lag_months' must be between 0 and 120 months");
            }

            if (measure.ReleaseEveryMonths is < 1 or > 120)
            {
                file.Error(map.MarkOf("release_every_months"), $"'{map.Path}.release_every_months' must be between 1 and 120 months");
            }

            if (measure.CountOfEvents && measure.Unit != MeasureUnit.Count)
            {
                file.Error(map.MarkOf("count_of_events"), $"'{map.Path}.count_of_events' is only for measures whose unit is count");
            }

            foreach (var breakMap in map.Maps("breaks"))
            {
                var periodText = breakMap.String("period", required: true);
                var reason = breakMap.String("reason", required: true);
                breakMap.RejectUnknownFields();
                if (periodText is null || reason is null || periodType is not { } type)
                {
                    continue;
                }

                if (!Period.TryParse(type, periodText, out var period))
                {
                    file.Error(breakMap.MarkOf("period"), $"break period '{periodText}' is not a {Describe(type)} period: write it like {Period.Example(type)}");
                }
                else if (measure.Breaks.Any(b => b.PeriodStart == period.Start))
                {
                    file.Error(breakMap.MarkOf("period"), $"a break at {period.Label} is already given");
                }
                else
                {
                    measure.Breaks.Add(new MeasureBreak { Period = period.Label, PeriodStart = period.Start, Reason = reason });
                }
            }

            map.RejectUnknownFields();
            measures.Add(new MeasureDefinition(measure, portfolio, evidence, dimensionIds, comparators));
        }

        root.RejectUnknownFields();
        if (file.Errors.Count > 0)
        {
            throw new InvalidInputException(file.Errors.OrderBy(e => e.Row).ToList());
        }

        return new MeasureDocument(planId, [.. sources.Values], [.. dimensions.Values], categories, groups, measures);
    }

    public static string Describe(PeriodType type) => PeriodTypes.Single(p => p.Value == type).Key;

    /// <summary>Measures evidence what the plan promises (impact statements, commitments, key areas ...), not its furniture.</summary>
    public static bool CanEvidence(ElementKind kind) => kind is not (ElementKind.Portfolio or ElementKind.ScrutinyRow or ElementKind.Section or ElementKind.Value);

    /// <summary>Decimal places a measure may be shown to.</summary>
    public static bool ValidDecimals(int decimals) => decimals is >= 0 and <= 6;

    private static T? Choice<T>(YamlMap map, string key, Dictionary<string, T> choices, bool required)
        where T : struct
    {
        var text = map.String(key, required);
        if (text is null)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        map.File.Error(map.MarkOf(key), $"'{map.Path}.{key}' is '{text}': it must be one of {string.Join(", ", choices.Keys)}");
        return null;
    }
}
