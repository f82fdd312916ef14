using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouncilPlan.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSourceRefreshes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "source_refreshes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    source_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    service = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: false),
                    dry_run = table.Column<bool>(type: "INTEGER", nullable: false),
                    urls = table.Column<string>(type: "TEXT", nullable: false),
                    measures = table.Column<string>(type: "TEXT", nullable: false),
                    added = table.Column<long>(type: "INTEGER", nullable: false),
                    revised = table.Column<long>(type: "INTEGER", nullable: false),
                    unchanged = table.Column<long>(type: "INTEGER", nullable: false),
                    suppressed = table.Column<long>(type: "INTEGER", nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    batch_id = table.Column<int>(type: "INTEGER", nullable: true),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_refreshes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_source_refreshes_source_id_started_at",
                table: "source_refreshes",
                columns: new[] { "source_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_source_refreshes_started_at",
                table: "source_refreshes",
                column: "started_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "source_refreshes");
        }
    }
}
