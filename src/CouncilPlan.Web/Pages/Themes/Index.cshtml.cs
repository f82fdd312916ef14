using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Pages.Themes;

public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache);
