using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Pages.Ambitions;

public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache);
