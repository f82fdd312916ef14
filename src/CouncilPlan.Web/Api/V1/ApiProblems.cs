using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace CouncilPlan.Web.Api.V1;

/// <summary>
/// Every error the API gives, as RFC 9457 problem details (application/problem+json): what was
/// wrong, in words, and for a query parameter its name in "parameter". Nothing about the server's
/// insides is ever part of one (OWASP ASVS 5.0, 16.5.1).
/// </summary>
public static class ApiProblems
{
    /// <summary>A query parameter the API cannot use: its name, and what it accepts.</summary>
    public static ProblemHttpResult BadParameter(string parameter, string allowed) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: $"The parameter {parameter} is not valid",
            detail: allowed,
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    /// <summary>A code, in the path or a filter, that names nothing published.</summary>
    public static ProblemHttpResult NotFound(string what, string code, string? parameter = null) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: $"No {what} {code}",
            detail: $"There is no {what} with the code {code}.",
            extensions: parameter is null ? null : new Dictionary<string, object?> { ["parameter"] = parameter, ["code"] = code });

    /// <summary>No plan has been published yet.</summary>
    public static ProblemHttpResult NoPlan() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No plan is published", detail: "The council has not published a plan here yet.");

    /// <summary>An unexpected failure: a generic sentence, nothing of the exception.</summary>
    public static ProblemHttpResult Failure() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status500InternalServerError,
            title: "Sorry, there is a problem with the service",
            detail: "Try again later.");

    /// <summary>A status with no body of its own (no such route, a method not allowed, a request the framework refused).</summary>
    public static ProblemHttpResult ForStatus(int status) =>
        TypedResults.Problem(statusCode: status, title: ReasonPhrases.GetReasonPhrase(status));

    /// <summary>An optional whole number from the query, at least <paramref name="minimum"/>.</summary>
    public static bool TryWholeNumber(string? text, string parameter, int minimum, int maximum, out int? value, out ProblemHttpResult? problem)
    {
        value = null;
        problem = null;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum)
        {
            value = number;
            return true;
        }

        problem = BadParameter(parameter, maximum == int.MaxValue
            ? $"{parameter} must be a whole number from {minimum}."
            : $"{parameter} must be a whole number from {minimum} to {maximum}.");
        return false;
    }

    /// <summary>An optional date from the query, written YYYY-MM-DD.</summary>
    public static bool TryDate(string? text, string parameter, out DateOnly? value, out ProblemHttpResult? problem)
    {
        value = null;
        problem = null;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = date;
            return true;
        }

        problem = BadParameter(parameter, $"{parameter} must be a date written YYYY-MM-DD, such as 2024-04-01.");
        return false;
    }
}
