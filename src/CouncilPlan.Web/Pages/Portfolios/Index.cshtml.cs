using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Pages.Portfolios;

public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache);
