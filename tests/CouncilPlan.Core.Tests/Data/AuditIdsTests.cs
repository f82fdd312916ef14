using System.Globalization;
using System.Text.Json;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Data;

/// <summary>The audit entry of a new record names it by the id the database gave it, on both databases.</summary>
public sealed class AuditIdsTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AddedRecords_AreAuditedWithTheirRealIds_AlsoWhenTheyReferToEachOther(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var place = new Service { Name = "Place" };
        var housing = new Service { Name = "Strategic Housing", Directorate = place };
        db.Services.AddRange(place, housing);
        await db.SaveChangesAsync();
        var owner = new Ownership { ServiceId = housing.Id };
        db.Ownerships.Add(owner);
        await db.SaveChangesAsync();

        await using var check = database.NewContext();
        var entries = await check.AuditEntries.Where(e => e.Action == "added").ToListAsync();
        var housingAfter = After(entries.Single(e => e.Entity == nameof(Service) && e.Key == "Strategic Housing").After);
        Assert.Equal(housing.Id, housingAfter.GetProperty("Id").GetInt32());
        Assert.Equal(place.Id, housingAfter.GetProperty("DirectorateId").GetInt32());
        Assert.Equal(place.Id, After(entries.Single(e => e.Entity == nameof(Service) && e.Key == "Place").After).GetProperty("Id").GetInt32());

        // A record with no natural key is named by its id: the real one, which finds it.
        var ownership = entries.Single(e => e.Entity == nameof(Ownership));
        Assert.Equal(owner.Id.ToString(CultureInfo.InvariantCulture), ownership.Key);
        Assert.True(owner.Id > 0);
        Assert.Equal(housing.Id, (await check.Ownerships.SingleAsync(o => o.Id == int.Parse(ownership.Key, CultureInfo.InvariantCulture))).ServiceId);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AddedRecords_InTheCallersTransaction_AreAuditedWithTheirRealIds_AndRolledBackWithIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Services.Add(new Service { Name = "Kept" });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using (var db = database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Services.Add(new Service { Name = "Abandoned" });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using var check = database.NewContext();
        var kept = await check.Services.SingleAsync();
        var entry = await check.AuditEntries.SingleAsync(e => e.Entity == nameof(Service));
        Assert.Equal("Kept", kept.Name);
        Assert.Equal(kept.Id, After(entry.After).GetProperty("Id").GetInt32());
    }

    private static JsonElement After(string? json) => JsonSerializer.Deserialize<JsonElement>(json!);
}
