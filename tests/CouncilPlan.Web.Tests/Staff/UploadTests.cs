using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using CouncilPlan.Web.PublicData;
using CouncilPlan.Web.Tests.Staff.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Staff;

/// <summary>
/// The CSV upload of quarterly figures, as an officer's browser uses it, once on each database: a
/// preview that writes nothing, every problem by row and column, all rows saved or none, and nothing
/// public until approved and published. Each test uses measures of its own (the site is shared).
/// </summary>
public abstract class UploadTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : StaffSite
{
    private const string Quarter = "2023-24 Q4";

    private static readonly Officer Team = new("team", "team@council.example", "Team", new HashSet<string> { Roles.PerformanceTeam }, null, null);

    private sealed record SignedIn(Browser Browser, string Email, string UserId, int ServiceId) : IDisposable
    {
        public Officer Officer(string role) => new(UserId, Email, "Test User", new HashSet<string> { role }, ServiceId, null);

        public void Dispose() => Browser.Dispose();
    }

    /// <summary>Opens the quarter (again: opening is idempotent) so each test stands alone.</summary>
    private async Task OpenQuarterAsync()
    {
        // The app creates and fills its database when it starts.
        _ = site.Factory.Services;
        await using var db = site.Database.NewContext();
        await new Cycle(db, TimeProvider.System).Periods.OpenAsync(Team, Quarter, new DateOnly(2024, 4, 30));
    }

