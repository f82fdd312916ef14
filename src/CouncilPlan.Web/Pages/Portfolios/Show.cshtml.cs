using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Pages.Portfolios;

public sealed class ShowModel(PublicDataCache cache) : PlanSectionPageModel(cache, ElementKind.Portfolio);
