using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouncilPlan.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JudgementData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "lower_ci",
                table: "observations",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "upper_ci",
                table: "observations",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "lower_ci",
                table: "observation_revisions",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "upper_ci",
                table: "observation_revisions",
                type: "REAL",
                nullable: true);

migrationBuilder.AddColumn<bool>(
                name: "seasonal",
                table: "measures",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "count_of_events",
                table: "measures",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "discontinued",
                table: "measures",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "release_every_months",
                table: "measures",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "release_lag_months",
                table: "measures",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "spc_not_applied",
                table: "measures",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "measure_breaks",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    measure_id = table.Column<int>(type: "INTEGER", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_breaks", x => x.id);
                    table.ForeignKey(
                        name: "fk_measure_breaks_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_measure_breaks_measure_id_period_start",
                table: "measure_breaks",
                columns: new[] { "measure_id", "period_start" },
                unique: true);
        
            // The revision trigger keeps published confidence intervals in the history too.
            migrationBuilder.Sql("DROP TRIGGER observations_keep_revision;");
            migrationBuilder.Sql(@"
CREATE TRIGGER observations_keep_revision
AFTER UPDATE ON observations FOR EACH ROW
WHEN OLD.value IS NOT NEW.value OR OLD.numerator IS NOT NEW.numerator OR OLD.denominator IS NOT NEW.denominator
  OR OLD.lower_ci IS NOT NEW.lower_ci OR OLD.upper_ci IS NOT NEW.upper_ci
  OR OLD.status IS NOT NEW.status OR OLD.quality_note IS NOT NEW.quality_note OR OLD.published IS NOT NEW.published
BEGIN
  INSERT INTO observation_revisions (observation_id, version, value, numerator, denominator, lower_ci, upper_ci, status, quality_note, published, batch_id, replaced_by_batch_id)
  VALUES (OLD.id, OLD.version, OLD.value, OLD.numerator, OLD.denominator, OLD.lower_ci, OLD.upper_ci, OLD.status, OLD.quality_note, OLD.published, OLD.batch_id, NEW.batch_id);
END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER observations_keep_revision;");
            migrationBuilder.Sql(@"
CREATE TRIGGER observations_keep_revision
AFTER UPDATE ON observations FOR EACH ROW
WHEN OLD.value IS NOT NEW.value OR OLD.numerator IS NOT NEW.numerator OR OLD.denominator IS NOT NEW.denominator
  OR OLD.status IS NOT NEW.status OR OLD.quality_note IS NOT NEW.quality_note OR OLD.published IS NOT NEW.published
BEGIN
  INSERT INTO observation_revisions (observation_id, version, value, numerator, denominator, status, quality_note, published, batch_id, replaced_by_batch_id)
  VALUES (OLD.id, OLD.version, OLD.value, OLD.numerator, OLD.denominator, OLD.status, OLD.quality_note, OLD.published, OLD.batch_id, NEW.batch_id);
END;");

            migrationBuilder.DropTable(
                name: "measure_breaks");

            migrationBuilder.DropColumn(
                name: "lower_ci",
                table: "observations");

            migrationBuilder.DropColumn(
                name: "upper_ci",
                table: "observations");

            migrationBuilder.DropColumn(
                name: "lower_ci",
                table: "observation_revisions");

            migrationBuilder.DropColumn(
                name: "upper_ci",
                table: "observation_revisions");

            migrationBuilder.DropColumn(
                name: "seasonal",
                table: "measures");

            migrationBuilder.DropColumn(
                name: "count_of_events",
                table: "measures");

            migrationBuilder.DropColumn(
                name: "discontinued",
                table: "measures");

            migrationBuilder.DropColumn(
                name: "release_every_months",
                table: "measures");

            migrationBuilder.DropColumn(
                name: "release_lag_months",
                table: "measures");

            migrationBuilder.DropColumn(
                name: "spc_not_applied",
                table: "measures");
        }
    }
}
