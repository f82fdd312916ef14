using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Pages.Programmes;

public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache);
