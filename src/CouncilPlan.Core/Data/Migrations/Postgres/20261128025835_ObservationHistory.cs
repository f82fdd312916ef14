using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouncilPlan.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ObservationHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A revision never overwrites history: whenever a figure changes, the database itself
            // keeps the version it replaced, whichever code path made the change.
            migrationBuilder.Sql(@"
CREATE FUNCTION observations_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
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
            migrationBuilder.Sql(@"
CREATE FUNCTION observation_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'observation history is append-only';
END $$;");
            migrationBuilder.Sql(@"
CREATE TRIGGER observation_revisions_append_only BEFORE UPDATE OR DELETE ON observation_revisions
FOR EACH ROW EXECUTE FUNCTION observation_revisions_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER observation_revisions_append_only ON observation_revisions;");
            migrationBuilder.Sql("DROP FUNCTION observation_revisions_append_only();");
            migrationBuilder.Sql("DROP TRIGGER observations_keep_revision ON observations;");
            migrationBuilder.Sql("DROP FUNCTION observations_keep_revision();");
        }
    }
}
