using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Operations;

namespace CouncilPlan.Web.Staff.Security;

/// <summary>
/// Creates the workspace's roles when they are missing, once the database is up to date; on a schema
/// behind the code (not migrated on start, see <see cref="DatabaseStart"/>) there is nowhere to put them yet.
/// </summary>
/// <remarks>Instances take turns (<see cref="DatabaseStart.StartJob"/>): two started together would both add the missing roles.</remarks>
public sealed class StaffRolesAtStart(IServiceScopeFactory scopes, SchemaAtStart schema, SingleRunner runner) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (schema.Pending.Count > 0)
        {
            return;
        }

        await runner.RunExclusiveAsync(DatabaseStart.StartJob, async token =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().EnsureRolesAsync(token);
        }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// HSTS first of all, so static files and error pages carry it too. As with UseHsts, only outside
/// Development and only over HTTPS.
/// </summary>
public sealed class HstsFirst(IWebHostEnvironment environment) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (!environment.IsDevelopment())
        {
            app.UseHsts();
        }

        next(app);
    };
}
