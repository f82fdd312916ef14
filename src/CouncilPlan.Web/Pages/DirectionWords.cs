using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Web.Pages;

/// <summary>A direction of travel to put in words: the measure (for its unit), the judgement and "on a year earlier".</summary>
public sealed record DirectionWords(Measure Measure, DirectionJudgement Judgement, string Since);
