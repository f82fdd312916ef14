using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouncilPlan.Core.Data.Migrations.Sqlite
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
CREATE TRIGGER observations_keep_revision
AFTER UPDATE ON observations FOR EACH ROW
WHEN OLD.value IS NOT NEW.value OR OLD.numerator IS NOT NEW.numerator OR OLD.denominator IS NOT NEW.denominator
  OR OLD.status IS NOT NEW.status OR OLD.quality_note IS NOT NEW.quality_note OR OLD.published IS NOT NEW.published
BEGIN
  INSERT INTO observation_revisions (observation_id, version, value, numerator, denominator, status, quality_note, published, batch_id, replaced_by_batch_id)
  VALUES (OLD.id, OLD.version, OLD.value, OLD.numerator, OLD.denominator, OLD.status, OLD.quality_note, OLD.published, OLD.batch_id, NEW.batch_id);
END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER observation_revisions_no_update BEFORE UPDATE ON observation_revisions
BEGIN SELECT RAISE(ABORT, 'observation history is append-only'); END;");
            migrationBuilder.Sql(@"
CREATE TRIGGER observation_revisions_no_delete BEFORE DELETE ON observation_revisions
BEGIN SELECT RAISE(ABORT, 'observation history is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER observation_revisions_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER observation_revisions_no_update;");
            migrationBuilder.Sql("DROP TRIGGER observations_keep_revision;");
        }
    }
}
