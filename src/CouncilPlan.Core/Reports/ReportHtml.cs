using System.Globalization;
using System.Text;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Reports;

/// <summary>
/// The accessible HTML of a report, written from the model alone: headings in order, every table
/// with a caption and header cells with their scope, every status in words (colour only repeats
/// them), charts as SVG with a title and description. <see cref="Document"/> is a whole page with its
/// own styles and print rules (the file download, and the PDF's source); the portal puts
/// <see cref="Cover"/> and <see cref="Body"/> inside its own layout under its own h1. The class names
/// are GOV.UK Frontend's, so the portal styles them as the rest of the site; the document carries
/// the few rules it needs.
/// </summary>
public static class ReportHtml
{
    private static readonly CultureInfo EnGb = ReportWords.EnGb;

    /// <summary>A complete HTML document: lang, title, styles, print rules.</summary>
    public static string Document(PortfolioReport report, ReportProvenance provenance)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>{E(report.Title)}</title>\n");
        html.Append(CultureInfo.InvariantCulture, $"<meta name=\"author\" content=\"{E(report.CouncilName)}\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<meta name=\"description\" content=\"{E($"{report.CouncilName}: {report.Title}, as reported to committee.")}\">\n");
        html.Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main id=\"main-content\" class=\"cp-report\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"govuk-caption-l\">{E(report.CouncilName)}: {E(report.PlanName)}</span>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1 class=\"govuk-heading-xl\">{E(report.Title)}</h1>\n");
        html.Append(Cover(report, provenance));
        html.Append(Body(report));
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The cover's facts: the quarter, where the report came from, and the draft warning.</summary>
    public static string Cover(PortfolioReport report, ReportProvenance provenance)
    {
        var html = new StringBuilder();
        if (provenance.IsDraft)
        {
            html.Append("<div class=\"govuk-warning-text cp-draft\"><strong class=\"govuk-warning-text__text\">Draft: this report has not been frozen for committee. It shows published data as it stands now and will change as figures are published or revised.</strong></div>\n");
        }

        html.Append("<dl class=\"govuk-summary-list cp-cover\">\n");
        Row(html, report.ScopeLabel, report.PortfolioTitle);
        Row(html, report.PeriodWord, $"{report.Quarter} ({ReportWords.Date(report.QuarterStart)} to {ReportWords.Date(report.QuarterEnd)}): figures for periods ending on or before {ReportWords.Date(report.QuarterEnd)}");
        Row(html, "Plan", report.PlanName);
        if (provenance.SnapshotId is { } id)
        {
            Row(html, "Report", $"Frozen snapshot {id.ToString(CultureInfo.InvariantCulture)}, produced by {provenance.ProducedBy} on {ReportWords.DateTime(provenance.ProducedAt!.Value)}");
            Row(html, "Fingerprint", $"SHA-256 {provenance.Sha256}");
        }
        else
        {
            Row(html, "Report", $"Draft built on {ReportWords.DateTime(report.BuiltAt)}");
        }

        Row(html, "Data", $"Published figures only (data version {report.DataVersion.ToString(CultureInfo.InvariantCulture)})");
        html.Append("</dl>\n");
        return html.ToString();
    }

    /// <summary>The report's sections, each under an h2.</summary>
    public static string Body(PortfolioReport report)
    {
        var html = new StringBuilder();
        html.Append("<nav class=\"cp-contents\" aria-labelledby=\"contents-heading\">\n<h2 class=\"govuk-heading-m\" id=\"contents-heading\">Contents</h2>\n<ol class=\"govuk-list govuk-list--number\">\n");
        // Budgets are published by portfolio: a report about anything else has a resources section only when some were.
        var resources = report.ScopeKind == ReportScopeKind.Portfolio || report.Resources.Revenue is not null || report.Resources.Capital.Count > 0;
        foreach (var (id, title) in new[] { ("summary", "Summary"), ("measures", "Measures"), ("exceptions", "Exceptions"), ("commitments", report.DeliveryHeading), ("resources", "Resources"), ("changes", "What changed since the last report") }.Where(s => resources || s.Item1 != "resources"))
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a class=\"govuk-link\" href=\"#{id}\">{title}</a></li>\n");
        }

        html.Append("</ol>\n</nav>\n");
        Summary(html, report);
        MeasuresTable(html, report);
        Exceptions(html, report);
        Commitments(html, report);
        if (resources)
        {
            Resources(html, report);
        }

        Changes(html, report);
        return html.ToString();
    }

    private static void Summary(StringBuilder html, PortfolioReport report)
    {
        var s = report.Summary;
        html.Append("<section class=\"cp-section\" id=\"summary\" aria-labelledby=\"summary-heading\">\n<h2 class=\"govuk-heading-l\" id=\"summary-heading\">Summary</h2>\n");
        foreach (var sentence in s.Sentences)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"govuk-body\">{E(sentence)}</p>\n");
        }

        if (report.Scope.Count > 0)
        {
            html.Append("<p class=\"govuk-body\">The portfolio answers to scrutiny for:</p>\n<ul class=\"govuk-list govuk-list--bullet\">\n");
            foreach (var scope in report.Scope)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(scope.Row)}: {E(string.Join(", ", scope.Covers))}</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("<div class=\"cp-counts\">\n");
        CountTable(html, "summary-rag", $"Measures by RAG rating ({s.MeasureCount.ToString(EnGb)} measures)", "Rating", s.ByRag, withMeaning: true);
        CountTable(html, "summary-spc", "Measures by statistical process control (SPC) variation", "Variation", s.ByVariation, withMeaning: true);
        CountTable(html, "summary-commitments", $"{report.DeliveryHeading} by status ({s.CommitmentCount.ToString(EnGb)})", "Status", s.ByCommitmentStatus, withMeaning: false);
        html.Append("</div>\n</section>\n");
    }

    private static void CountTable(StringBuilder html, string id, string caption, string what, IReadOnlyList<ReportCount> counts, bool withMeaning)
    {
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"govuk-table cp-count-table\" id=\"{id}\">\n<caption class=\"govuk-table__caption govuk-table__caption--s\">{E(caption)}</caption>\n");
        html.Append(CultureInfo.InvariantCulture, $"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">{what}</th>{(withMeaning ? "<th scope=\"col\" class=\"govuk-table__header\">Meaning</th>" : "")}<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Number</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
        if (counts.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">None</th>{(withMeaning ? "<td class=\"govuk-table__cell\"></td>" : "")}<td class=\"govuk-table__cell govuk-table__cell--numeric\">0</td></tr>\n");
        }

        foreach (var c in counts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">{E(c.Label)}</th>{(withMeaning ? $"<td class=\"govuk-table__cell\">{E(c.Meaning)}</td>" : "")}<td class=\"govuk-table__cell govuk-table__cell--numeric\" data-count=\"{c.Count.ToString(CultureInfo.InvariantCulture)}\">{c.Count.ToString(EnGb)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>The columns of the measures table, in order: the spreadsheet uses the same names.</summary>
    public static IReadOnlyList<string> MeasureColumns { get; } =
        ["Reference", "Measure", "Owner", "Frequency", "Previous values", "Target", "Latest value", "RAG rating", "Direction of travel: short term", "Direction of travel: long term", "SPC variation", "Benchmark comparison", "Commentary and corrective action", "Data caveats"];

    private static void MeasuresTable(StringBuilder html, PortfolioReport report)
    {
        html.Append("<section class=\"cp-section\" id=\"measures\" aria-labelledby=\"measures-heading\">\n<h2 class=\"govuk-heading-l\" id=\"measures-heading\">Measures</h2>\n");
        if (report.Measures.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"govuk-body\">No measures are reported for {E(report.ScopeNoun)}.</p>\n</section>\n");
            return;
        }

        html.Append("<p class=\"govuk-body\">Short-term direction compares the latest figure with the period before; long-term with the same period a year earlier. RAG is judged against the target for the latest period, with the tolerance within which it is amber.</p>\n");
        html.Append("<div class=\"cp-table-wrapper\" role=\"region\" aria-labelledby=\"measures-caption\" tabindex=\"0\">\n<table class=\"govuk-table cp-measures\" id=\"measures-table\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<caption class=\"govuk-table__caption govuk-table__caption--m\" id=\"measures-caption\">Measures for {E(report.PortfolioTitle)}, as at {E(report.Quarter)}</caption>\n");
        html.Append("<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
        foreach (var column in MeasureColumns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\" class=\"govuk-table__header\">{E(column)}</th>");
        }

        html.Append("</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
        foreach (var m in report.Measures)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"govuk-table__row\" id=\"measure-{E(m.Code)}\" data-rag=\"{m.Rag}\" data-variation=\"{E(m.Variation ?? "")}\">");
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"row\" class=\"govuk-table__header\">{E(m.Code)}</th>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"govuk-table__cell\">{E(m.Title)}{(m.Kind == nameof(MeasureKind.Context) ? " (context indicator)" : "")} <span class=\"cp-quiet\">Unit: {E(ReportWords.UnitWords(m))}</span></td>");
            Cell(html, m.Owner ?? "");
            Cell(html, m.Frequency);
            html.Append("<td class=\"govuk-table__cell\">");
            if (m.Previous.Count == 0)
            {
                html.Append('–');
            }
            else
            {
                html.Append("<ul class=\"cp-values\">");
                foreach (var p in m.Previous)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li>{E(p.Period)}: {E(ReportWords.Short(m, p.Value))}</li>");
                }

                html.Append("</ul>");
            }

            html.Append("</td>");
            Cell(html, m.Target is null ? "No target" : $"{ReportWords.Short(m, m.Target)} ({m.TargetPeriod})");
            Cell(html, m.Latest is { } latest ? $"{ReportWords.Short(m, latest.Value)} ({latest.Period})" : ReportWords.AwaitingData);
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"govuk-table__cell\"><strong class=\"govuk-tag {RagTag(m.Rag)}\">{E(MeasureWords.RagShort(m.Rag))}</strong>{(m.Rag == Rag.NotRated ? "" : " " + E(ReportWords.RagMeaning(m.Rag)))}{(m.Tolerance is { } t ? $"; {E(t)}" : "")}{(m.NoiseAware is { Length: > 0 } noise ? $". {E(noise)}" : "")}</td>");
            Cell(html, ReportWords.Direction(m.ShortTerm));
            Cell(html, ReportWords.Direction(m.LongTerm));
            Cell(html, m.Variation is null ? "Too few figures" : MeasureWords.Variation(m.Variation) + (ReportWords.Assurance(m.Assurance) is { Length: > 0 } a ? $". {a}" : ""));
            Cell(html, m.BenchmarkName is null ? "No benchmark" : m.BenchmarkValue is null ? $"No {m.BenchmarkName} figure" : $"{MeasureWords.Comparison(m.Comparison, m.BenchmarkName)} ({m.BenchmarkName} {ReportWords.Short(m, m.BenchmarkValue)})");
            html.Append("<td class=\"govuk-table__cell\">");
            if (m.Commentary is { } c)
            {
                if (c.Text is { Length: > 0 } text)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p class=\"cp-cell-text\">{E(text)} <span class=\"cp-quiet\">({E(c.Quarter)})</span></p>");
                }

                if (c.CorrectiveAction is { Length: > 0 } action)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p class=\"cp-cell-text\"><strong>Corrective action:</strong> {E(action)}{Owner(c)}</p>");
                }
            }
            else
            {
                html.Append("None published");
            }

            html.Append("</td>");
            Cell(html, m.Caveats.Count == 0 ? "None" : string.Join(" ", m.Caveats));
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private static void Exceptions(StringBuilder html, PortfolioReport report)
    {
        html.Append("<section class=\"cp-section\" id=\"exceptions\" aria-labelledby=\"exceptions-heading\">\n<h2 class=\"govuk-heading-l\" id=\"exceptions-heading\">Exceptions</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"govuk-body\">A measure is reported here when it is red, when its latest figure is special-cause concern, or when the {E(report.PlaceWord)} figure hides a group or ward significantly worse than it; {(report.DeliveryWord.Length > 0 && "aeiou".Contains(report.DeliveryWord[0], StringComparison.Ordinal) ? "an" : "a")} {E(report.DeliveryWord)}, when its date has passed and it is not complete.</p>\n");
        if (report.Exceptions.Count == 0)
        {
            html.Append("<p class=\"govuk-body\">Nothing meets these rules this quarter.</p>\n</section>\n");
            return;
        }

        var index = 0;
        foreach (var e in report.Exceptions)
        {
            index++;
            var id = $"exception-{index.ToString(CultureInfo.InvariantCulture)}";
            html.Append(CultureInfo.InvariantCulture, $"<article class=\"cp-exception\" id=\"{id}\" aria-labelledby=\"{id}-heading\">\n<h3 class=\"govuk-heading-m\" id=\"{id}-heading\">{E(e.Kind == "Measure" ? $"{e.Reference} {e.Title}" : e.Title)}</h3>\n");
            html.Append("<p class=\"govuk-body\"><strong>Why it is here:</strong></p>\n<ul class=\"govuk-list govuk-list--bullet\">\n");
            foreach (var reason in e.Reasons)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(reason)}</li>\n");
            }

            html.Append("</ul>\n");
            if (e.Kind == "Measure" && report.Measures.FirstOrDefault(m => m.Code == e.Reference) is { } m)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"govuk-body\">{E(m.Summary)}</p>\n");
                html.Append(CultureInfo.InvariantCulture, $"<figure class=\"cp-figure\" aria-labelledby=\"{id}-caption\">\n<figcaption class=\"govuk-body-s\" id=\"{id}-caption\">{E(m.Title)}: figures by period. Triangles marked C are special-cause concern, squares marked I improvement, diamonds marked S unusually high or low; the figures are in the table below.</figcaption>\n");
                html.Append(ReportChart.Render($"{id}-chart", m, m.Summary)).Append('\n');
                html.Append("</figure>\n");
                FiguresTable(html, m, id);
                if (m.Commentary is { } c)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<h4 class=\"govuk-heading-s\">Commentary, {E(c.Quarter)}</h4>\n<p class=\"govuk-body\">{E(c.Text ?? "No commentary was published.")}</p>\n");
                    if (c.CorrectiveAction is { Length: > 0 } action)
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<p class=\"govuk-body\"><strong>Corrective action:</strong> {E(action)}{Owner(c)}</p>\n");
                    }
                }
                else
                {
                    html.Append("<p class=\"govuk-body\">No commentary has been published for this measure.</p>\n");
                }
            }
            else if (e.Kind == "Commitment" && report.Commitments.FirstOrDefault(c => c.Key == e.Reference) is { } c)
            {
                html.Append("<dl class=\"govuk-summary-list\">\n");
                Row(html, "Part of", c.Under);
                Row(html, "Date in the plan", c.Due ?? "None");
                Row(html, "Revised date", c.RevisedDate is { } r ? ReportWords.Date(r) : "None");
                Row(html, "Status", ReportWords.CommitmentStatus(c.Status) + (c.StatusQuarter is { } q ? $" ({q})" : ""));
                Row(html, "Commentary", c.Commentary ?? "None published");
                html.Append("</dl>\n");
            }

            html.Append("</article>\n");
        }

        html.Append("</section>\n");
    }

    private static void FiguresTable(StringBuilder html, ReportMeasure m, string id)
    {
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"govuk-table cp-figures\">\n<caption class=\"govuk-table__caption govuk-table__caption--s\">{E(m.Code)} {E(m.Title)}: the figures in the chart</caption>\n");
        html.Append("<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Period</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Value</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Target</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Benchmark</th><th scope=\"col\" class=\"govuk-table__header\">Variation</th><th scope=\"col\" class=\"govuk-table__header\">Status</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
        foreach (var p in m.Series.TakeLast(12))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">{E(p.Period)}</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">{E(ReportWords.Number(m, p.Value))}</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">{E(ReportWords.Number(m, p.Target))}</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">{E(ReportWords.Number(m, p.Benchmark))}</td><td class=\"govuk-table__cell\">{E(ReportChart.PointWords(p.PointType))}</td><td class=\"govuk-table__cell\">{E(ReportWords.ObservationStatus(p.Status))}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        _ = id;
    }

    private static void Commitments(StringBuilder html, PortfolioReport report)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"cp-section\" id=\"commitments\" aria-labelledby=\"commitments-heading\">\n<h2 class=\"govuk-heading-l\" id=\"commitments-heading\">{E(report.DeliveryHeading)}</h2>\n");
        if (report.Commitments.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"govuk-body\">No {E(ReportScopes.NoneOf(report.DeliveryWords))} sit under {(report.ScopeKind == ReportScopeKind.Portfolio ? "what this portfolio answers for" : E(report.ScopeNoun))}.</p>\n</section>\n");
            return;
        }

        html.Append("<div class=\"cp-table-wrapper\" role=\"region\" aria-labelledby=\"commitments-caption\" tabindex=\"0\">\n<table class=\"govuk-table cp-commitments\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<caption class=\"govuk-table__caption govuk-table__caption--m\" id=\"commitments-caption\">{E(report.DeliveryHeading)}, status as at {E(report.Quarter)}</caption>\n");
        html.Append(CultureInfo.InvariantCulture, $"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">{E(char.ToUpperInvariant(report.DeliveryWord[0]) + report.DeliveryWord[1..])}</th><th scope=\"col\" class=\"govuk-table__header\">Part of</th><th scope=\"col\" class=\"govuk-table__header\">Date in the plan</th><th scope=\"col\" class=\"govuk-table__header\">Revised date</th><th scope=\"col\" class=\"govuk-table__header\">Status</th><th scope=\"col\" class=\"govuk-table__header\">Commentary</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
        // Commitment or scheme is said of each row only where the plan has both.
        var mixed = report.DeliveryWord.EndsWith(" or scheme", StringComparison.Ordinal);
        foreach (var c in report.Commitments)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"govuk-table__row\" data-status=\"{c.Status}\"><th scope=\"row\" class=\"govuk-table__header\">{E(c.Title)}{(mixed ? $" <span class=\"cp-quiet\">({E(c.Kind.ToLowerInvariant())})</span>" : "")}</th>");
            Cell(html, c.Under);
            Cell(html, c.Due ?? "None");
            Cell(html, c.RevisedDate is { } r ? ReportWords.Date(r) : "None");
            Cell(html, ReportWords.CommitmentStatus(c.Status) + (c.StatusQuarter is { } q ? $" ({q})" : "") + (c.MissedDate ? ". Date missed" : ""));
            Cell(html, c.Commentary ?? "");
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private static void Resources(StringBuilder html, PortfolioReport report)
    {
        var r = report.Resources;
        html.Append("<section class=\"cp-section\" id=\"resources\" aria-labelledby=\"resources-heading\">\n<h2 class=\"govuk-heading-l\" id=\"resources-heading\">Resources</h2>\n");
        html.Append("<p class=\"govuk-body\">Amounts are published by the council's finance team. A missing amount is awaiting data: it is not zero.</p>\n");
        html.Append("<h3 class=\"govuk-heading-m\">Revenue budget and savings</h3>\n");
        if (r.Revenue is not { } revenue)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"govuk-body\">Awaiting data: no revenue budget has been published for {E(report.ScopeNoun)}.</p>\n");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<table class=\"govuk-table cp-revenue\">\n<caption class=\"govuk-table__caption govuk-table__caption--s\">Revenue budget, {E(report.PortfolioTitle)}, as at {E(revenue.AsAt)}</caption>\n<tbody class=\"govuk-table__body\">\n");
            MoneyRow(html, "Revenue budget", ReportWords.Money(revenue.Budget));
            MoneyRow(html, "Forecast outturn", ReportWords.Money(revenue.Forecast));
            MoneyRow(html, "Variance (forecast less budget)", ReportWords.Variance(revenue.Variance));
            MoneyRow(html, "Savings target", ReportWords.Money(revenue.SavingsTarget));
            MoneyRow(html, "Savings delivered", ReportWords.Money(revenue.SavingsDelivered));
            MoneyRow(html, "Source", revenue.Source ?? "Awaiting data");
            if (revenue.Note is { } note)
            {
                MoneyRow(html, "Note", note);
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("<h3 class=\"govuk-heading-m\">Capital schemes</h3>\n");
        if (r.Capital.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"govuk-body\">No capital schemes have been published for {E(report.ScopeNoun)}.</p>\n");
        }
        else
        {
            html.Append("<div class=\"cp-table-wrapper\" role=\"region\" aria-labelledby=\"capital-caption\" tabindex=\"0\">\n<table class=\"govuk-table cp-capital\">\n");
            html.Append(CultureInfo.InvariantCulture, $"<caption class=\"govuk-table__caption govuk-table__caption--s\" id=\"capital-caption\">Capital schemes, {E(report.PortfolioTitle)}</caption>\n");
            html.Append("<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Scheme</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Budget</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Spent to date</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Forecast</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Variance</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Funding secured</th><th scope=\"col\" class=\"govuk-table__header\">As at</th><th scope=\"col\" class=\"govuk-table__header\">Source and notes</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
            foreach (var line in r.Capital)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"govuk-table__row\" id=\"capital-{E(line.Key)}\"><th scope=\"row\" class=\"govuk-table__header\">{E(line.Title)}{(line.ElementTitle is { } part && part != line.Title ? $" <span class=\"cp-quiet\">({E(part)})</span>" : "")}</th>");
                Cell(html, ReportWords.Money(line.Budget), numeric: true);
                Cell(html, ReportWords.Money(line.SpentToDate), numeric: true);
                Cell(html, ReportWords.Money(line.Forecast), numeric: true);
                Cell(html, ReportWords.Variance(line.Variance), numeric: true);
                Cell(html, ReportWords.Money(line.FundingSecured), numeric: true);
                Cell(html, line.AsAt);
                Cell(html, string.Join(" ", new[] { line.Source is { } s ? "Source: " + s + "." : line.AwaitingData ? "Awaiting data." : null, line.Note }.OfType<string>()));
                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n</table>\n</div>\n");
        }

        html.Append("</section>\n");
    }

    private static void Changes(StringBuilder html, PortfolioReport report)
    {
        var c = report.Changes;
        html.Append("<section class=\"cp-section\" id=\"changes\" aria-labelledby=\"changes-heading\">\n<h2 class=\"govuk-heading-l\" id=\"changes-heading\">What changed since the last report</h2>\n");
        if (c.IsFirst)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"govuk-body\">This is the first report frozen for {E(report.ScopeNoun)}, so there is nothing to compare it with.</p>\n</section>\n");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<p class=\"govuk-body\">Compared with report snapshot {c.PreviousSnapshotId!.Value.ToString(CultureInfo.InvariantCulture)} ({E(c.PreviousQuarter ?? "")}, produced {E(ReportWords.DateTime(c.PreviousProducedAt!.Value))}).</p>\n");
        if (c.Nothing)
        {
            html.Append("<p class=\"govuk-body\">Nothing has changed: no new or revised figures, no status changes and no new exceptions.</p>\n");
        }

        var measures = report.Measures.ToDictionary(m => m.Code, StringComparer.Ordinal);
        string V(string code, double? value) => measures.TryGetValue(code, out var m) ? ReportWords.Value(m, value) : value?.ToString(EnGb) ?? "–";
        html.Append("<h3 class=\"govuk-heading-m\">Revised figures</h3>\n");
        if (c.RevisedFigures.Count == 0)
        {
            html.Append("<p class=\"govuk-body\">No figure has been revised.</p>\n");
        }
        else
        {
            html.Append("<table class=\"govuk-table cp-revised\">\n<caption class=\"govuk-table__caption govuk-table__caption--s\">Figures revised since the last report, with both values</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Measure</th><th scope=\"col\" class=\"govuk-table__header\">Period</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Previously reported</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Now</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
            foreach (var f in c.RevisedFigures)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">{E(f.Code)} {E(f.Title)}</th>");
                Cell(html, f.Period);
                Cell(html, $"{V(f.Code, f.OldValue)} ({ReportWords.ObservationStatus(f.OldStatus ?? "")})", numeric: true);
                Cell(html, $"{V(f.Code, f.NewValue)} ({ReportWords.ObservationStatus(f.NewStatus)})", numeric: true);
                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("<h3 class=\"govuk-heading-m\">New figures</h3>\n");
        if (c.NewFigures.Count == 0)
        {
            html.Append("<p class=\"govuk-body\">No new figures have been published.</p>\n");
        }
        else
        {
            html.Append("<table class=\"govuk-table cp-new\">\n<caption class=\"govuk-table__caption govuk-table__caption--s\">Figures published since the last report</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Measure</th><th scope=\"col\" class=\"govuk-table__header\">Period</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Value</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
            foreach (var f in c.NewFigures)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">{E(f.Code)} {E(f.Title)}</th>");
                Cell(html, f.Period);
                Cell(html, V(f.Code, f.NewValue), numeric: true);
                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("<h3 class=\"govuk-heading-m\">Status changes</h3>\n");
        if (c.StatusChanges.Count == 0)
        {
            html.Append("<p class=\"govuk-body\">No commitment's status or measure's rating has changed.</p>\n");
        }
        else
        {
            html.Append("<table class=\"govuk-table cp-status-changes\">\n<caption class=\"govuk-table__caption govuk-table__caption--s\">Statuses and ratings that changed</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Measure or commitment</th><th scope=\"col\" class=\"govuk-table__header\">Was</th><th scope=\"col\" class=\"govuk-table__header\">Now</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n");
            foreach (var s in c.StatusChanges)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">{E(s.Kind == "Measure" ? $"{s.Key} {s.Title}" : s.Title)}</th>");
                Cell(html, s.OldStatus);
                Cell(html, s.NewStatus);
                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("<h3 class=\"govuk-heading-m\">New exceptions</h3>\n");
        if (c.NewExceptions.Count == 0)
        {
            html.Append("<p class=\"govuk-body\">No new exceptions.</p>\n");
        }
        else
        {
            html.Append("<ul class=\"govuk-list govuk-list--bullet cp-new-exceptions\">\n");
            foreach (var e in c.NewExceptions)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(e.Kind == "Measure" ? $"{e.Reference} {e.Title}" : e.Title)}: {E(string.Join(" ", e.Reasons))}</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</section>\n");
    }

    private static string Owner(ReportCommentary c) =>
        c.CorrectiveActionOwner is { } who ? E($" ({who}{(c.CorrectiveActionDue is { } due ? ", by " + ReportWords.Date(due) : "")})") : "";

    private static string RagTag(Rag rag) => rag switch
    {
        Rag.Red => "govuk-tag--red",
        Rag.Amber => "govuk-tag--yellow",
        Rag.Green => "govuk-tag--green",
        _ => "govuk-tag--grey",
    };

    private static void Row(StringBuilder html, string key, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">{E(key)}</dt><dd class=\"govuk-summary-list__value\">{E(value)}</dd></div>\n");

    private static void MoneyRow(StringBuilder html, string key, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">{E(key)}</th><td class=\"govuk-table__cell\">{E(value)}</td></tr>\n");

    private static void Cell(StringBuilder html, string text, bool numeric = false) =>
        html.Append(CultureInfo.InvariantCulture, $"<td class=\"govuk-table__cell{(numeric ? " govuk-table__cell--numeric" : "")}\">{E(text)}</td>");

    private static string E(string text) => ReportWords.Html(text);

    /// <summary>
    /// The report's own rules: a readable page on screen, and on paper (and in the PDF) A4 landscape
    /// with each exception on a new page and table rows kept whole. In the portal, GOV.UK Frontend
    /// styles the same classes and only the cp- rules apply.
    /// </summary>
    public const string Css = """
        .cp-report { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; line-height: 1.35; max-width: 1200px; margin: 0 auto; padding: 16px; font-size: 16px; }
        .cp-report .govuk-caption-l { display: block; color: #484949; font-size: 1.1rem; margin-bottom: 4px; }
        .cp-report .govuk-heading-xl { font-size: 2rem; margin: 0 0 24px; }
        .cp-report .govuk-heading-l { font-size: 1.6rem; margin: 32px 0 16px; border-top: 2px solid #0b0c0c; padding-top: 12px; }
        .cp-report .govuk-heading-m { font-size: 1.25rem; margin: 24px 0 12px; }
        .cp-report .govuk-heading-s { font-size: 1.05rem; margin: 16px 0 8px; }
        .cp-report .govuk-body, .cp-report .govuk-list { margin: 0 0 12px; }
        .cp-report .govuk-body-s { font-size: 0.9rem; }
        .cp-report .govuk-list--bullet { padding-left: 20px; }
        .cp-report .govuk-list--number { padding-left: 20px; }
        .cp-report a { color: #1d70b8; }
        .cp-contents li { margin-bottom: 6px; }
        .cp-contents a { display: inline-block; min-height: 24px; line-height: 24px; }
        .cp-report .govuk-summary-list { margin: 0 0 20px; }
        .cp-report .govuk-summary-list__row { display: flex; border-bottom: 1px solid #b1b4b6; padding: 6px 0; }
        .cp-report .govuk-summary-list__key { font-weight: bold; width: 25%; margin: 0; }
        .cp-report .govuk-summary-list__value { margin: 0; flex: 1; }
        .cp-report .govuk-table { border-collapse: collapse; width: 100%; margin-bottom: 20px; font-size: 0.9rem; }
        .cp-report .govuk-table__caption { text-align: left; font-weight: bold; padding-bottom: 6px; }
        .cp-report .govuk-table__header, .cp-report .govuk-table__cell { border-bottom: 1px solid #b1b4b6; padding: 6px 8px 6px 0; text-align: left; vertical-align: top; }
        .cp-report .govuk-table__header { font-weight: bold; }
        .cp-report .govuk-table__header--numeric, .cp-report .govuk-table__cell--numeric { text-align: right; }
        .cp-report .govuk-tag { display: inline-block; padding: 2px 6px; font-weight: bold; font-size: 0.85rem; }
        .cp-report .govuk-tag--red { color: #2a0b06; background: #f4cdc6; }
        .cp-report .govuk-tag--yellow { color: #594d00; background: #fff7bf; }
        .cp-report .govuk-tag--green { color: #005a30; background: #cce2d8; }
        .cp-report .govuk-tag--grey { color: #282d30; background: #e5e6e7; }
        .cp-report .govuk-warning-text { border-left: 6px solid #0b0c0c; padding: 8px 12px; margin-bottom: 20px; }
        .cp-table-wrapper { overflow-x: auto; }
        .cp-measures { font-size: 0.8rem; }
        .cp-measures .govuk-table__header, .cp-measures .govuk-table__cell { padding-right: 6px; }
        .cp-values { list-style: none; margin: 0; padding: 0; }
        .cp-cell-text { margin: 0 0 4px; }
        .cp-quiet { font-weight: normal; color: #484949; }
        .cp-counts { display: flex; flex-wrap: wrap; gap: 24px; }
        .cp-count-table { width: auto; min-width: 260px; }
        .cp-figure { margin: 0 0 16px; }
        .cp-chart { max-width: 100%; height: auto; }
        .cp-exception { border-left: 4px solid #b1b4b6; padding-left: 12px; margin-bottom: 24px; }
        @media print {
          @page { size: A4 landscape; margin: 12mm; }
          .cp-report { max-width: none; padding: 0; font-size: 10pt; }
          .cp-report a { color: #0b0c0c; text-decoration: none; }
          .cp-table-wrapper { overflow: visible; }
          .cp-measures { font-size: 7pt; }
          .cp-measures .govuk-tag { font-size: 7pt; }
          .cp-report tr, .cp-figure, .cp-count-table, .cp-figures { break-inside: avoid; }
          .cp-report thead { display: table-header-group; }
          .cp-section { break-before: page; }
          .cp-exception { border-left: 0; padding-left: 0; }
          .cp-exception + .cp-exception { break-before: page; }
          .cp-report h2, .cp-report h3, .cp-report h4 { break-after: avoid; }
          .cp-report .govuk-tag { border: 1px solid #0b0c0c; }
        }

        """;
}
