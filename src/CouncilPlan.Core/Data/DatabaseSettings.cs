using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;

namespace CouncilPlan.Core.Data;

/// <summary>
/// Which database to use, from configuration: <c>Database:Provider</c> (Sqlite or Postgres) and
/// <c>ConnectionStrings:CouncilPlan</c>, so that the environment variables
/// <c>Database__Provider</c> and <c>ConnectionStrings__CouncilPlan</c> choose it for the web app and
/// the command line alike.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqliteFile = "App_Data/councilplan.db";

    /// <summary>Reads the settings; a relative SQLite file is resolved against <paramref name="baseDirectory"/>.</summary>
    public static DatabaseSettings FromConfiguration(IConfiguration configuration, string baseDirectory)
    {
        var providerText = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException($"Database:Provider is '{providerText}': it must be Sqlite or Postgres.");
        }

        var connectionString = configuration.GetConnectionString("CouncilPlan");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:CouncilPlan is not set: set it (or the environment variable ConnectionStrings__CouncilPlan) to a PostgreSQL connection string.");
            }

            return new DatabaseSettings(provider, connectionString);
        }

        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? $"Data Source={DefaultSqliteFile}" : connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, baseDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return new DatabaseSettings(provider, builder.ToString());
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(ConnectionString);
        }
        else
        {
            options.UseSqlite(ConnectionString);
        }
    }

    /// <summary>A new database context for work outside a web request (the command line, tests).</summary>
    public CouncilPlanDb CreateContext()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresCouncilPlanDb>();
            Configure(options);
            return new PostgresCouncilPlanDb(options.Options);
        }
        else
        {
            var options = new DbContextOptionsBuilder<SqliteCouncilPlanDb>();
            Configure(options);
            return new SqliteCouncilPlanDb(options.Options);
        }
    }
}

/// <summary>Lets `dotnet ef migrations add` build the SQLite model without a running app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCouncilPlanDb>
{
    public SqliteCouncilPlanDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCouncilPlanDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCouncilPlanDb>
{
    public PostgresCouncilPlanDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCouncilPlanDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
