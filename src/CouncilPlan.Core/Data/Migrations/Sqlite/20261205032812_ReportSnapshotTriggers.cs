using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouncilPlan.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportSnapshotTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite altered report_snapshots.portfolio_id (CorporateReports) by rebuilding the table,
            // which dropped its triggers; EF runs SQL in the same migration before the rebuild, so they
            // are put back here, in a migration of their own (first created in the Reports migration).
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS report_snapshots_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS report_snapshots_no_delete;");
            migrationBuilder.Sql("CREATE TRIGGER report_snapshots_no_update BEFORE UPDATE ON report_snapshots BEGIN SELECT RAISE(ABORT, 'report snapshots are frozen'); END;");
            migrationBuilder.Sql("CREATE TRIGGER report_snapshots_no_delete BEFORE DELETE ON report_snapshots BEGIN SELECT RAISE(ABORT, 'report snapshots are frozen'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The triggers belong to the Reports migration: going down from here leaves them in place.
        }
    }
}
