namespace CouncilPlan.Testing;

/// <summary>
/// A clock that reads a chosen day and runs on from it in real time. Judgements depend on the day
/// (a figure goes out of date), so public pages are tested as at a fixed day; timers still fire, as
/// only the reading of the time is moved. <see cref="Advance"/> moves it on, so that a test can see
/// what a wait of minutes changes without sitting through it.
/// </summary>
/// <remarks>
/// Where a test moves time itself, FakeTimeProvider is the clock to use. This one is for a whole
/// site that must keep working as time passes (SiteFixture): its data version watcher polls on a
/// timer made from the app's clock, and tests wait for a poll to bring in a change, which a clock
/// that stands still would never give.
/// </remarks>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>The day the default dataset's judgements are tested as at.</summary>
    public static readonly DateTimeOffset DatasetDay = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private long shiftTicks = (start - System.GetUtcNow()).Ticks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref shiftTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref shiftTicks, by.Ticks);
}
