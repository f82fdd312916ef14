using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Reminders;
using CouncilPlan.Core.Reports;
using CouncilPlan.Core.Resources;
using CouncilPlan.Core.Sources;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Data;

/// <summary>
/// The database. One model for both providers; each provider has its own subclass only so that it
/// can carry its own migrations (Data/Migrations/Sqlite and Data/Migrations/Postgres).
/// </summary>
public abstract class CouncilPlanDb(DbContextOptions options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    /// <summary>Who is making this context's changes, for the audit log (set per request, or by the command line).</summary>
    public AuditActor Actor { get; set; } = AuditActor.System;

    /// <summary>The clock for audit entries.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Service> Services => Set<Service>();

    public DbSet<ReportingPeriod> ReportingPeriods => Set<ReportingPeriod>();

    public DbSet<MeasureUpdate> MeasureUpdates => Set<MeasureUpdate>();

    public DbSet<CommitmentUpdate> CommitmentUpdates => Set<CommitmentUpdate>();

    public DbSet<Ownership> Ownerships => Set<Ownership>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<PlanElement> PlanElements => Set<PlanElement>();

    public DbSet<PlanLink> PlanLinks => Set<PlanLink>();

    public DbSet<Area> Areas => Set<Area>();

    public DbSet<WardSet> WardSets => Set<WardSet>();

    public DbSet<AreaGroupMember> AreaGroupMembers => Set<AreaGroupMember>();

    public DbSet<Source> Sources => Set<Source>();

    public DbSet<Measure> Measures => Set<Measure>();

    public DbSet<MeasureTarget> MeasureTargets => Set<MeasureTarget>();

    public DbSet<MeasureChange> MeasureChanges => Set<MeasureChange>();

    public DbSet<MeasureEvidence> MeasureEvidence => Set<MeasureEvidence>();

    public DbSet<MeasureBreak> MeasureBreaks => Set<MeasureBreak>();

    public DbSet<MeasureComparator> MeasureComparators => Set<MeasureComparator>();

    public DbSet<MeasureDimension> MeasureDimensions => Set<MeasureDimension>();

    public DbSet<Dimension> Dimensions => Set<Dimension>();

    public DbSet<Breakdown> Breakdowns => Set<Breakdown>();

    public DbSet<DataBatch> DataBatches => Set<DataBatch>();

    public DbSet<Observation> Observations => Set<Observation>();

    public DbSet<ObservationRevision> ObservationRevisions => Set<ObservationRevision>();

    public DbSet<DataVersion> DataVersions => Set<DataVersion>();

    public DbSet<ResourceLine> ResourceLines => Set<ResourceLine>();

    public DbSet<ReportSnapshot> ReportSnapshots => Set<ReportSnapshot>();

    public DbSet<ReportPublication> ReportPublications => Set<ReportPublication>();

    public DbSet<SourceRefresh> SourceRefreshes => Set<SourceRefresh>();

    public DbSet<SignInFailures> SignInFailures => Set<SignInFailures>();

    public DbSet<ReminderSent> RemindersSent => Set<ReminderSent>();

    /// <summary>Additions whose audit entries wait for the database to give them their ids (see <see cref="AuditInterceptor"/>).</summary>
    internal AuditInterceptor.Pending? PendingAudit { get; set; }

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<StaffUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.PortfolioKey).HasMaxLength(100);
            user.HasOne(u => u.Service).WithMany().HasForeignKey(u => u.ServiceId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<SignInFailures>(failures =>
        {
            failures.HasKey(f => f.Key);
            failures.Property(f => f.Key).HasMaxLength(100);
            // Two instances counting the same key at once must not lose a failure.
            failures.Property(f => f.Failures).IsConcurrencyToken();
            failures.HasIndex(f => f.LastFailureAt);
        });

        builder.Entity<Service>(service =>
        {
            service.Property(s => s.Name).HasMaxLength(200);
            service.HasOne(s => s.Directorate).WithMany().HasForeignKey(s => s.DirectorateId).OnDelete(DeleteBehavior.Restrict);
            service.Ignore(s => s.FullName);
        });

        builder.Entity<ReportingPeriod>(period =>
        {
            period.HasIndex(p => p.Quarter).IsUnique();
            period.Property(p => p.Quarter).HasMaxLength(20);
        });

        builder.Entity<MeasureUpdate>(update =>
        {
            update.HasIndex(u => new { u.MeasureId, u.ReportingPeriodId }).IsUnique();
            update.HasOne<Measure>().WithMany().HasForeignKey(u => u.MeasureId).OnDelete(DeleteBehavior.Restrict);
            update.HasOne(u => u.ReportingPeriod).WithMany().HasForeignKey(u => u.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
            update.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
            update.Property(u => u.Version).IsConcurrencyToken();
            update.Property(u => u.DraftPeriod).HasMaxLength(40);
        });

        builder.Entity<CommitmentUpdate>(update =>
        {
            update.HasIndex(u => new { u.ElementId, u.EnteredAt });
            update.HasOne<PlanElement>().WithMany().HasForeignKey(u => u.ElementId).OnDelete(DeleteBehavior.Restrict);
            update.HasOne<ReportingPeriod>().WithMany().HasForeignKey(u => u.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
            update.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
        });

        builder.Entity<Ownership>(owner =>
        {
            owner.HasIndex(o => o.MeasureId);
            owner.HasIndex(o => o.ElementId);
            owner.HasIndex(o => o.UserId);
            owner.HasOne<Measure>().WithMany().HasForeignKey(o => o.MeasureId).OnDelete(DeleteBehavior.Cascade);
            owner.HasOne<PlanElement>().WithMany().HasForeignKey(o => o.ElementId).OnDelete(DeleteBehavior.Cascade);
            owner.HasOne<Service>().WithMany().HasForeignKey(o => o.ServiceId).OnDelete(DeleteBehavior.Restrict);
            owner.HasOne<StaffUser>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AuditEntry>(entry =>
        {
            entry.HasIndex(e => e.At);
            entry.HasIndex(e => new { e.Entity, e.Key });
            entry.Property(e => e.Who).HasMaxLength(256);
            entry.Property(e => e.FromWhere).HasMaxLength(100);
            entry.Property(e => e.Action).HasMaxLength(40);
            entry.Property(e => e.Entity).HasMaxLength(60);
            entry.Property(e => e.Key).HasMaxLength(300);
        });

        builder.Entity<Plan>(plan =>
        {
            plan.HasKey(p => p.Id);
            plan.Property(p => p.Id).HasMaxLength(100);
            plan.Property(p => p.CouncilAreaCode).HasMaxLength(20);
            plan.Property(p => p.FileHash).HasMaxLength(64);
            plan.Ignore(p => p.Name);
            plan.Ignore(p => p.Words);
            plan.Property(p => p.WordsJson).HasColumnName("words");
            plan.HasMany(p => p.Elements).WithOne(e => e.Plan).HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PlanElement>(element =>
        {
            element.HasIndex(e => new { e.PlanId, e.Key }).IsUnique();
            element.HasIndex(e => new { e.PlanId, e.Kind });
            element.Property(e => e.Key).HasMaxLength(100);
            element.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
            element.Property(e => e.DuePrecision).HasConversion<string>().HasMaxLength(10);
            element.Property(e => e.Quantity).HasPrecision(18, 2);
            element.Property(e => e.FundingGbp).HasPrecision(18, 2);
            element.HasOne(e => e.Parent).WithMany(e => e.Children).HasForeignKey(e => e.ParentId).OnDelete(DeleteBehavior.Restrict);
            element.Ignore(e => e.StableId);
            element.Ignore(e => e.Paragraphs);
            element.Ignore(e => e.DueDisplay);
        });

        builder.Entity<PlanLink>(link =>
        {
            link.HasOne(l => l.From).WithMany().HasForeignKey(l => l.FromId).OnDelete(DeleteBehavior.Cascade);
            link.HasOne(l => l.To).WithMany().HasForeignKey(l => l.ToId).OnDelete(DeleteBehavior.Cascade);
            link.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
            link.HasIndex(l => new { l.FromId, l.Kind, l.ToId }).IsUnique();
            link.HasIndex(l => l.ToId);
        });

        builder.Entity<Area>(area =>
        {
            area.HasKey(a => a.Code);
            area.Property(a => a.Code).HasMaxLength(20);
            area.Property(a => a.ParentCode).HasMaxLength(20);
            area.Property(a => a.Type).HasConversion<string>().HasMaxLength(30);
            area.Property(a => a.CouncilType).HasConversion<string>().HasMaxLength(20);
            area.HasOne(a => a.WardSet).WithMany().HasForeignKey(a => a.WardSetId).OnDelete(DeleteBehavior.Restrict);
            area.HasIndex(a => new { a.Type, a.ParentCode });
        });

        builder.Entity<WardSet>(set =>
        {
            set.HasKey(s => s.Id);
            set.Property(s => s.Id).HasMaxLength(100);
            set.Property(s => s.CouncilCode).HasMaxLength(20);
        });

        builder.Entity<AreaGroupMember>(member =>
        {
            member.HasKey(m => new { m.GroupCode, m.MemberCode });
            member.HasOne<Area>().WithMany().HasForeignKey(m => m.GroupCode).OnDelete(DeleteBehavior.Cascade);
            member.HasOne<Area>().WithMany().HasForeignKey(m => m.MemberCode).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Source>(source =>
        {
            source.HasKey(s => s.Id);
            source.Property(s => s.Id).HasMaxLength(100);
        });

        builder.Entity<Measure>(measure =>
        {
            measure.HasIndex(m => m.Code).IsUnique();
            measure.Property(m => m.Code).HasMaxLength(40);
            measure.Property(m => m.Unit).HasConversion<string>().HasMaxLength(20);
            measure.Property(m => m.Polarity).HasConversion<string>().HasMaxLength(20);
            measure.Property(m => m.Frequency).HasConversion<string>().HasMaxLength(20);
            measure.Property(m => m.PeriodType).HasConversion<string>().HasMaxLength(20);
            measure.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
            measure.Property(m => m.BenchmarkAreaCode).HasMaxLength(40);
            measure.HasOne(m => m.Source).WithMany().HasForeignKey(m => m.SourceId).OnDelete(DeleteBehavior.Restrict);
            measure.HasOne(m => m.Portfolio).WithMany().HasForeignKey(m => m.PortfolioId).OnDelete(DeleteBehavior.Restrict);
            measure.HasOne<Plans.Plan>().WithMany().HasForeignKey(m => m.PlanId).OnDelete(DeleteBehavior.Restrict);
            measure.HasOne<Area>().WithMany().HasForeignKey(m => m.BenchmarkAreaCode).OnDelete(DeleteBehavior.Restrict);
            measure.HasMany(m => m.Targets).WithOne().HasForeignKey(t => t.MeasureId).OnDelete(DeleteBehavior.Cascade);
            measure.HasMany(m => m.Evidence).WithOne().HasForeignKey(e => e.MeasureId).OnDelete(DeleteBehavior.Cascade);
            measure.HasMany(m => m.Comparators).WithOne().HasForeignKey(c => c.MeasureId).OnDelete(DeleteBehavior.Cascade);
            measure.HasMany(m => m.Dimensions).WithOne().HasForeignKey(d => d.MeasureId).OnDelete(DeleteBehavior.Cascade);
            measure.HasMany(m => m.Breaks).WithOne().HasForeignKey(b => b.MeasureId).OnDelete(DeleteBehavior.Cascade);
            measure.Property(m => m.Discontinued).HasMaxLength(2000);
            measure.Property(m => m.SpcNotApplied).HasMaxLength(2000);
            measure.Ignore(m => m.Multiplier);
            measure.Ignore(m => m.IsCount);
        });

        builder.Entity<MeasureChange>(change =>
        {
            change.HasIndex(c => new { c.MeasureId, c.Status });
            change.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            change.Property(c => c.ProposedBy).HasMaxLength(256);
            change.Property(c => c.ApprovedBy).HasMaxLength(256);
            change.Property(c => c.PublishedBy).HasMaxLength(256);
            change.Property(c => c.ReturnedBy).HasMaxLength(256);
            change.Property(c => c.Version).IsConcurrencyToken();
            change.HasOne<Measure>().WithMany().HasForeignKey(c => c.MeasureId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MeasureTarget>(target =>
        {
            target.HasIndex(t => new { t.MeasureId, t.PeriodStart }).IsUnique();
            target.Property(t => t.Period).HasMaxLength(40);
            target.Property(t => t.ToleranceType).HasConversion<string>().HasMaxLength(20);
        });

        builder.Entity<MeasureBreak>(seriesBreak =>
        {
            seriesBreak.HasIndex(b => new { b.MeasureId, b.PeriodStart }).IsUnique();
            seriesBreak.Property(b => b.Period).HasMaxLength(40);
            seriesBreak.Property(b => b.Reason).HasMaxLength(2000);
        });

        builder.Entity<MeasureEvidence>(evidence =>
        {
            evidence.HasKey(e => new { e.MeasureId, e.ElementId });
            // An element that figures evidence cannot silently disappear from a reloaded plan.
            evidence.HasOne(e => e.Element).WithMany().HasForeignKey(e => e.ElementId).OnDelete(DeleteBehavior.Restrict);
            evidence.HasIndex(e => e.ElementId);
        });

        builder.Entity<MeasureComparator>(comparator =>
        {
            comparator.HasKey(c => new { c.MeasureId, c.AreaCode });
            comparator.HasOne<Area>().WithMany().HasForeignKey(c => c.AreaCode).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<MeasureDimension>(dimension =>
        {
            dimension.HasKey(d => new { d.MeasureId, d.DimensionId });
            dimension.HasOne<Dimension>().WithMany().HasForeignKey(d => d.DimensionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Dimension>(dimension =>
        {
            dimension.HasKey(d => d.Id);
            dimension.Property(d => d.Id).HasMaxLength(60);
        });

        builder.Entity<Breakdown>(breakdown =>
        {
            breakdown.HasIndex(b => new { b.DimensionId, b.Category }).IsUnique();
            breakdown.Property(b => b.DimensionId).HasMaxLength(60);
            breakdown.Property(b => b.Category).HasMaxLength(60);
            breakdown.Ignore(b => b.Key);
            breakdown.HasData(new Breakdown { Id = Breakdown.TotalId, DimensionId = "", Category = "", Title = "Everyone" });
        });

        builder.Entity<DataBatch>(batch => batch.Property(b => b.EnteredBy).HasMaxLength(200));

        builder.Entity<Observation>(observation =>
        {
            // The natural key: one value per measure, period, area and breakdown. Pages and the API
            // read by measure (and area) through this index, never by scanning the table.
            observation.HasIndex(o => new { o.MeasureId, o.PeriodStart, o.AreaCode, o.BreakdownId }).IsUnique();
            observation.HasIndex(o => new { o.AreaCode, o.MeasureId });
            observation.Property(o => o.Period).HasMaxLength(40);
            observation.Property(o => o.AreaCode).HasMaxLength(40);
            observation.HasOne(o => o.Measure).WithMany().HasForeignKey(o => o.MeasureId).OnDelete(DeleteBehavior.Restrict);
            observation.HasOne<Area>().WithMany().HasForeignKey(o => o.AreaCode).OnDelete(DeleteBehavior.Restrict);
            observation.HasOne(o => o.Breakdown).WithMany().HasForeignKey(o => o.BreakdownId).OnDelete(DeleteBehavior.Restrict);
            observation.HasOne(o => o.Batch).WithMany().HasForeignKey(o => o.BatchId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<DataVersion>(version =>
        {
            version.Property(v => v.Id).ValueGeneratedNever();
            version.HasData(new DataVersion { Id = DataVersion.SingletonId, Version = 0, ChangedAt = DateTimeOffset.UnixEpoch });
        });

        builder.Entity<ObservationRevision>(revision =>
        {
            revision.HasIndex(r => new { r.ObservationId, r.Version }).IsUnique();
            revision.HasOne<Observation>().WithMany().HasForeignKey(r => r.ObservationId).OnDelete(DeleteBehavior.Restrict);
            revision.HasOne(r => r.Batch).WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Restrict);
            revision.HasOne(r => r.ReplacedByBatch).WithMany().HasForeignKey(r => r.ReplacedByBatchId).OnDelete(DeleteBehavior.Restrict);
        });

        // Resources and committee reports (Resources/, Reports/). Snapshots and their publications
        // are append-only: the migration adds triggers that refuse UPDATE and DELETE.
        builder.Entity<ResourceLine>(line =>
        {
            line.HasIndex(l => new { l.PlanId, l.Kind, l.Key, l.QuarterStart }).IsUnique();
            line.HasIndex(l => l.PortfolioId);
            line.HasIndex(l => l.ElementId);
            line.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
            line.Property(l => l.Key).HasMaxLength(100);
            line.Property(l => l.Quarter).HasMaxLength(20);
            line.Property(l => l.Title).HasMaxLength(300);
            line.Property(l => l.EnteredBy).HasMaxLength(256);
            line.Property(l => l.PublishedBy).HasMaxLength(256);
            foreach (var money in new[] { nameof(ResourceLine.Budget), nameof(ResourceLine.Forecast), nameof(ResourceLine.SpentToDate), nameof(ResourceLine.SavingsTarget), nameof(ResourceLine.SavingsDelivered), nameof(ResourceLine.FundingSecured) })
            {
                line.Property(money).HasPrecision(18, 2);
            }

            line.Property(l => l.Version).IsConcurrencyToken();
            line.HasOne<Plans.Plan>().WithMany().HasForeignKey(l => l.PlanId).OnDelete(DeleteBehavior.Restrict);
            line.HasOne(l => l.Portfolio).WithMany().HasForeignKey(l => l.PortfolioId).OnDelete(DeleteBehavior.Restrict);
            line.HasOne(l => l.Element).WithMany().HasForeignKey(l => l.ElementId).OnDelete(DeleteBehavior.Restrict);
            line.Ignore(l => l.Variance);
            line.Ignore(l => l.AwaitingData);
        });

        builder.Entity<ReportSnapshot>(snapshot =>
        {
            snapshot.HasIndex(s => new { s.PortfolioId, s.ProducedAt });
            snapshot.Property(s => s.PortfolioKey).HasMaxLength(100);
            snapshot.Property(s => s.Quarter).HasMaxLength(20);
            snapshot.Property(s => s.ProducedBy).HasMaxLength(256);
            snapshot.Property(s => s.Sha256).HasMaxLength(64);
            snapshot.HasOne<Plans.Plan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
            snapshot.HasOne<PlanElement>().WithMany().HasForeignKey(s => s.PortfolioId).OnDelete(DeleteBehavior.Restrict);
            snapshot.HasOne<ReportSnapshot>().WithMany().HasForeignKey(s => s.PreviousId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ReportPublication>(publication =>
        {
            publication.HasIndex(p => new { p.SnapshotId, p.At });
            publication.Property(p => p.By).HasMaxLength(256);
            publication.HasOne<ReportSnapshot>().WithMany().HasForeignKey(p => p.SnapshotId).OnDelete(DeleteBehavior.Restrict);
        });

        // Refreshes of sources from their publishers (Sources/): the staff page lists them newest
        // first, and a measure page finds the latest that filled its measure.
        builder.Entity<SourceRefresh>(refresh =>
        {
            refresh.HasIndex(r => r.StartedAt);
            refresh.HasIndex(r => new { r.SourceId, r.StartedAt });
            refresh.Property(r => r.SourceId).HasMaxLength(100);
            refresh.Property(r => r.Service).HasMaxLength(200);
            refresh.Property(r => r.By).HasMaxLength(256);
            refresh.Ignore(r => r.Succeeded);
            refresh.Ignore(r => r.MeasureCodes);
        });

        builder.Entity<ReminderSent>(sent =>
        {
            // One of each kind a person a quarter: a second would fail here even if a run were repeated.
            sent.HasIndex(s => new { s.ReportingPeriodId, s.UserId, s.Kind }).IsUnique();
            sent.HasOne<ReportingPeriod>().WithMany().HasForeignKey(s => s.ReportingPeriodId).OnDelete(DeleteBehavior.Cascade);
            sent.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            sent.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
            sent.Property(s => s.SentTo).HasMaxLength(256);
        });
    }
}