    /// <summary>A new officer in a service of their own, owning <paramref name="owns"/> (named, and through the service), signed in.</summary>
    private async Task<SignedIn> SignInAsync(string role, params string[] owns)
    {
        await OpenQuarterAsync();
        var (email, password) = await site.AddUserAsync(role);
        var userId = await site.WithUsersAsync(async users => (await users.FindByEmailAsync(email))!.Id);
        int serviceId;
        await using (var db = site.Database.NewContext())
        {
            var service = new Service { Name = "Service of " + email };
            db.Services.Add(service);
            await db.SaveChangesAsync();
            (await db.Users.SingleAsync(u => u.Id == userId)).ServiceId = service.Id;
            foreach (var code in owns)
            {
                db.Ownerships.Add(new Ownership { MeasureId = (await db.Measures.SingleAsync(m => m.Code == code)).Id, ServiceId = service.Id, UserId = userId });
            }

            await db.SaveChangesAsync();
            serviceId = service.Id;
        }

        var browser = site.NewBrowser();
        using (var signIn = await browser.SignInAsync(email, password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        return new SignedIn(browser, email, userId, serviceId);
    }

    private static async Task<HttpResponseMessage> SendAsync(Browser browser, byte[] file, string fileName = "figures.csv", string contentType = "text/csv")
    {
        var page = await browser.PageAsync("/staff/upload");
        return await browser.UploadAsync(page, "/staff/upload", new Dictionary<string, string> { ["Period"] = Quarter }, "Csv", fileName, file, contentType);
    }

    private static async Task<IHtmlDocument> PreviewAsync(Browser browser, string csv)
    {
        using var response = await SendAsync(browser, Encoding.UTF8.GetBytes(csv));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Browser.ParseAsync(response);
    }

    private static Task<HttpResponseMessage> CommitAsync(Browser browser, IHtmlDocument preview, string action) =>
        browser.SubmitAsync(preview, "/staff/upload/commit", new Dictionary<string, string> { ["action"] = action }, "main form[action='/staff/upload/commit']");

    private static string Cell(IHtmlDocument page, int row, int column) =>
        page.GetElementById($"row-{row}")!.Children[column].TextContent.Trim();

    private static List<string> Problems(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim())];

    private async Task<(int Updates, int Audit)> CountAsync()
    {
        await using var db = site.Database.NewContext();
        return (await db.MeasureUpdates.CountAsync(), await db.AuditEntries.CountAsync());
    }

    private async Task<MeasureUpdate?> UpdateOfAsync(string code)
    {
        await using var db = site.Database.NewContext();
        return await db.MeasureUpdates.AsNoTracking()
            .Where(u => db.Measures.Any(m => m.Id == u.MeasureId && m.Code == code) && u.ReportingPeriod!.Quarter == Quarter)
            .SingleOrDefaultAsync();
    }

    private async Task SaveDraftAsync(Officer officer, string code, string value)
    {
        await using var db = site.Database.NewContext();
        var measure = await db.Measures.SingleAsync(m => m.Code == code);
        var quarter = await db.ReportingPeriods.SingleAsync(p => p.Quarter == Quarter);
        var version = (await UpdateOfAsync(code))?.Version ?? 0;
        await new Cycle(db, TimeProvider.System).Updates.SaveAsync(
            officer, measure, quarter, new MeasureUpdateInput(MeasureUpdates.DefaultPeriod(measure, quarter).Label, value, null, null, default, null, "Entered on the form", null, null, null, version), submit: false);
    }

    [Fact]
    public async Task Preview_ShowsTheDraftAndTheNewValueOfEachRow_AndWritesNothing()
    {
        using var officer = await SignInAsync(Roles.Contributor, "A1-03", "A1-05");
        await SaveDraftAsync(officer.Officer(Roles.Contributor), "A1-05", "12");
        var before = await CountAsync();

        var page = await PreviewAsync(officer.Browser, "measure,value,commentary\nA1-03,42,Four new members\nA1-05,17,Five homes more than planned\n");

        Assert.Equal(before, await CountAsync());
        Assert.StartsWith("Check the figures for 2023-24 Q4", page.Title, StringComparison.Ordinal);
        Assert.Empty(Problems(page));
        Assert.StartsWith("A1-03", Cell(page, 2, 1), StringComparison.Ordinal);
        Assert.Equal("2023-24 Q4", Cell(page, 2, 2));
        Assert.Equal("None", Cell(page, 2, 4));
        Assert.Equal("42 member businesses", Cell(page, 2, 5));
        Assert.StartsWith("A1-05", Cell(page, 3, 1), StringComparison.Ordinal);
        Assert.Equal("12 affordable homes for 2023-24 Q4 (draft saved)", Cell(page, 3, 4));
        Assert.Equal("17 affordable homes", Cell(page, 3, 5));
        Assert.Equal("Ready", Cell(page, 3, 6));
        Assert.NotNull(page.QuerySelector("main form[action='/staff/upload/commit'] input[name=Upload]"));
        Assert.NotNull(page.QuerySelector("main form[action='/staff/upload/commit'] button[value=submit]"));
        Assert.Equal(12, (await UpdateOfAsync("A1-05"))!.DraftValue);
    }

    [Fact]
    public async Task Preview_ListsEveryProblemByRowAndColumn_AndOffersNoWayToSave()
    {
        using var officer = await SignInAsync(Roles.Contributor, "A1-07", "A1-04", "A2-15", "A1-01", "A1-03");
        var before = await CountAsync();
        const string csv = """
            measure,period,value,status,commentary,corrective_action,corrective_action_owner,corrective_action_due
            A1-07,,12,,Fine,,,
            A1-07,,13,,Again,,,
            A1-04,2023-24,600,,,,,
            A2-15,,1,,One fair so far,,,
            A1-01,,abc,,,,,
            ZZ-99,,5,,,,,
            A2-16,,5,,,,,
            A1-03,,7,sometimes,,,,
            """;

        var page = await PreviewAsync(officer.Browser, csv);

        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        var problems = Problems(page);
        Assert.Equal(
            [
                "Row 3, column measure", "Row 4, column period", "Row 5, column corrective_action", "Row 5, column corrective_action_owner",
                "Row 5, column corrective_action_due", "Row 6, column value", "Row 7, column measure", "Row 8, column measure", "Row 9, column status",
            ],
            problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Contains("already in row 2", problems[0], StringComparison.Ordinal);
        Assert.Contains("already published", problems[1], StringComparison.Ordinal);
        Assert.Equal("Row 6, column value: 'abc' is not a number: 'a' is not allowed in a figure; write it like 1050, 1,050 or 75.2", problems[5]);
        Assert.Contains("unknown measure 'ZZ-99'", problems[6], StringComparison.Ordinal);
        Assert.Contains("you do not own measure A2-16", problems[7], StringComparison.Ordinal);
        Assert.Equal("#row-5", page.QuerySelectorAll(".govuk-error-summary__list a")[2].GetAttribute("href"));
        Assert.Null(page.QuerySelector("main form[action='/staff/upload/commit']"));
        Assert.Null(page.QuerySelector("input[name=Upload]"));
        Assert.NotNull(page.QuerySelector("main form[enctype='multipart/form-data'] input[type=file]#Csv"));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Upload_OfAMeasureTheOfficerDoesNotOwn_IsRefusedForThatRow_AndShowsNoDraftOfIt()
    {
        await OpenQuarterAsync();
        await SaveDraftAsync(Team, "A3-06", "93.2");
        using var stranger = await SignInAsync(Roles.Contributor);
        using var approver = await SignInAsync(Roles.Approver);
        await using (var db = site.Database.NewContext())
        {
            // A3-06 belongs to the approver's service, with no named owner.
            db.Ownerships.Add(new Ownership { MeasureId = (await db.Measures.SingleAsync(m => m.Code == "A3-06")).Id, ServiceId = approver.ServiceId });
            await db.SaveChangesAsync();
        }

        var refused = await PreviewAsync(stranger.Browser, "measure,value\nA3-06,55\n");
        var allowed = await PreviewAsync(approver.Browser, "measure,value\nA3-06,55\n");

        Assert.Equal(["Row 2, column measure: you do not own measure A3-06, so you cannot upload figures for it"], Problems(refused));
        Assert.DoesNotContain("93%", refused.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(Problems(allowed));
        Assert.Equal("93% for 2023-24 (draft saved)", Cell(allowed, 2, 4));
    }

    [Fact]
    public async Task SaveAsDrafts_WritesEveryRowAsADraft_AndAuditsEachChange()
    {
        using var officer = await SignInAsync(Roles.Contributor, "A2-06", "A1-09");
        var before = await CountAsync();
        var preview = await PreviewAsync(officer.Browser, "measure,value,commentary\nA2-06,3,Three this quarter\nA1-09,250000,\n");

        using var response = await CommitAsync(officer.Browser, preview, "draft");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff", response.Headers.Location?.OriginalString);
        Assert.Contains("2 updates for 2023-24 Q4 saved as drafts", (await officer.Browser.PageAsync("/staff")).QuerySelector(".govuk-notification-banner--success")!.TextContent, StringComparison.Ordinal);
        var schools = (await UpdateOfAsync("A2-06"))!;
        var floorspace = (await UpdateOfAsync("A1-09"))!;
        Assert.Equal((UpdateStatus.Draft, 3.0, "2023-24 Q4", officer.Email), (schools.Status, schools.DraftValue!.Value, schools.DraftPeriod!, schools.UpdatedBy!));
        Assert.Equal((UpdateStatus.Draft, 250000.0, "2023-24"), (floorspace.Status, floorspace.DraftValue!.Value, floorspace.DraftPeriod!));
        Assert.Equal(before.Updates + 2, (await CountAsync()).Updates);
        await using var db = site.Database.NewContext();
        var audit = await db.AuditEntries.Where(e => e.Entity == nameof(MeasureUpdate) && e.Who == officer.Email).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.Contains(audit, e => e.Key.StartsWith("A2-06", StringComparison.Ordinal) && e.Action == "added" && e.After!.Contains("\"DraftValue\":3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmittedFigures_AreNotPublicUntilApprovedAndPublished()
    {
        const string marker = "987654";
        using var officer = await SignInAsync(Roles.Contributor, "A3-01");
        Assert.DoesNotContain(marker, await EverythingPublicAsync(), StringComparison.Ordinal);
        var preview = await PreviewAsync(officer.Browser, $"measure,value,commentary\nA3-01,{marker},Hubs open across the borough\n");

        using (var response = await CommitAsync(officer.Browser, preview, "submit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var update = (await UpdateOfAsync("A3-01"))!;
        Assert.Equal((UpdateStatus.Submitted, officer.Email), (update.Status, update.SubmittedBy!));
        await using (var db = site.Database.NewContext())
        {
            var audit = await db.AuditEntries.SingleAsync(e => e.Entity == nameof(MeasureUpdate) && e.Who == officer.Email);
            Assert.StartsWith("A3-01", audit.Key, StringComparison.Ordinal);
            Assert.Contains("\"Status\":\"Submitted\"", audit.After, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(marker, await EverythingPublicAsync(), StringComparison.Ordinal);
        await using (var db = site.Database.NewContext())
        {
            await new Cycle(db, TimeProvider.System).Updates.DecideAsync(Team, update.Id, approve: true, null, update.Version);
        }

        Assert.DoesNotContain(marker, await EverythingPublicAsync(), StringComparison.Ordinal);
        var cache = site.Factory.Services.GetRequiredService<PublicDataCache>();
        var version = cache.Version;
        await using (var db = site.Database.NewContext())
        {
            await new Cycle(db, TimeProvider.System).Publication.PublishAsync(Team, [update.Id], []);
        }

        await WaitForNewDataAsync(cache, version);
        var published = await EverythingPublicAsync();
        Assert.Contains("987,654 family hubs", published, StringComparison.Ordinal);
        Assert.Contains($"\"value\":{marker}", published, StringComparison.Ordinal);
        Assert.Contains($"A3-01,2023-24,E08000007,,{marker}", published, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_WhenAnUpdateWasChangedAfterThePreview_NamesTheRowAndSavesNothing()
    {
        using var officer = await SignInAsync(Roles.Contributor, "A1-08", "A2-05");
        var preview = await PreviewAsync(officer.Browser, "measure,value\nA1-08,120\nA2-05,6\n");
        await SaveDraftAsync(Team, "A2-05", "9");
        var before = await CountAsync();

        using var response = await CommitAsync(officer.Browser, preview, "draft");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        var problem = Assert.Single(Problems(page));
        Assert.StartsWith("Row 3, column measure: team@council.example changed the update of A2-05 after you checked the file", problem, StringComparison.Ordinal);
        Assert.Null(await UpdateOfAsync("A1-08"));
        Assert.Equal(9, (await UpdateOfAsync("A2-05"))!.DraftValue);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Upload_OfExactlyTheSizeLimit_IsCarriedToTheSaveAndSaved()
    {
        using var officer = await SignInAsync(Roles.Contributor, "A4-01");
        // The padding is in the title column, which the template writes for reference and the upload
        // never reads: every field that is read has a length limit far below the file's.
        const string head = "measure,value,commentary,title\nA4-01,64,Homes delivered this quarter.,";
        var title = new string('x', FigureUpload.MaxBytes - head.Length - 1);
        var file = $"{head}{title}\n";
        Assert.Equal(FigureUpload.MaxBytes, Encoding.UTF8.GetByteCount(file));
        var preview = await PreviewAsync(officer.Browser, file);

        using var response = await CommitAsync(officer.Browser, preview, "submit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Homes delivered this quarter.", (await UpdateOfAsync("A4-01"))!.Commentary);
    }

    [Fact]
    public async Task Save_WithAChangedOrSomeoneElsesSealedFile_IsRefusedAndSavesNothing()
    {
        using var officer = await SignInAsync(Roles.Contributor, "A3-05");
        using var other = await SignInAsync(Roles.PerformanceTeam);
        var preview = await PreviewAsync(officer.Browser, "measure,value\nA3-05,4\n");
        var sealedFile = preview.QuerySelector("input[name=Upload]")!.GetAttribute("value")!;
        var middle = sealedFile.Length / 2;
        var tampered = sealedFile[..middle] + (sealedFile[middle] == 'A' ? 'B' : 'A') + sealedFile[(middle + 1)..];
        var before = await CountAsync();

        using var changed = await SendSealedAsync(officer.Browser, tampered);
        using var replayed = await SendSealedAsync(other.Browser, sealedFile);

        foreach (var response in new[] { changed, replayed })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(["The checked file could not be read back, so nothing has been saved: upload the file again"], Problems(await Browser.ParseAsync(response)));
        }

        Assert.Equal(before, await CountAsync());
        Assert.Null(await UpdateOfAsync("A3-05"));
    }

    /// <summary>Posts a sealed file to the save, with a good antiforgery token, as a changed page would.</summary>
    private static async Task<HttpResponseMessage> SendSealedAsync(Browser browser, string sealedFile)
    {
        var page = await browser.PageAsync("/staff/upload");
        var token = page.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token), KeyValuePair.Create("Upload", sealedFile), KeyValuePair.Create("action", "draft")]);
        return await browser.Client.PostAsync("/staff/upload/commit", content);
    }

    [Theory]
    [InlineData("big.csv", "text/csv", FigureUpload.MaxBytes + 1, "The selected file must be 5 MB or smaller")]
    [InlineData("figures.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 100, "The selected file must be a CSV")]
    [InlineData("figures.csv", "application/vnd.ms-excel", 100, "The selected file must be a CSV: this one is a workbook")]
    [InlineData("figures.csv", "text/csv", 0, "The selected file is empty")]
    public async Task Upload_OfAFileThatIsTooLargeOrNotACsv_IsRefusedWithAClearMessage(string fileName, string contentType, int size, string message)
    {
        using var officer = await SignInAsync(Roles.Contributor);
        var file = new byte[size];
        if (fileName.EndsWith(".csv", StringComparison.Ordinal) && size > 0 && size < 1000)
        {
            // An Excel workbook saved with a .csv name: a zip file.
            "PK\u0003\u0004"u8.CopyTo(file);
        }
        else
        {
            Array.Fill(file, (byte)'1');
        }

        using var response = await SendAsync(officer.Browser, file, fileName, contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.StartsWith(message, Assert.Single(Problems(page)), StringComparison.Ordinal);
        Assert.Equal("#Csv", page.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
        Assert.Contains(message, page.GetElementById("Csv-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name=Upload]"));
    }

    [Fact]
    public async Task Template_HasARowForEachMeasureTheOfficerMayChange_AndUploadsBackOnceFilledIn()
    {
        using var officer = await SignInAsync(Roles.Contributor, "A1-03", "A2-15");

        using var response = await officer.Browser.GetAsync("/staff/upload/template?period=" + Uri.EscapeDataString(Quarter));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.Equal(
            [
                "measure,title,period,value,numerator,denominator,status,quality_note,commentary,corrective_action,corrective_action_owner,corrective_action_due",
                "A1-03,Stockport businesses that are members of the Greater Manchester Good Employment Charter,2023-24 Q4,,,,,,,,,",
                "A2-15,Jobs fairs held,2023-24,,,,,,,,,",
            ],
            text.TrimEnd('\n').Split('\n'));
        var blank = await PreviewAsync(officer.Browser, text);
        Assert.Equal(["The file has no figures to save: fill in the value for at least one measure"], Problems(blank));
        var filled = await PreviewAsync(officer.Browser, text.Replace("Jobs fairs held,2023-24,,", "Jobs fairs held,2023-24,2,", StringComparison.Ordinal));
        Assert.Empty(Problems(filled));
        Assert.Contains("The file has 2 rows: 1 with figures to save, and 1 left blank, which change nothing.", filled.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("No change", Cell(filled, 2, 6).Split('\n')[0].Trim());
        Assert.StartsWith("Draft only", Cell(filled, 3, 6), StringComparison.Ordinal);
        Assert.Null(filled.QuerySelector("main form[action='/staff/upload/commit'] button[value=submit]"));
    }

    [Fact]
    public async Task UploadPages_RefuseAnyoneNotSignedIn_AndCouncillors()
    {
        await OpenQuarterAsync();
        using var anonymous = site.NewBrowser();
        using var councillor = await SignInAsync(Roles.Councillor);

        using var signIn = await anonymous.GetAsync("/staff/upload");
        using var form = new FormUrlEncodedContent([KeyValuePair.Create("action", "draft")]);
        using var post = await anonymous.Client.PostAsync("/staff/upload/commit", form);
        using var refused = await councillor.Browser.GetAsync("/staff/upload");
        using var template = await councillor.Browser.GetAsync("/staff/upload/template?period=" + Uri.EscapeDataString(Quarter));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("https://localhost/staff/account/sign-in?returnUrl=%2Fstaff%2Fupload", signIn.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains("/staff/account/sign-in", post.Headers.Location?.ToString(), StringComparison.Ordinal);
        foreach (var response in new[] { refused, template })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://localhost/staff/account/access-denied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }

        using var denied = await councillor.Browser.GetAsync(refused.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Upload_ForAQuarterThatIsNotOpen_IsRefused_AndOneClosedAfterThePreviewSavesNothing()
    {
        const string notOpen = "2023-24 Q3";
        using var officer = await SignInAsync(Roles.Contributor, "A4-04");
        var form = await officer.Browser.PageAsync("/staff/upload");
        Assert.Equal([Quarter], form.QuerySelectorAll("main input[name=Period]").Select(i => i.GetAttribute("value")));

        using var template = await officer.Browser.GetAsync("/staff/upload/template?period=" + Uri.EscapeDataString(notOpen));
        using var sent = await officer.Browser.UploadAsync(form, "/staff/upload", new Dictionary<string, string> { ["Period"] = notOpen }, "Csv", "figures.csv", Encoding.UTF8.GetBytes("measure,value\nA4-04,5\n"));

        Assert.Equal(HttpStatusCode.NotFound, template.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var refused = await Browser.ParseAsync(sent);
        Assert.Equal(["Select the quarter the figures are for"], Problems(refused));
        Assert.Null(refused.QuerySelector("input[name=Upload]"));

        // Closed between the preview and the save: the save checks the quarter again.
        var preview = await PreviewAsync(officer.Browser, "measure,value\nA4-04,5\n");
        Assert.Empty(Problems(preview));
        await using (var db = site.Database.NewContext())
        {
            await new Cycle(db, TimeProvider.System).Periods.CloseAsync(Team, (await db.ReportingPeriods.SingleAsync(p => p.Quarter == Quarter)).Id);
        }

        var before = await CountAsync();

        try
        {
            using var response = await CommitAsync(officer.Browser, preview, "draft");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["2023-24 Q4 is closed: ask the performance team to reopen it"], Problems(await Browser.ParseAsync(response)));
            Assert.Equal(before, await CountAsync());
            Assert.Null(await UpdateOfAsync("A4-04"));
        }
        finally
        {
            await OpenQuarterAsync();
        }
    }

    [Fact]
    public async Task MyUpdates_LinksToTheUpload()
    {
        using var officer = await SignInAsync(Roles.Contributor);

        var page = await officer.Browser.PageAsync("/staff");

        Assert.NotEmpty(page.QuerySelectorAll("main a[href='/staff/upload']"));
    }

    private async Task<string> EverythingPublicAsync()
    {
        using var client = site.NewBrowser();
        var text = new StringBuilder();
        foreach (var path in new[] { "/measures/A3-01", "/api/v1/measures/A3-01", "/api/v1/observations?measure=A3-01&format=csv" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text.AppendLine(await response.Content.ReadAsStringAsync());
        }

        return text.ToString();
    }

    private static async Task WaitForNewDataAsync(PublicDataCache cache, long before)
    {
        for (var i = 0; i < 100 && (cache.Version == before || cache.Version < 0); i++)
        {
            await Task.Delay(100);
            await cache.GetAsync();
        }

        Assert.NotEqual(before, cache.Version);
    }
}

public sealed class SqliteUploadTests(StaffSqliteSite site) : UploadTests<StaffSqliteSite>(site);

public sealed class PostgresUploadTests(StaffPostgresSite site) : UploadTests<StaffPostgresSite>(site);
