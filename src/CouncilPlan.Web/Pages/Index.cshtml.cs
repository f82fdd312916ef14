using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Pages;

public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache);
