using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Pages.About;

public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache);
