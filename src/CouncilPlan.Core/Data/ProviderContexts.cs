using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CouncilPlan.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The embedded database: a single file, the default.</summary>
public sealed class SqliteCouncilPlanDb(DbContextOptions<SqliteCouncilPlanDb> options) : CouncilPlanDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time-with-offset type; as text it would not sort. Stored as UTC ticks
        // it sorts and compares in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL, for production.</summary>
public sealed class PostgresCouncilPlanDb(DbContextOptions<PostgresCouncilPlanDb> options) : CouncilPlanDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
