using System.Net;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using CouncilPlan.Web.Tests.Staff.Security;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Tests.Staff;

/// <summary>Directorates and services at /staff/services, kept by the performance team, once on each database.</summary>
public abstract class ServicesTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : StaffSite
{
    private static readonly Dictionary<string, string> NoFields = [];

    [Fact]
    public async Task DefaultDataset_GivesEachMeasureWithAnOwnerItsServiceUnderItsDirectorate()
    {
        await using var db = site.Database.NewContext();
        var housing = await db.Services.Include(s => s.Directorate).SingleAsync(s => s.Name == "Strategic Housing");
        var measures = await db.Measures.Where(m => m.Owner == "Place – Strategic Housing").Select(m => m.Id).ToListAsync();
        var owned = await db.Ownerships.Where(o => o.MeasureId != null).ToListAsync();
        var withOwner = await db.Measures.Where(m => m.Owner != null).Select(m => m.Id).ToListAsync();

        Assert.Equal("Place", housing.Directorate!.Name);
        Assert.Null(housing.Directorate.DirectorateId);
        Assert.NotEmpty(measures);
        Assert.All(measures, id => Assert.Equal(housing.Id, Assert.Single(owned, o => o.MeasureId == id).ServiceId));
        Assert.Equal(withOwner.Order(), owned.Select(o => o.MeasureId!.Value).Order());

        // "Education" alone is the directorate, which owns measures itself; its services are beneath it.
        var education = await db.Services.SingleAsync(s => s.Name == "Education" && s.DirectorateId == null);
        Assert.Contains(owned, o => o.ServiceId == education.Id);
        Assert.True(await db.Services.AnyAsync(s => s.Name == "SEND" && s.DirectorateId == education.Id));

        var (team, _) = await site.SignedInAsync(Roles.PerformanceTeam);
        var page = await team.PageAsync("/staff/services");
        var row = page.QuerySelector($"#directorate-{housing.Directorate.Id} tr[data-service='Strategic Housing']")!;
        Assert.Equal(["Strategic Housing", measures.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "0", "0"], row.Children.Take(4).Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task ServicePage_ListsTheMeasuresAndCommitmentsItOwnsAndItsMembers()
    {
        var (team, _) = await site.SignedInAsync(Roles.PerformanceTeam);
        var (memberEmail, _) = await site.AddUserAsync(Roles.Approver);
        var commitmentId = await Workspace.FirstCommitmentAsync(site.Database);
        int housing, parks;
        List<string> housingMeasures;
        string commitment;
        await using (var db = site.Database.NewContext())
        {
            housing = (await db.Services.SingleAsync(s => s.Name == "Strategic Housing")).Id;
            housingMeasures = await db.Measures.Where(m => m.Owner == "Place – Strategic Housing").Select(m => m.Code).ToListAsync();
            commitment = (await db.PlanElements.SingleAsync(e => e.Id == commitmentId)).Title!;
            var place = await db.Services.SingleAsync(s => s.Name == "Place" && s.DirectorateId == null);
            var service = await new ServiceDirectory(db).AddAsync($"Parks {Guid.NewGuid():N}", place.Id);
            parks = service.Id;
            db.Ownerships.Add(new Core.Updates.Ownership { ElementId = commitmentId, ServiceId = parks });
            (await db.Users.SingleAsync(u => u.Email == memberEmail)).ServiceId = parks;
            await db.SaveChangesAsync();
        }

        var housingPage = await team.PageAsync($"/staff/services/{housing}");
        var parksPage = await team.PageAsync($"/staff/services/{parks}");

        Assert.Equal(
            housingMeasures.Order(StringComparer.Ordinal).Select(code => "Measure " + code),
            Owned(housingPage).Where(label => label.StartsWith("Measure ", StringComparison.Ordinal)).Select(label => label[..label.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Null(housingPage.GetElementById("members"));
        Assert.Equal(["Commitment: " + commitment], Owned(parksPage));
        var member = Assert.Single(parksPage.QuerySelectorAll("#members tbody tr"));
        Assert.Equal(["Test User", memberEmail, "Approver"], member.Children.Select(c => c.TextContent.Trim()));
        Assert.Contains("1 commitment, 1 user", parksPage.GetElementById("uses")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServicePage_MovesItemsHereAndNamesOwnersInBulk_AndContributorsSeeThemDue()
    {
        var (team, teamEmail) = await site.SignedInAsync(Roles.PerformanceTeam);
        var (ann, annEmail) = await site.SignedInAsync(Roles.Contributor);
        var (bob, bobEmail) = await site.SignedInAsync(Roles.Contributor);
        await Workspace.OpenQuarterAsync(site.Database);
        int service;
        List<(int Id, string Title)> commitments;
        await using (var db = site.Database.NewContext())
        {
            var place = await db.Services.SingleAsync(s => s.Name == "Place" && s.DirectorateId == null);
            service = (await new ServiceDirectory(db).AddAsync($"Libraries {Guid.NewGuid():N}", place.Id)).Id;
            foreach (var user in await db.Users.Where(u => u.Email == annEmail || u.Email == bobEmail).ToListAsync())
            {
                user.ServiceId = service;
            }

            await db.SaveChangesAsync();
            var owned = await db.Ownerships.Where(o => o.ElementId != null).Select(o => o.ElementId).ToListAsync();
            commitments = (await db.PlanElements.Where(e => e.Kind == Core.Plans.ElementKind.Commitment && !owned.Contains(e.Id)).OrderByDescending(e => e.Id).Take(3)
                .Select(e => new { e.Id, e.Title }).ToListAsync()).Select(e => (e.Id, e.Title!)).ToList();
        }

        var path = $"/staff/services/{service}";
        var page = await team.PageAsync(path);
        foreach (var (id, _) in commitments)
        {
            page.QuerySelector($"#take input[value='commitment-{id}']")!.SetAttribute("checked", "");
        }

        using var moved = await team.SubmitAsync(page, path, new Dictionary<string, string>(), "#take");
        var annDueBefore = await DueAsync(ann);

        // Ann is named owner of the first: Bob is no longer asked for it, and still is for the others.
        page = await team.PageAsync(path);
        page.QuerySelector($"#owned input[value='commitment-{commitments[0].Id}']")!.SetAttribute("checked", "");
        using var named = await team.SubmitAsync(page, path, new Dictionary<string, string> { ["NamedOwner"] = annEmail }, "#owned");
        using var nothingTicked = await team.SubmitAsync(path, new Dictionary<string, string> { ["NamedOwner"] = annEmail }, "#owned");

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(commitments.Select(c => c.Title).Order(StringComparer.Ordinal), annDueBefore.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, named.StatusCode);
        Assert.Equal(commitments.Select(c => c.Title).Order(StringComparer.Ordinal), (await DueAsync(ann)).Order(StringComparer.Ordinal));
        Assert.Equal(commitments.Skip(1).Select(c => c.Title).Order(StringComparer.Ordinal), (await DueAsync(bob)).Order(StringComparer.Ordinal));
        var after = await team.PageAsync(path);
        var box = after.QuerySelector($"#owned input[value='commitment-{commitments[0].Id}']")!;
        Assert.Equal($"Named owner: {annEmail}", after.GetElementById(box.GetAttribute("aria-describedby")!)!.TextContent.Trim());
        var refused = await Browser.ParseAsync(nothingTicked);
        Assert.Equal("Tick the measures or commitments to give a named owner", refused.QuerySelector(".govuk-error-summary__list a[href='#Ticked']")!.TextContent);

        await using var check = site.Database.NewContext();
        var ids = commitments.Select(c => (int?)c.Id).ToList();
        Assert.Equal(3, await check.Ownerships.CountAsync(o => ids.Contains(o.ElementId) && o.ServiceId == service));
        Assert.Contains(await check.AuditEntries.Where(e => e.Entity == nameof(Core.Updates.Ownership) && e.Who == teamEmail).ToListAsync(), e => e.Action == "removed");
    }

    /// <summary>The titles of what is due from an officer, from their "My updates" page.</summary>
    private static async Task<List<string>> DueAsync(Browser officer) =>
        (await officer.PageAsync("/staff")).QuerySelectorAll("table[id^=due-] tbody th a").Select(a => a.TextContent.Trim()).ToList();

    /// <summary>The service page's list of what it owns, each as its label.</summary>
    private static List<string> Owned(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#owned .govuk-checkboxes__label").Select(label => label.TextContent.Trim()).ToList();

    [Fact]
    public async Task PerformanceTeam_AddsAndRenamesServices_AndDuplicatesAreRefusedWithAClearMessage()
    {
        var (team, email) = await site.SignedInAsync(Roles.PerformanceTeam);
        var name = $"Directorate {Guid.NewGuid():N}";

        using var directorate = await team.SubmitAsync("/staff/services", new Dictionary<string, string> { ["Name"] = name, ["DirectorateId"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, directorate.StatusCode);
        int directorateId;
        await using (var db = site.Database.NewContext())
        {
            directorateId = (await db.Services.SingleAsync(s => s.Name == name && s.DirectorateId == null)).Id;
        }

        var id = directorateId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var service = await team.SubmitAsync("/staff/services", new Dictionary<string, string> { ["Name"] = "Parks and Green Spaces", ["DirectorateId"] = id });
        using var duplicate = await team.SubmitAsync("/staff/services", new Dictionary<string, string> { ["Name"] = "parks and green spaces ", ["DirectorateId"] = id });
        using var duplicateDirectorate = await team.SubmitAsync("/staff/services", new Dictionary<string, string> { ["Name"] = name.ToUpperInvariant(), ["DirectorateId"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, service.StatusCode);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var page = await Browser.ParseAsync(duplicate);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal($"{name} already has a service called ‘Parks and Green Spaces’", page.QuerySelector(".govuk-error-summary__list a[href='#Name']")!.TextContent);
        Assert.NotNull(page.GetElementById("Name-error"));
        Assert.Equal($"There is already a directorate called ‘{name}’", (await Browser.ParseAsync(duplicateDirectorate)).QuerySelector(".govuk-error-summary__list a")!.TextContent);
        var list = await team.PageAsync("/staff/services");
        Assert.Equal(name, list.QuerySelector($"#directorate-{id} caption")!.TextContent.Trim());
        Assert.Single(list.QuerySelectorAll($"#directorate-{id} tr[data-service='Parks and Green Spaces']"));

        int parks;
        await using (var db = site.Database.NewContext())
        {
            parks = (await db.Services.SingleAsync(s => s.DirectorateId == directorateId)).Id;
            Assert.Equal(2, await db.Services.CountAsync(s => s.Id == directorateId || s.DirectorateId == directorateId));
        }

        using var renamed = await team.SubmitAsync($"/staff/services/{parks}", new Dictionary<string, string> { ["Name"] = "Parks" }, "#rename");

        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        await using var check = site.Database.NewContext();
        Assert.Equal("Parks", (await check.Services.SingleAsync(s => s.Id == parks)).Name);
        var audit = await check.AuditEntries.Where(e => e.Entity == nameof(Service) && e.Who == email).ToListAsync();
        Assert.Equal(2, audit.Count(e => e.Action == "added"));
        Assert.Contains(audit, e => e.Action == "changed" && e.Key == "Parks" && e.Before == """{"Name":"Parks and Green Spaces"}""");
    }

    [Fact]
    public async Task Remove_IsOfferedOnlyForAServiceNothingRefersTo()
    {
        var (team, _) = await site.SignedInAsync(Roles.PerformanceTeam);
        int housing, place, measures;
        await using (var db = site.Database.NewContext())
        {
            housing = (await db.Services.SingleAsync(s => s.Name == "Strategic Housing")).Id;
            place = (await db.Services.SingleAsync(s => s.Name == "Place" && s.DirectorateId == null)).Id;
            measures = await db.Ownerships.CountAsync(o => o.ServiceId == housing && o.MeasureId != null);
        }

        var inUse = await team.PageAsync($"/staff/services/{housing}");
        Assert.Null(inUse.QuerySelector("main form[action*='handler=Remove']"));
        Assert.Contains($"cannot be removed while it has {measures} measures", inUse.GetElementById("cannot-remove")!.TextContent, StringComparison.Ordinal);

        // Asked anyway, it is refused and stays.
        var token = inUse.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]);
        using var refused = await team.Client.PostAsync($"/staff/services/{housing}?handler=Remove", content);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("cannot be removed", (await Browser.ParseAsync(refused)).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);

        var name = $"Unused {Guid.NewGuid():N}";
        using (await team.SubmitAsync("/staff/services", new Dictionary<string, string> { ["Name"] = name, ["DirectorateId"] = place.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
        }

        int unused;
        await using (var db = site.Database.NewContext())
        {
            unused = (await db.Services.SingleAsync(s => s.Name == name)).Id;
        }

        using var removed = await team.SubmitAsync($"/staff/services/{unused}", NoFields, "main form[action*='handler=Remove']");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        await using var check = site.Database.NewContext();
        Assert.False(await check.Services.AnyAsync(s => s.Id == unused));
        Assert.True(await check.Services.AnyAsync(s => s.Id == housing));
    }

    [Fact]
    public async Task ServicesPages_AreForThePerformanceTeamOnly_AndTheNavigationSaysSo()
    {
        var (contributor, _) = await site.SignedInAsync(Roles.Contributor);
        var (admin, _) = await site.SignedInAsync(Roles.Administrator);
        var (team, _) = await site.SignedInAsync(Roles.PerformanceTeam);

        foreach (var browser in new[] { contributor, admin })
        {
            using var refused = await browser.GetAsync("/staff/services");
            Assert.StartsWith("https://localhost/staff/account/access-denied", refused.Headers.Location?.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("/staff/services", (await browser.PageAsync("/staff")).QuerySelector(".councilplan-staff-nav")!.InnerHtml, StringComparison.Ordinal);
        }

        Assert.Contains("/staff/services", (await team.PageAsync("/staff")).QuerySelector(".councilplan-staff-nav")!.InnerHtml, StringComparison.Ordinal);
    }
}

public sealed class SqliteServicesTests(StaffSqliteSite site) : ServicesTests<StaffSqliteSite>(site);

public sealed class PostgresServicesTests(StaffPostgresSite site) : ServicesTests<StaffPostgresSite>(site);
