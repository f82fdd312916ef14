using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CouncilPlan.Core.Data.Migrations.Postgres
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
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "upper_ci",
                table: "observations",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "lower_ci",
                table: "observation_revisions",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "upper_ci",
                table: "observation_revisions",
                type: "double precision",
                nullable: true);

migrationBuilder.AddColumn<bool>(
                name: "seasonal",
                table: "measures",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "count_of_events",
                table: "measures",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "discontinued",
                table: "measures",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "release_every_months",
                table: "measures",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "release_lag_months",
                table: "measures",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "spc_not_applied",
                table: "measures",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "measure_breaks",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    measure_id = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
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
            migrationBuilder.Sql("DROP TRIGGER observations_keep_revision ON observations;");
            migrationBuilder.Sql(@"
CREATE OR REPLACE FUNCTION observations_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO observation_revisions (observation_id, version, value, numerator, denominator, lower_ci, upper_ci, status, quality_note, published, batch_id, replaced_by_batch_id)
  VALUES (OLD.id, OLD.version, OLD.value, OLD.numerator, OLD.denominator, OLD.lower_ci, OLD.upper_ci, OLD.status, OLD.quality_note, OLD.published, OLD.batch_id, NEW.batch_id);
  RETURN NEW;
END $$;");
            migrationBuilder.Sql(@"
CREATE TRIGGER observations_keep_revision AFTER UPDATE ON observations FOR EACH ROW
WHEN (OLD.value IS DISTINCT FROM NEW.value OR OLD.numerator IS DISTINCT FROM NEW.numerator OR OLD.denominator IS DISTINCT FROM NEW.denominator
  OR OLD.lower_ci IS DISTINCT FROM NEW.lower_ci OR OLD.upper_ci IS DISTINCT FROM NEW.upper_ci
  OR OLD.status IS DISTINCT FROM NEW.status OR OLD.quality_note IS DISTINCT FROM NEW.quality_note OR OLD.published IS DISTINCT FROM NEW.published)
EXECUTE FUNCTION observations_keep_revision();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER observations_keep_revision ON observations;");
            migrationBuilder.Sql(@"
CREATE OR REPLACE FUNCTION observations_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO observation_revisions (observation_id, version, value, numerator, denominator, status, quality_note, published, batch_id, replaced_by_batch_id)
  VALUES (OLD.id, OLD.version, OLD.value, OLD.numerator, OLD.denominator, OLD.status, OLD.quality_note, OLD.published, OLD.batch_id, NEW.batch_id);
  RETURN NEW;
END $$;");
            migrationBuilder.Sql(@"
CREATE TRIGGER observations_keep_revision AFTER UPDATE ON observations FOR EACH ROW
WHEN (OLD.value IS DISTINCT FROM NEW.value OR OLD.numerator IS DISTINCT FROM NEW.numerator OR OLD.denominator IS DISTINCT FROM NEW.denominator
  OR OLD.status IS DISTINCT FROM NEW.status OR OLD.quality_note IS DISTINCT FROM NEW.quality_note OR OLD.published IS DISTINCT FROM NEW.published)
EXECUTE FUNCTION observations_keep_revision();");

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
