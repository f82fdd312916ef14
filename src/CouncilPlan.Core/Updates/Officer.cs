namespace CouncilPlan.Core.Updates;
/// <summary>Who is asking, with what they may do: read from their account on every request.</summary>
public sealed record Officer(string UserId, string Email, string Name, IReadOnlySet<string> Roles, int? ServiceId, string? PortfolioKey)
{
    public bool Is(string role) => Roles.Contains(role);

    public bool IsPerformanceTeam => Is(Users.Roles.PerformanceTeam);
}

/// <summary>A refusal: the officer may not do this. Pages answer 403 and the reason is logged.</summary>
public sealed class NotAllowedException(string message) : Exception(message)
{
    public NotAllowedException()
        : this("not allowed")
    {
    }

    public NotAllowedException(string message, Exception innerException)
        : this(message + " " + innerException.Message)
    {
    }
}

/// <summary>A save based on an older version than the one stored: the caller shows what changed and keeps the input.</summary>
public sealed class ConflictException(MeasureUpdate current) : Exception("someone else saved this update first")
{
    public MeasureUpdate Current { get; } = current;
}
