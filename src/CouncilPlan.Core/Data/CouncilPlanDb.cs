using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Data;

/// <summary>
/// The database. One model for both providers; each provider has its own subclass only so that it
/// can carry its own migrations (Data/Migrations/Sqlite and Data/Migrations/Postgres).
/// </summary>
public abstract class CouncilPlanDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<PlanElement> PlanElements => Set<PlanElement>();

    public DbSet<PlanLink> PlanLinks => Set<PlanLink>();

    public DbSet<Area> Areas => Set<Area>();

    public DbSet<WardSet> WardSets => Set<WardSet>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Plan>(plan =>
        {
            plan.HasKey(p => p.Id);
            plan.Property(p => p.Id).HasMaxLength(100);
            plan.Property(p => p.CouncilAreaCode).HasMaxLength(20);
            plan.Property(p => p.FileHash).HasMaxLength(64);
            plan.Ignore(p => p.Name);
            plan.HasMany(p => p.Elements).WithOne(e => e.Plan).HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PlanElement>(element =>
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

        modelBuilder.Entity<PlanLink>(link =>
        {
            link.HasOne(l => l.From).WithMany().HasForeignKey(l => l.FromId).OnDelete(DeleteBehavior.Cascade);
            link.HasOne(l => l.To).WithMany().HasForeignKey(l => l.ToId).OnDelete(DeleteBehavior.Cascade);
            link.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
            link.HasIndex(l => new { l.FromId, l.Kind, l.ToId }).IsUnique();
            link.HasIndex(l => l.ToId);
        });

        modelBuilder.Entity<Area>(area =>
        {
            area.HasKey(a => a.Code);
            area.Property(a => a.Code).HasMaxLength(20);
            area.Property(a => a.ParentCode).HasMaxLength(20);
            area.Property(a => a.Type).HasConversion<string>().HasMaxLength(30);
            area.HasOne(a => a.WardSet).WithMany().HasForeignKey(a => a.WardSetId).OnDelete(DeleteBehavior.Restrict);
            area.HasIndex(a => new { a.Type, a.ParentCode });
        });

        modelBuilder.Entity<WardSet>(set =>
        {
            set.HasKey(s => s.Id);
            set.Property(s => s.Id).HasMaxLength(100);
            set.Property(s => s.CouncilCode).HasMaxLength(20);
        });
    }
}
