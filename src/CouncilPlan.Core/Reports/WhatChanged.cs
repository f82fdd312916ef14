using CouncilPlan.Core.Measures;

namespace CouncilPlan.Core.Reports;

/// <summary>
/// "What changed since the last report": compares a new report with the previous snapshot of the
/// same portfolio. New figures are periods the previous report did not have; revised figures are
/// periods whose value (or status) differs, with both values; status changes are commitments whose
/// status, and measures whose RAG, differ; new exceptions are those the previous report did not list.
/// </summary>
public static class WhatChanged
{
    public static ReportChanges Between(PreviousSnapshot previous, PortfolioReport current)
    {
        var before = previous.Report;
        var oldPoints = before.Measures
            .SelectMany(m => m.Series.Select(p => (m.Code, p)))
            .GroupBy(x => (x.Code, x.p.Period))
            .ToDictionary(g => g.Key, g => g.First().p);
        var newFigures = new List<ReportFigureChange>();
        var revised = new List<ReportFigureChange>();
        foreach (var m in current.Measures)
        {
            foreach (var p in m.Series)
            {
                if (!oldPoints.TryGetValue((m.Code, p.Period), out var old))
                {
                    newFigures.Add(new ReportFigureChange(m.Code, m.Title, p.Period, null, p.Value, null, p.Status));
                }
                else if (old.Value != p.Value || old.Status != p.Status)
                {
                    revised.Add(new ReportFigureChange(m.Code, m.Title, p.Period, old.Value, p.Value, old.Status, p.Status));
                }
            }
        }

        var statusChanges = new List<ReportStatusChange>();
        var oldCommitments = before.Commitments.ToDictionary(c => c.Key, StringComparer.Ordinal);
        foreach (var c in current.Commitments)
        {
            var was = oldCommitments.GetValueOrDefault(c.Key)?.Status ?? nameof(Updates.CommitmentStatus.NotYetReported);
            if (was != c.Status)
            {
                statusChanges.Add(new ReportStatusChange("Commitment", c.Key, c.Title, ReportWords.CommitmentStatus(was), ReportWords.CommitmentStatus(c.Status)));
            }
        }

        var oldMeasures = before.Measures.ToDictionary(m => m.Code, StringComparer.Ordinal);
        foreach (var m in current.Measures)
        {
            if (oldMeasures.TryGetValue(m.Code, out var old) && old.Rag != m.Rag)
            {
                statusChanges.Add(new ReportStatusChange("Measure", m.Code, m.Title, MeasureWords.RagShort(old.Rag), MeasureWords.RagShort(m.Rag)));
            }
        }

        var oldExceptions = before.Exceptions.Select(e => (e.Kind, e.Reference)).ToHashSet();
        var newExceptions = current.Exceptions.Where(e => !oldExceptions.Contains((e.Kind, e.Reference))).ToList();
        return new ReportChanges(previous.Id, previous.Quarter, previous.ProducedAt, newFigures, revised, statusChanges, newExceptions);
    }
}
