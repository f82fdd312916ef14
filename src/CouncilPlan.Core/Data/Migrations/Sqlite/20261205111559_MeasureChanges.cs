using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouncilPlan.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MeasureChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "measure_changes",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    measure_id = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    before = table.Column<string>(type: "TEXT", nullable: false),
                    after = table.Column<string>(type: "TEXT", nullable: false),
                    proposed_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    proposed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    approved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    published_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    published_at = table.Column<long>(type: "INTEGER", nullable: true),
                    returned_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    return_reason = table.Column<string>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_measure_changes_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_measure_changes_measure_id_status",
                table: "measure_changes",
                columns: new[] { "measure_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "measure_changes");
        }
    }
}
