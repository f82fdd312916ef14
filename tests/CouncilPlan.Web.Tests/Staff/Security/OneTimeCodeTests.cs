using System.Text;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Staff.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TestCodes = CouncilPlan.Testing.Totp;

namespace CouncilPlan.Web.Tests.Staff.Security;

/// <summary>
/// Authenticator codes come from a library (Otp.NET): RFC 6238's own test vectors check it rather
/// than trust it, and the test's independent codes with it. The provider around it takes the time
/// from the app's clock, allows one step of drift and accepts each step's code once.
/// </summary>
public sealed class OneTimeCodeTests(StaffSqliteSite site) : IClassFixture<StaffSqliteSite>
{
    // RFC 6238 Appendix B: the SHA-1 secret.
    private static readonly byte[] Rfc6238Secret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Codes_AreRfc6238sTestVectors(long unixSeconds, string eightDigits)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        var sixDigits = eightDigits[2..];

        Assert.Equal(eightDigits, new OtpNet.Totp(Rfc6238Secret, totpSize: 8).ComputeTotp(at.UtcDateTime));
        Assert.Equal(sixDigits, new OtpNet.Totp(Rfc6238Secret).ComputeTotp(at.UtcDateTime));
        Assert.Equal(sixDigits, TestCodes.Code(Rfc6238Secret, unixSeconds / 30));
        Assert.Equal(unixSeconds / 30, OneTimeCodeProvider.MatchedStep(Rfc6238Secret, sixDigits, at));
    }

    [Fact]
    public void ACode_IsAcceptedOneStepEitherSideOfNow_AndNoFurther()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1111111109);
        var now = at.ToUnixTimeSeconds() / 30;
        for (var offset = -3; offset <= 3; offset++)
        {
            long? expected = Math.Abs(offset) <= 1 ? now + offset : null;
            Assert.Equal(expected, OneTimeCodeProvider.MatchedStep(Rfc6238Secret, TestCodes.Code(Rfc6238Secret, now + offset), at));
        }
    }

    [Fact]
    public async Task Provider_ReadsTheAppClock_AndRefusesAStepOnceUsed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 10, TimeSpan.Zero));
        var provider = new OneTimeCodeProvider(clock);
        var (email, _) = await site.AddUserAsync(Roles.Contributor);
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        var key = TestCodes.Base32((await users.GetAuthenticatorKeyAsync(user))!);
        var step = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        Task<bool> ValidAsync(string code) => provider.ValidateAsync("TwoFactor", code, users, user);

        // A code two steps away is refused: the time is the injected clock's, not the machine's.
        Assert.False(await ValidAsync(TestCodes.Code(key, step + 2)));
        Assert.True(await ValidAsync(TestCodes.Code(key, step)));
        Assert.False(await ValidAsync(TestCodes.Code(key, step)));

        // The step before the one used is refused too, even within the drift; the step after is not.
        Assert.False(await ValidAsync(TestCodes.Code(key, step - 1)));
        Assert.True(await ValidAsync(TestCodes.Code(key, step + 1)));

        // Half a minute on, the code used a moment ago is still refused, and the new step's is not.
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(await ValidAsync(TestCodes.Code(key, step + 1)));
        Assert.True(await ValidAsync(TestCodes.Code(key, step + 2)));
    }
}
