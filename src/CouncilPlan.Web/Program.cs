using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;
using CouncilPlan.Web.Api.V1;
using CouncilPlan.Web.Diagnostics;
using CouncilPlan.Web.OpenData;
using CouncilPlan.Web.Operations;
using CouncilPlan.Web.Plans;
using CouncilPlan.Web.PublicData;
using CouncilPlan.Web.Reminders;
using CouncilPlan.Web.Security;
using CouncilPlan.Web.Sitemap;
using CouncilPlan.Web.Sources;
using CouncilPlan.Web.Staff;
using CouncilPlan.Web.Staff.Security;

var builder = WebApplication.CreateBuilder(args);
builder.Host.UseDefaultServiceProvider(options =>
{
    options.ValidateOnBuild = true;
    options.ValidateScopes = true;
});

builder.AddProxyHeaders();
builder.Services.AddFriendlyErrors();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddCouncilPlanDatabase(builder.Configuration, Directory.GetCurrentDirectory());
builder.Services.AddOutputCache(options =>
{
    // Public pages only: the staff workspace is never cached anywhere.
    options.AddBasePolicy(policy => policy
        .With(context => !context.HttpContext.Request.Path.StartsWithSegments("/staff"))
        .Tag(PublicDataCache.OutputCacheTag)
        .Expire(TimeSpan.FromHours(1)));
    ApiV1.AddPolicies(options);
});
builder.Services.AddCouncilPlanMetrics();
builder.AddCouncilPlanTelemetry();
builder.Services.AddSingleton<PublicDataCache>();
builder.Services.AddHostedService<DataVersionWatcher>();
builder.Services.AddHostedService<DataVersionListener>();
builder.Services.AddScoped<CurrentPlan>();
builder.Services.AddQuarterlyCycle();
builder.Services.AddRazorPages(options => options.AddStaffConventions());
builder.Services.AddRouting(options => options.LowercaseUrls = true);
builder.Services.AddApiV1();
builder.Services.AddSourceRefresh(builder.Configuration, Directory.GetCurrentDirectory());
builder.Services.AddReminders(builder.Configuration);
builder.AddStaffSecurity();
builder.Services.AddCouncilPlanHealth();

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.UseFriendlyErrors();
app.UseSecurityHeaders();
app.UseSchemaGate();
app.UseStaticFiles();
app.UseRouting();
app.UseStaffSecurity();
app.UseOutputCache();
app.MapRazorPages().CacheOutput();
app.MapSitemap();
app.MapApiV1();
app.MapDcatCatalogue();
app.MapCouncilPlanHealth();
app.MapCouncilPlanMetrics();

await app.RunAsync();

/// <summary>The web app's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
