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

    private static readonly Audit.AuditInterceptor Interceptor = new();

    /// <summary>
    /// Reads the settings. With no connection string, SQLite uses App_Data/councilplan.db under
    /// the application's root (the repository when run from source), so the web app and the
    /// command line share one database; a relative file in a given connection string is resolved
    /// against <paramref name="workingDirectory"/>.
    /// </summary>
    public static DatabaseSettings FromConfiguration(IConfiguration configuration, string workingDirectory)
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

        var useDefault = string.IsNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(useDefault ? $"Data Source={DefaultSqliteFile}" : connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, useDefault ? ApplicationRoot() : workingDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return new DatabaseSettings(provider, builder.ToString());
    }

    /// <summary>The repository root when running from source (it holds CouncilPlan.slnx), else the folder of the binaries.</summary>
    public static string ApplicationRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CouncilPlan.slnx")))
            {
                return directory.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(ConnectionString).UseSnakeCaseNamingConvention();
        }
        else
        {
            options.UseSqlite(ConnectionString).UseSnakeCaseNamingConvention();
        }

        options.AddInterceptors(Interceptor);
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
        new(new DbContextOptionsBuilder<SqliteCouncilPlanDb>().UseSqlite("Data Source=design.db").UseSnakeCaseNamingConvention().Options);
}

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCouncilPlanDb>
{
    public PostgresCouncilPlanDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCouncilPlanDb>().UseNpgsql("Host=localhost;Database=design").UseSnakeCaseNamingConvention().Options);
}
