using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouncilPlan.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AreaMaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "boundary",
                table: "areas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "boundary_attribution",
                table: "areas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "hex_column",
                table: "areas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "hex_row",
                table: "areas",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "boundary",
                table: "areas");

            migrationBuilder.DropColumn(
                name: "boundary_attribution",
                table: "areas");

            migrationBuilder.DropColumn(
                name: "hex_column",
                table: "areas");

            migrationBuilder.DropColumn(
                name: "hex_row",
                table: "areas");
        }
    }
}
