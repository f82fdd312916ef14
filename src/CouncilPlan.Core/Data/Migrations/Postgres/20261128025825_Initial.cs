using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CouncilPlan.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "breakdowns",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    dimension_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    title = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_breakdowns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_batches",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    entered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "dimensions",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    title = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dimensions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "plans",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    period = table.Column<string>(type: "text", nullable: false),
                    starts = table.Column<DateOnly>(type: "date", nullable: false),
                    ends = table.Column<DateOnly>(type: "date", nullable: false),
                    council_name = table.Column<string>(type: "text", nullable: false),
                    council_area_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source_title = table.Column<string>(type: "text", nullable: true),
                    source_publisher = table.Column<string>(type: "text", nullable: true),
                    source_url = table.Column<string>(type: "text", nullable: true),
                    mission = table.Column<string>(type: "text", nullable: false),
                    vision = table.Column<string>(type: "text", nullable: false),
                    partnership = table.Column<string>(type: "text", nullable: false),
                    values_text = table.Column<string>(type: "text", nullable: true),
                    headline_facts_text = table.Column<string>(type: "text", nullable: true),
                    delivery_text = table.Column<string>(type: "text", nullable: true),
                    file_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sources",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    publisher = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    licence = table.Column<string>(type: "text", nullable: false),
                    url = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ward_sets",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    council_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    to = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ward_sets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "plan_elements",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<string>(type: "character varying(100)", nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    parent_id = table.Column<int>(type: "integer", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: true),
                    title = table.Column<string>(type: "text", nullable: true),
                    text = table.Column<string>(type: "text", nullable: true),
                    group = table.Column<string>(type: "text", nullable: true),
                    due = table.Column<DateOnly>(type: "date", nullable: true),
                    due_precision = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    due_text = table.Column<string>(type: "text", nullable: true),
                    quantity = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    unit = table.Column<string>(type: "text", nullable: true),
                    qualifier = table.Column<string>(type: "text", nullable: true),
                    funding_gbp = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    funding_text = table.Column<string>(type: "text", nullable: true),
                    scope = table.Column<string>(type: "text", nullable: true),
                    on_site = table.Column<bool>(type: "boolean", nullable: true),
                    url = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_elements", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_elements_plan_elements_parent_id",
                        column: x => x.parent_id,
                        principalTable: "plan_elements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_plan_elements_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "areas",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    parent_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ward_set_id = table.Column<string>(type: "character varying(100)", nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    defined_by = table.Column<string>(type: "text", nullable: true),
                    url = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_areas", x => x.code);
                    table.ForeignKey(
                        name: "fk_areas_ward_sets_ward_set_id",
                        column: x => x.ward_set_id,
                        principalTable: "ward_sets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_links",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    from_id = table.Column<int>(type: "integer", nullable: false),
                    to_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_links_plan_elements_from_id",
                        column: x => x.from_id,
                        principalTable: "plan_elements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_links_plan_elements_to_id",
                        column: x => x.to_id,
                        principalTable: "plan_elements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "area_group_members",
                columns: table => new
                {
                    group_code = table.Column<string>(type: "character varying(20)", nullable: false),
                    member_code = table.Column<string>(type: "character varying(20)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_area_group_members", x => new { x.group_code, x.member_code });
                    table.ForeignKey(
                        name: "fk_area_group_members_areas_group_code",
                        column: x => x.group_code,
                        principalTable: "areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_area_group_members_areas_member_code",
                        column: x => x.member_code,
                        principalTable: "areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "measures",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    definition = table.Column<string>(type: "text", nullable: false),
                    unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    unit_label = table.Column<string>(type: "text", nullable: true),
                    rate_per = table.Column<double>(type: "double precision", nullable: true),
                    decimals = table.Column<int>(type: "integer", nullable: false),
                    polarity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    frequency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    period_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source_id = table.Column<string>(type: "character varying(100)", nullable: true),
                    series = table.Column<string>(type: "text", nullable: true),
                    owner = table.Column<string>(type: "text", nullable: true),
                    plan_id = table.Column<string>(type: "character varying(100)", nullable: false),
                    portfolio_id = table.Column<int>(type: "integer", nullable: true),
                    benchmark_area_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    suppress_below = table.Column<int>(type: "integer", nullable: true),
                    caveat = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measures", x => x.id);
                    table.ForeignKey(
                        name: "fk_measures_areas_benchmark_area_code",
                        column: x => x.benchmark_area_code,
                        principalTable: "areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_measures_plan_elements_portfolio_id",
                        column: x => x.portfolio_id,
                        principalTable: "plan_elements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_measures_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_measures_sources_source_id",
                        column: x => x.source_id,
                        principalTable: "sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "measure_comparators",
                columns: table => new
                {
                    measure_id = table.Column<int>(type: "integer", nullable: false),
                    area_code = table.Column<string>(type: "character varying(20)", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_comparators", x => new { x.measure_id, x.area_code });
                    table.ForeignKey(
                        name: "fk_measure_comparators_areas_area_code",
                        column: x => x.area_code,
                        principalTable: "areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_measure_comparators_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "measure_dimensions",
                columns: table => new
                {
                    measure_id = table.Column<int>(type: "integer", nullable: false),
                    dimension_id = table.Column<string>(type: "character varying(60)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_dimensions", x => new { x.measure_id, x.dimension_id });
                    table.ForeignKey(
                        name: "fk_measure_dimensions_dimensions_dimension_id",
                        column: x => x.dimension_id,
                        principalTable: "dimensions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_measure_dimensions_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "measure_evidence",
                columns: table => new
                {
                    measure_id = table.Column<int>(type: "integer", nullable: false),
                    element_id = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_evidence", x => new { x.measure_id, x.element_id });
                    table.ForeignKey(
                        name: "fk_measure_evidence_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_measure_evidence_plan_elements_element_id",
                        column: x => x.element_id,
                        principalTable: "plan_elements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "measure_targets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    measure_id = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    tolerance = table.Column<double>(type: "double precision", nullable: true),
                    tolerance_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_targets", x => x.id);
                    table.ForeignKey(
                        name: "fk_measure_targets_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "observations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    measure_id = table.Column<int>(type: "integer", nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: false),
                    period = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    area_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    breakdown_id = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    numerator = table.Column<double>(type: "double precision", nullable: true),
                    denominator = table.Column<double>(type: "double precision", nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    quality_note = table.Column<string>(type: "text", nullable: true),
                    published = table.Column<bool>(type: "boolean", nullable: false),
                    batch_id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_observations", x => x.id);
                    table.ForeignKey(
                        name: "fk_observations_areas_area_code",
                        column: x => x.area_code,
                        principalTable: "areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_observations_breakdowns_breakdown_id",
                        column: x => x.breakdown_id,
                        principalTable: "breakdowns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_observations_data_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "data_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_observations_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "observation_revisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    observation_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    numerator = table.Column<double>(type: "double precision", nullable: true),
                    denominator = table.Column<double>(type: "double precision", nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    quality_note = table.Column<string>(type: "text", nullable: true),
                    published = table.Column<bool>(type: "boolean", nullable: false),
                    batch_id = table.Column<int>(type: "integer", nullable: false),
                    replaced_by_batch_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_observation_revisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_observation_revisions_data_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "data_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_observation_revisions_data_batches_replaced_by_batch_id",
                        column: x => x.replaced_by_batch_id,
                        principalTable: "data_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_observation_revisions_observations_observation_id",
                        column: x => x.observation_id,
                        principalTable: "observations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "breakdowns",
                columns: new[] { "id", "category", "dimension_id", "title" },
                values: new object[] { 1, "", "", "Everyone" });

            migrationBuilder.CreateIndex(
                name: "ix_area_group_members_member_code",
                table: "area_group_members",
                column: "member_code");

            migrationBuilder.CreateIndex(
                name: "ix_areas_type_parent_code",
                table: "areas",
                columns: new[] { "type", "parent_code" });

            migrationBuilder.CreateIndex(
                name: "ix_areas_ward_set_id",
                table: "areas",
                column: "ward_set_id");

            migrationBuilder.CreateIndex(
                name: "ix_breakdowns_dimension_id_category",
                table: "breakdowns",
                columns: new[] { "dimension_id", "category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_measure_comparators_area_code",
                table: "measure_comparators",
                column: "area_code");

            migrationBuilder.CreateIndex(
                name: "ix_measure_dimensions_dimension_id",
                table: "measure_dimensions",
                column: "dimension_id");

            migrationBuilder.CreateIndex(
                name: "ix_measure_evidence_element_id",
                table: "measure_evidence",
                column: "element_id");

            migrationBuilder.CreateIndex(
                name: "ix_measure_targets_measure_id_period_start",
                table: "measure_targets",
                columns: new[] { "measure_id", "period_start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_measures_benchmark_area_code",
                table: "measures",
                column: "benchmark_area_code");

            migrationBuilder.CreateIndex(
                name: "ix_measures_code",
                table: "measures",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_measures_plan_id",
                table: "measures",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_measures_portfolio_id",
                table: "measures",
                column: "portfolio_id");

            migrationBuilder.CreateIndex(
                name: "ix_measures_source_id",
                table: "measures",
                column: "source_id");

            migrationBuilder.CreateIndex(
                name: "ix_observation_revisions_batch_id",
                table: "observation_revisions",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_observation_revisions_observation_id_version",
                table: "observation_revisions",
                columns: new[] { "observation_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_observation_revisions_replaced_by_batch_id",
                table: "observation_revisions",
                column: "replaced_by_batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_observations_area_code_measure_id",
                table: "observations",
                columns: new[] { "area_code", "measure_id" });

            migrationBuilder.CreateIndex(
                name: "ix_observations_batch_id",
                table: "observations",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_observations_breakdown_id",
                table: "observations",
                column: "breakdown_id");

            migrationBuilder.CreateIndex(
                name: "ix_observations_measure_id_period_start_area_code_breakdown_id",
                table: "observations",
                columns: new[] { "measure_id", "period_start", "area_code", "breakdown_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_elements_parent_id",
                table: "plan_elements",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_elements_plan_id_key",
                table: "plan_elements",
                columns: new[] { "plan_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_elements_plan_id_kind",
                table: "plan_elements",
                columns: new[] { "plan_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_plan_links_from_id_kind_to_id",
                table: "plan_links",
                columns: new[] { "from_id", "kind", "to_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_links_to_id",
                table: "plan_links",
                column: "to_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "area_group_members");

            migrationBuilder.DropTable(
                name: "measure_comparators");

            migrationBuilder.DropTable(
                name: "measure_dimensions");

            migrationBuilder.DropTable(
                name: "measure_evidence");

            migrationBuilder.DropTable(
                name: "measure_targets");

            migrationBuilder.DropTable(
                name: "observation_revisions");

            migrationBuilder.DropTable(
                name: "plan_links");

            migrationBuilder.DropTable(
                name: "dimensions");

            migrationBuilder.DropTable(
                name: "observations");

            migrationBuilder.DropTable(
                name: "breakdowns");

            migrationBuilder.DropTable(
                name: "data_batches");

            migrationBuilder.DropTable(
                name: "measures");

            migrationBuilder.DropTable(
                name: "areas");

            migrationBuilder.DropTable(
                name: "plan_elements");

            migrationBuilder.DropTable(
                name: "sources");

            migrationBuilder.DropTable(
                name: "ward_sets");

            migrationBuilder.DropTable(
                name: "plans");
        }
    }
}
