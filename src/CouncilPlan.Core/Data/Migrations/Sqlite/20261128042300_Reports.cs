using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouncilPlan.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "report_snapshots",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<string>(type: "TEXT", nullable: false),
                    portfolio_id = table.Column<int>(type: "INTEGER", nullable: false),
                    portfolio_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    portfolio_title = table.Column<string>(type: "TEXT", nullable: false),
                    quarter = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    quarter_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    quarter_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    produced_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    produced_at = table.Column<long>(type: "INTEGER", nullable: false),
                    previous_id = table.Column<int>(type: "INTEGER", nullable: true),
                    model_json = table.Column<string>(type: "TEXT", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_snapshots", x => x.id);
                    table.ForeignKey(
                        name: "fk_report_snapshots_plan_elements_portfolio_id",
                        column: x => x.portfolio_id,
                        principalTable: "plan_elements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_report_snapshots_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_report_snapshots_report_snapshots_previous_id",
                        column: x => x.previous_id,
                        principalTable: "report_snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resource_lines",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    quarter = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    quarter_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    quarter_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    portfolio_id = table.Column<int>(type: "INTEGER", nullable: false),
                    element_id = table.Column<int>(type: "INTEGER", nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    budget = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    forecast = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    spent_to_date = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    savings_target = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    savings_delivered = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    funding_secured = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    source = table.Column<string>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", nullable: true),
                    published = table.Column<bool>(type: "INTEGER", nullable: false),
                    published_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    published_at = table.Column<long>(type: "INTEGER", nullable: true),
                    entered_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    entered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resource_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_resource_lines_plan_elements_element_id",
                        column: x => x.element_id,
                        principalTable: "plan_elements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_resource_lines_plan_elements_portfolio_id",
                        column: x => x.portfolio_id,
                        principalTable: "plan_elements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_resource_lines_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "report_publications",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    snapshot_id = table.Column<int>(type: "INTEGER", nullable: false),
                    published = table.Column<bool>(type: "INTEGER", nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_publications", x => x.id);
                    table.ForeignKey(
                        name: "fk_report_publications_report_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "report_snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_report_publications_snapshot_id_at",
                table: "report_publications",
                columns: new[] { "snapshot_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_report_snapshots_plan_id",
                table: "report_snapshots",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_report_snapshots_portfolio_id_produced_at",
                table: "report_snapshots",
                columns: new[] { "portfolio_id", "produced_at" });

            migrationBuilder.CreateIndex(
                name: "ix_report_snapshots_previous_id",
                table: "report_snapshots",
                column: "previous_id");

            migrationBuilder.CreateIndex(
                name: "ix_resource_lines_element_id",
                table: "resource_lines",
                column: "element_id");

            migrationBuilder.CreateIndex(
                name: "ix_resource_lines_plan_id_kind_key_quarter_start",
                table: "resource_lines",
                columns: new[] { "plan_id", "kind", "key", "quarter_start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_resource_lines_portfolio_id",
                table: "resource_lines",
                column: "portfolio_id");

            // A report produced for committee is frozen: the database itself refuses to change or
            // delete a snapshot, or a record of its publication (publishing adds a row).
            migrationBuilder.Sql("CREATE TRIGGER report_snapshots_no_update BEFORE UPDATE ON report_snapshots BEGIN SELECT RAISE(ABORT, 'report snapshots are frozen'); END;");
            migrationBuilder.Sql("CREATE TRIGGER report_snapshots_no_delete BEFORE DELETE ON report_snapshots BEGIN SELECT RAISE(ABORT, 'report snapshots are frozen'); END;");
            migrationBuilder.Sql("CREATE TRIGGER report_publications_no_update BEFORE UPDATE ON report_publications BEGIN SELECT RAISE(ABORT, 'report publications are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER report_publications_no_delete BEFORE DELETE ON report_publications BEGIN SELECT RAISE(ABORT, 'report publications are append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER report_publications_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER report_publications_no_update;");
            migrationBuilder.Sql("DROP TRIGGER report_snapshots_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER report_snapshots_no_update;");

            migrationBuilder.DropTable(
                name: "report_publications");

            migrationBuilder.DropTable(
                name: "resource_lines");

            migrationBuilder.DropTable(
                name: "report_snapshots");
        }
    }
}
