using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Users;

public sealed class ServiceDirectoryTests
{
    [Theory]
    [InlineData("Place – Strategic Housing", "Place", "Strategic Housing")]
    [InlineData("Education", "Education", null)]
    [InlineData("  Children's Services –  Family Help ", "Children's Services", "Family Help")]
    [InlineData("Economy, Work and Skills", "Economy, Work and Skills", null)]
    [InlineData("Education – Post-16 and Skills", "Education", "Post-16 and Skills")]
    public void Split_ReadsTheCataloguesOwner(string owner, string directorate, string? service) =>
        Assert.Equal((directorate, service), ServiceDirectory.Split(owner));

    [Theory]
    [InlineData("Place – ")]
    [InlineData(" – Strategic Housing")]
    [InlineData("Place – Housing – Options")]
    public void OwnerProblem_RefusesAnOwnerThatIsNotADirectorateAndService(string owner) =>
        Assert.NotNull(ServiceDirectory.OwnerProblem(owner));

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AddRenameAndRemove_KeepNamesUniqueWithinADirectorate(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var directory = new ServiceDirectory(db);
        var place = await directory.AddAsync(" Place ", null);
        var housing = await directory.AddAsync("Strategic Housing", place.Id);
        var people = await directory.AddAsync("People", null);

        // The same name is allowed in another directorate, but not twice in one, in any case.
        await directory.AddAsync("Strategic Housing", people.Id);
        var twice = await Assert.ThrowsAsync<InvalidInputException>(() => directory.AddAsync("strategic housing", place.Id));
        var directorateTwice = await Assert.ThrowsAsync<InvalidInputException>(() => directory.AddAsync("PLACE", null));
        var renamedOnto = await Assert.ThrowsAsync<InvalidInputException>(() => directory.RenameAsync(people.Id, "Place"));
        var notADirectorate = await Assert.ThrowsAsync<InvalidInputException>(() => directory.AddAsync("Lettings", housing.Id));
        await directory.RenameAsync(housing.Id, "Housing Strategy");
        await directory.RenameAsync(place.Id, "place");

        Assert.Equal("Place already has a service called ‘Strategic Housing’", twice.ByField["Name"]);
        Assert.Equal("There is already a directorate called ‘Place’", directorateTwice.Message);
        Assert.Equal("There is already a directorate called ‘Place’", renamedOnto.Message);
        Assert.Equal("DirectorateId", Assert.Single(notADirectorate.Errors).Column);
        await using var check = database.NewContext();
        Assert.Equal(["People", "People – Strategic Housing", "place", "place – Housing Strategy"], (await check.Services.Include(s => s.Directorate).ToListAsync()).Select(s => s.FullName).Order(StringComparer.Ordinal));
        var audit = await check.AuditEntries.Where(e => e.Entity == nameof(Service)).ToListAsync();
        Assert.Equal(4, audit.Count(e => e.Action == "added"));
        Assert.Contains(audit, e => e.Action == "changed" && e.Key == "Housing Strategy" && e.Before!.Contains("Strategic Housing", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Remove_IsRefusedWhileTheServiceOwnsAMeasureHasUsersOrServices(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var directory = new ServiceDirectory(db);
        var place = await directory.AddAsync("Place", null);
        var housing = await directory.AddAsync("Strategic Housing", place.Id);
        var unused = await directory.AddAsync("Parks", place.Id);
        db.Users.Add(new StaffUser { Id = "ada", UserName = "ada@council.example", Email = "ada@council.example", DisplayName = "Ada", ServiceId = housing.Id });
        await db.SaveChangesAsync();

        var withUser = await Assert.ThrowsAsync<InvalidInputException>(() => directory.RemoveAsync(housing.Id));
        var withServices = await Assert.ThrowsAsync<InvalidInputException>(() => directory.RemoveAsync(place.Id));
        await directory.RemoveAsync(unused.Id);

        Assert.Equal("‘Strategic Housing’ cannot be removed while it has 1 user: give them another service first", withUser.Message);
        Assert.Contains("2 services", withServices.Message, StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.Equal(["Place", "Strategic Housing"], (await check.Services.Select(s => s.Name).ToListAsync()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Find_TakesAFullNameADirectorateOrAServiceNameOnlyOneDirectorateHas(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var directory = new ServiceDirectory(db);
        var (services, _) = await directory.EnsureAsync(["Place – Strategic Housing", "People – Business Support", "Place – Business Support", "Education", "People – Education"]);

        Assert.Equal(services["Place – Strategic Housing"], (await directory.FindAsync("Strategic Housing"))!.Id);
        Assert.Equal(services["Place – Strategic Housing"], (await directory.FindAsync("place – strategic housing"))!.Id);
        Assert.Equal(services["People – Business Support"], (await directory.FindAsync("People – Business Support"))!.Id);
        Assert.Equal(services["Education"], (await directory.FindAsync("Education"))!.Id);
        Assert.Null(await directory.FindAsync("Highways"));
        var ambiguous = await Assert.ThrowsAsync<InvalidInputException>(() => directory.FindAsync("Business Support"));
        Assert.Contains("More than one service is called ‘Business Support’", ambiguous.Message, StringComparison.Ordinal);
    }
}
