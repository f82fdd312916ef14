using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Pages.Accessibility;

public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache);
