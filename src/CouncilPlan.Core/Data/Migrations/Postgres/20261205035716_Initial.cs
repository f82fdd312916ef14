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
                name: "AspNetRoles",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    who = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    from_where = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    entity = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    before = table.Column<string>(type: "text", nullable: true),
                    after = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

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
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_versions", x => x.id);
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
                    mission = table.Column<string>(type: "text", nullable: true),
                    vision = table.Column<string>(type: "text", nullable: true),
                    partnership = table.Column<string>(type: "text", nullable: true),
                    values_text = table.Column<string>(type: "text", nullable: true),
                    headline_facts_text = table.Column<string>(type: "text", nullable: true),
                    delivery_text = table.Column<string>(type: "text", nullable: true),
                    file_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    words = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reporting_periods",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    quarter = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    starts = table.Column<DateOnly>(type: "date", nullable: false),
                    ends = table.Column<DateOnly>(type: "date", nullable: false),
                    due = table.Column<DateOnly>(type: "date", nullable: false),
                    is_open = table.Column<bool>(type: "boolean", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reporting_periods", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "services",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    directorate_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services", x => x.id);
                    table.ForeignKey(
                        name: "fk_services_services_directorate_id",
                        column: x => x.directorate_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_role_claims_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "AspNetUsers",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    service_id = table.Column<int>(type: "integer", nullable: true),
                    portfolio_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    must_change_password = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_users", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_users_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "areas",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    parent_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    council_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ward_set_id = table.Column<string>(type: "character varying(100)", nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    hex_column = table.Column<int>(type: "integer", nullable: true),
                    hex_row = table.Column<int>(type: "integer", nullable: true),
                    boundary = table.Column<string>(type: "text", nullable: true),
                    boundary_attribution = table.Column<string>(type: "text", nullable: true),
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
                name: "commitment_updates",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    element_id = table.Column<int>(type: "integer", nullable: false),
                    reporting_period_id = table.Column<int>(type: "integer", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    commentary = table.Column<string>(type: "text", nullable: true),
                    revised_date = table.Column<DateOnly>(type: "date", nullable: true),
                    published = table.Column<bool>(type: "boolean", nullable: false),
                    entered_by = table.Column<string>(type: "text", nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    approved_by = table.Column<string>(type: "text", nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "text", nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitment_updates", x => x.id);
                    table.ForeignKey(
                        name: "fk_commitment_updates_plan_elements_element_id",
                        column: x => x.element_id,
                        principalTable: "plan_elements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_commitment_updates_reporting_periods_reporting_period_id",
                        column: x => x.reporting_period_id,
                        principalTable: "reporting_periods",
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
                name: "report_snapshots",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<string>(type: "character varying(100)", nullable: false),
                    portfolio_id = table.Column<int>(type: "integer", nullable: true),
                    portfolio_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    portfolio_title = table.Column<string>(type: "text", nullable: false),
                    quarter = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    quarter_start = table.Column<DateOnly>(type: "date", nullable: false),
                    quarter_end = table.Column<DateOnly>(type: "date", nullable: false),
                    produced_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    produced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    previous_id = table.Column<int>(type: "integer", nullable: true),
                    model_json = table.Column<string>(type: "text", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<string>(type: "character varying(100)", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    quarter = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    quarter_start = table.Column<DateOnly>(type: "date", nullable: false),
                    quarter_end = table.Column<DateOnly>(type: "date", nullable: false),
                    portfolio_id = table.Column<int>(type: "integer", nullable: false),
                    element_id = table.Column<int>(type: "integer", nullable: true),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    forecast = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    spent_to_date = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    savings_target = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    savings_delivered = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    funding_secured = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    source = table.Column<string>(type: "text", nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    published = table.Column<bool>(type: "boolean", nullable: false),
                    published_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    entered_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
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
                name: "AspNetUserClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_user_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_asp_net_user_logins_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    role_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_asp_net_user_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
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
                    caveat = table.Column<string>(type: "text", nullable: true),
                    release_lag_months = table.Column<int>(type: "integer", nullable: true),
                    release_every_months = table.Column<int>(type: "integer", nullable: true),
                    discontinued = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    spc_not_applied = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    count_of_events = table.Column<bool>(type: "boolean", nullable: false),
                    seasonal = table.Column<bool>(type: "boolean", nullable: false)
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
                name: "report_publications",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    snapshot_id = table.Column<int>(type: "integer", nullable: false),
                    published = table.Column<bool>(type: "boolean", nullable: false),
                    by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "measure_updates",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    measure_id = table.Column<int>(type: "integer", nullable: false),
                    reporting_period_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    draft_period = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    draft_value = table.Column<double>(type: "double precision", nullable: true),
                    draft_numerator = table.Column<double>(type: "double precision", nullable: true),
                    draft_denominator = table.Column<double>(type: "double precision", nullable: true),
                    draft_status = table.Column<int>(type: "integer", nullable: false),
                    draft_quality_note = table.Column<string>(type: "text", nullable: true),
                    commentary = table.Column<string>(type: "text", nullable: true),
                    corrective_action = table.Column<string>(type: "text", nullable: true),
                    corrective_action_owner = table.Column<string>(type: "text", nullable: true),
                    corrective_action_due = table.Column<DateOnly>(type: "date", nullable: true),
                    return_reason = table.Column<string>(type: "text", nullable: true),
                    updated_by = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_by = table.Column<string>(type: "text", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_by = table.Column<string>(type: "text", nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "text", nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_updates", x => x.id);
                    table.ForeignKey(
                        name: "fk_measure_updates_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_measure_updates_reporting_periods_reporting_period_id",
                        column: x => x.reporting_period_id,
                        principalTable: "reporting_periods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                    lower_ci = table.Column<double>(type: "double precision", nullable: true),
                    upper_ci = table.Column<double>(type: "double precision", nullable: true),
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
                name: "ownerships",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    measure_id = table.Column<int>(type: "integer", nullable: true),
                    element_id = table.Column<int>(type: "integer", nullable: true),
                    service_id = table.Column<int>(type: "integer", nullable: true),
                    user_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ownerships", x => x.id);
                    table.ForeignKey(
                        name: "fk_ownerships_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_ownerships_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_ownerships_plan_elements_element_id",
                        column: x => x.element_id,
                        principalTable: "plan_elements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_ownerships_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
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
                    lower_ci = table.Column<double>(type: "double precision", nullable: true),
                    upper_ci = table.Column<double>(type: "double precision", nullable: true),
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

            migrationBuilder.InsertData(
                table: "data_versions",
                columns: new[] { "id", "changed_at", "version" },
                values: new object[] { 1, new DateTimeOffset(new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 0L });

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
                name: "ix_asp_net_role_claims_role_id",
                table: "AspNetRoleClaims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_claims_user_id",
                table: "AspNetUserClaims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_logins_user_id",
                table: "AspNetUserLogins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_roles_role_id",
                table: "AspNetUserRoles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_users_service_id",
                table: "AspNetUsers",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_entity_key",
                table: "audit_entries",
                columns: new[] { "entity", "key" });

            migrationBuilder.CreateIndex(
                name: "ix_breakdowns_dimension_id_category",
                table: "breakdowns",
                columns: new[] { "dimension_id", "category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commitment_updates_element_id_entered_at",
                table: "commitment_updates",
                columns: new[] { "element_id", "entered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_commitment_updates_reporting_period_id",
                table: "commitment_updates",
                column: "reporting_period_id");

            migrationBuilder.CreateIndex(
                name: "ix_measure_breaks_measure_id_period_start",
                table: "measure_breaks",
                columns: new[] { "measure_id", "period_start" },
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
                name: "ix_measure_updates_measure_id_reporting_period_id",
                table: "measure_updates",
                columns: new[] { "measure_id", "reporting_period_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_measure_updates_reporting_period_id",
                table: "measure_updates",
                column: "reporting_period_id");

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
                name: "ix_ownerships_element_id",
                table: "ownerships",
                column: "element_id");

            migrationBuilder.CreateIndex(
                name: "ix_ownerships_measure_id",
                table: "ownerships",
                column: "measure_id");

            migrationBuilder.CreateIndex(
                name: "ix_ownerships_service_id",
                table: "ownerships",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_ownerships_user_id",
                table: "ownerships",
                column: "user_id");

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
                name: "ix_reporting_periods_quarter",
                table: "reporting_periods",
                column: "quarter",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_services_directorate_id",
                table: "services",
                column: "directorate_id");

            // What the model cannot say: history, the audit log and frozen reports are append-only,
            // enforced by the database itself so no code path (or hand-written SQL) can rewrite them.
            migrationBuilder.Sql(@"
CREATE FUNCTION observation_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'observation history is append-only';
END $$;");
            migrationBuilder.Sql(@"
CREATE TRIGGER observation_revisions_append_only BEFORE UPDATE OR DELETE ON observation_revisions
FOR EACH ROW EXECUTE FUNCTION observation_revisions_append_only();");
            migrationBuilder.Sql(@"CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;");
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();");
            migrationBuilder.Sql(@"CREATE FUNCTION report_snapshots_frozen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'report snapshots are frozen'; END $$;");
            migrationBuilder.Sql("CREATE TRIGGER report_snapshots_frozen BEFORE UPDATE OR DELETE ON report_snapshots FOR EACH ROW EXECUTE FUNCTION report_snapshots_frozen();");
            migrationBuilder.Sql("CREATE TRIGGER report_snapshots_no_truncate BEFORE TRUNCATE ON report_snapshots FOR EACH STATEMENT EXECUTE FUNCTION report_snapshots_frozen();");
            migrationBuilder.Sql(@"CREATE FUNCTION report_publications_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'report publications are append-only'; END $$;");
            migrationBuilder.Sql("CREATE TRIGGER report_publications_append_only BEFORE UPDATE OR DELETE ON report_publications FOR EACH ROW EXECUTE FUNCTION report_publications_append_only();");
            migrationBuilder.Sql(@"
CREATE FUNCTION observations_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
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
            migrationBuilder.DropTable(
                name: "area_group_members");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "commitment_updates");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "data_versions");

            migrationBuilder.DropTable(
                name: "measure_breaks");

            migrationBuilder.DropTable(
                name: "measure_comparators");

            migrationBuilder.DropTable(
                name: "measure_dimensions");

            migrationBuilder.DropTable(
                name: "measure_evidence");

            migrationBuilder.DropTable(
                name: "measure_targets");

            migrationBuilder.DropTable(
                name: "measure_updates");

            migrationBuilder.DropTable(
                name: "observation_revisions");

            migrationBuilder.DropTable(
                name: "ownerships");

            migrationBuilder.DropTable(
                name: "plan_links");

            migrationBuilder.DropTable(
                name: "report_publications");

            migrationBuilder.DropTable(
                name: "resource_lines");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "dimensions");

            migrationBuilder.DropTable(
                name: "reporting_periods");

            migrationBuilder.DropTable(
                name: "observations");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "report_snapshots");

            migrationBuilder.DropTable(
                name: "breakdowns");

            migrationBuilder.DropTable(
                name: "data_batches");

            migrationBuilder.DropTable(
                name: "measures");

            migrationBuilder.DropTable(
                name: "services");

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

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS observation_revisions_append_only();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_entries_append_only();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS report_snapshots_frozen();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS report_publications_append_only();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS observations_keep_revision();");
        }
    }
}
