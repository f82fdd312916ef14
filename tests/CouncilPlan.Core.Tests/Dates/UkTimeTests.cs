using CouncilPlan.Core.Dates;
using Microsoft.Extensions.Time.Testing;

namespace CouncilPlan.Core.Tests.Dates;

public sealed class UkTimeTests
{
    [Theory]
    // British Summer Time: an hour ahead, so the last hour of the UTC day is the next day in England.
    [InlineData("2026-07-01T23:30:00Z", "2026-07-02")]
    [InlineData("2026-07-01T22:59:00Z", "2026-07-01")]
    // Winter: England's clock is UTC.
    [InlineData("2026-12-01T23:30:00Z", "2026-12-01")]
    [InlineData("2027-01-01T00:00:00Z", "2027-01-01")]
    // The clocks go forward at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October 2026.
    [InlineData("2026-03-28T23:30:00Z", "2026-03-28")]
    [InlineData("2026-03-29T23:30:00Z", "2026-03-30")]
    [InlineData("2026-10-24T23:30:00Z", "2026-10-25")]
    [InlineData("2026-10-25T23:30:00Z", "2026-10-25")]
    public void Today_IsTheDateInEngland(string utc, string england)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(england, System.Globalization.CultureInfo.InvariantCulture), UkTime.Today(clock));
    }
}
