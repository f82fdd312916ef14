using CouncilPlan.Web.Api.V1;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CouncilPlan.Web.Pages.OpenData;

/// <summary>One API operation as the reference page shows it.</summary>
public sealed record ApiOperation(string Id, string Method, string Path, string Summary, string Description, IReadOnlyList<ApiParameter> Parameters);

public sealed record ApiParameter(string Name, string Where, bool Repeatable);

/// <summary>
/// The interactive API reference: every operation of the open-data API, read from the same
/// metadata as the OpenAPI document, each with a form that calls it. Forms use GET, so it works
/// without JavaScript.
/// </summary>
public sealed class ApiModel(IApiDescriptionGroupCollectionProvider explorer) : PageModel
{
    public IReadOnlyList<ApiOperation> Operations { get; private set; } = [];

    public void OnGet()
    {
        Operations = explorer.ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .Where(d => d.RelativePath?.StartsWith(ApiV1.Prefix.TrimStart('/'), StringComparison.Ordinal) == true && d.HttpMethod == "GET")
            .Select(d => new ApiOperation(
                d.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName ?? d.RelativePath!,
                d.HttpMethod!,
                "/" + d.RelativePath,
                d.ActionDescriptor.EndpointMetadata.OfType<IEndpointSummaryMetadata>().FirstOrDefault()?.Summary ?? "",
                d.ActionDescriptor.EndpointMetadata.OfType<IEndpointDescriptionMetadata>().FirstOrDefault()?.Description ?? "",
                d.ParameterDescriptions
                    .Where(p => p.Source.Id is "Path" or "Query" && p.Type is not null && !typeof(CancellationToken).IsAssignableFrom(p.Type))
                    .Select(p => new ApiParameter(p.Name, p.Source.Id, p.Type!.IsArray))
                    .ToList()))
            .OrderBy(o => o.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Fills path parameters into an operation's address and goes there (forms cannot do that without script).</summary>
    public IActionResult OnGetTry(string path)
    {
        if (!path.StartsWith(ApiV1.Prefix + "/", StringComparison.Ordinal) || path.Contains("..", StringComparison.Ordinal))
        {
            return BadRequest();
        }

        var query = new List<KeyValuePair<string, string?>>();
        foreach (var (key, values) in Request.Query)
        {
            if (key is "path" or "handler")
            {
                continue;
            }

            var placeholder = "{" + key + "}";
            if (path.Contains(placeholder, StringComparison.Ordinal))
            {
                path = path.Replace(placeholder, Uri.EscapeDataString(values.ToString()), StringComparison.Ordinal);
            }
            else
            {
                query.AddRange(values.Where(v => !string.IsNullOrEmpty(v)).Select(v => KeyValuePair.Create(key, v)));
            }
        }

        return LocalRedirect(path + QueryString.Create(query));
    }
}
