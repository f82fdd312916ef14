using CouncilPlan.Web.Api.V1;

namespace CouncilPlan.Web.Diagnostics;

/// <summary>
/// What anyone sees when something goes wrong: the friendly /error pages on the site and problem
/// details in the API, in every environment, with no stack trace, file path, query or header (OWASP
/// ASVS 5.0, 16.5.1; debug features off, 13.4.2). The developer exception page is used only when
/// Diagnostics:DetailedErrors is set to true on purpose, never because of the environment's name:
/// the README's `dotnet run` starts Development, and that may be reachable by others.
/// </summary>
public static class FriendlyErrors
{
    public const string DetailedErrorsSetting = "Diagnostics:DetailedErrors";

    public static IServiceCollection AddFriendlyErrors(this IServiceCollection services)
    {
        // A value that cannot be bound answers 400 rather than throwing (the framework throws in
        // Development, which would show the developer page).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        return services;
    }

    public static WebApplication UseFriendlyErrors(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(DetailedErrorsSetting))
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            // The last resort, outside everything else: should the error page itself fail (say the
            // database is down), the answer is still a plain sentence. WebApplication adds the
            // developer exception page in Development outside this pipeline; nothing reaches it.
            app.Use(LastResortAsync);
            app.UseExceptionHandler("/error/500");
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");

        // The API answers in problem details (RFC 9457), for failures and bare status codes alike;
        // being inside the site's handlers, these answer first and the site's pages stand aside.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ApiV1.Prefix),
            api =>
            {
                if (!app.Configuration.GetValue<bool>(DetailedErrorsSetting))
                {
                    api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = context => ApiProblems.Failure().ExecuteAsync(context) });
                }

                api.UseStatusCodePages(context => ApiProblems.ForStatus(context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));
            });
        return app;
    }

    private static async Task LastResortAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FriendlyErrors)).LogError(exception, "The error page failed too for {Path}", context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Sorry, there is a problem with the service. Try again later.", context.RequestAborted);
        }
    }
}
