using CouncilPlan.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace CouncilPlan.Web.Tests.Staff.Security;

/// <summary>The password rules as the web app applies them (NCSC guidance, ASVS 5.0 6.2).</summary>
public sealed class PasswordPolicyTests(StaffSqliteSite site) : IClassFixture<StaffSqliteSite>
{
    private const string Words = "the lantern by the old quay flickered while seven herons argued about tide tables and a borrowed umbrella drifted past the harbour wall towards nowhere in particular";

    [Theory]
    [InlineData("kettle otter")]
    [InlineData("violet harbour tram")]
    [InlineData("Zq8#rT2!mW4p")]
    [InlineData("correct horse battery staple")]
    public async Task Accepts_PassphrasesOfTwelveCharactersOrMore(string password)
    {
        Assert.True(password.Length >= 12);
        Assert.Empty(await ProblemsAsync(password));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    public async Task Accepts_LongPasswords(int length)
    {
        var password = Words[..length];
        Assert.Equal(length, password.Length);

        Assert.Empty(await ProblemsAsync(password));
    }

    [Fact]
    public async Task Refuses_ElevenCharacters()
    {
        Assert.Equal(["Password must be 12 characters or more"], await ProblemsAsync("kettleotter"));
    }

    [Fact]
    public async Task Refuses_MoreThan128Characters()
    {
        Assert.Equal(["Password must be 128 characters or fewer"], await ProblemsAsync(Words[..129]));
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("Password123456!")]
    [InlineData("P@ssw0rd2024!!")]
    [InlineData("qwertyuiop12")]
    [InlineData("1q2w3e4r5t6y")]
    [InlineData("123456789012")]
    [InlineData("iloveyou1234")]
    [InlineData("letmein letmein")]
    [InlineData("Summer2024!!!")]
    [InlineData("abcabcabcabc")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("love you forever")]
    [InlineData("football12345")]
    public async Task Refuses_CommonPasswordsAndTheirDisguises(string password)
    {
        var problems = await ProblemsAsync(password);

        Assert.Contains(problems, p => p.StartsWith("Password is too easy to guess", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("kettle otter lantern")]
    [InlineData("Kettle Otter Lantern")]
    [InlineData("kettleotterlantern")]
    [InlineData("  KETTLE  otter\tlantern ")]
    public async Task Refuses_TheHintsOwnExample(string password)
    {
        Assert.Equal(["Password must not be the example ‘kettle otter lantern’: choose three random words of your own"], await ProblemsAsync(password));
    }

    [Theory]
    [InlineData("Stockport rocks 2024")]
    [InlineData("my councilplan password")]
    public async Task Refuses_TheCouncilsName(string password)
    {
        Assert.Equal(["Password must not contain the council’s name"], await ProblemsAsync(password));
    }

    [Theory]
    [InlineData("priya.sharma7 secret")]
    [InlineData("Sharmapriya2024!")]
    public async Task Refuses_TheUsersNameOrEmail(string password)
    {
        Assert.Equal(["Password must not contain your name or email address"], await ProblemsAsync(password, new StaffUser { Email = "priya.sharma7@example.gov.uk", UserName = "priya.sharma7@example.gov.uk", DisplayName = "Priya Sharma" }));
    }

    [Fact]
    public async Task CommonPasswordsFile_FromConfigurationIsCheckedToo()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllLinesAsync(file, ["# a council's own list", "tangerine walrus"]);
        try
        {
            var common = CommonPasswords.Load(file);

            Assert.True(common.IsCommon("Tangerine Walrus"));
            Assert.False(CommonPasswords.Load().IsCommon("Tangerine Walrus"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private Task<List<string>> ProblemsAsync(string password, StaffUser? user = null) =>
        site.WithUsersAsync(async users =>
        {
            user ??= new StaffUser { Email = "someone@example.gov.uk", UserName = "someone@example.gov.uk", DisplayName = "Someone" };
            var problems = new List<string>();
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, password);
                problems.AddRange(result.Errors.Select(e => e.Description));
            }

            return problems;
        });
}
