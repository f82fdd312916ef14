using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouncilPlan.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UpdateDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "draft_denominator",
                table: "measure_updates",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "draft_numerator",
                table: "measure_updates",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "draft_period",
                table: "measure_updates",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "draft_quality_note",
                table: "measure_updates",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "draft_status",
                table: "measure_updates",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "draft_value",
                table: "measure_updates",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "approved_at",
                table: "commitment_updates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "approved_by",
                table: "commitment_updates",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "draft_denominator",
                table: "measure_updates");

            migrationBuilder.DropColumn(
                name: "draft_numerator",
                table: "measure_updates");

            migrationBuilder.DropColumn(
                name: "draft_period",
                table: "measure_updates");

            migrationBuilder.DropColumn(
                name: "draft_quality_note",
                table: "measure_updates");

            migrationBuilder.DropColumn(
                name: "draft_status",
                table: "measure_updates");

            migrationBuilder.DropColumn(
                name: "draft_value",
                table: "measure_updates");

            migrationBuilder.DropColumn(
                name: "approved_at",
                table: "commitment_updates");

            migrationBuilder.DropColumn(
                name: "approved_by",
                table: "commitment_updates");
        }
    }
}
