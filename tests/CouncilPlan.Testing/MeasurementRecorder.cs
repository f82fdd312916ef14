using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CouncilPlan.Testing;

/// <summary>
/// Records what one meter factory's instruments measure: tests run in parallel in one process, so
/// listening by meter name alone would count other tests' requests and imports too.
/// </summary>
public sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements = new();

    public MeasurementRecorder(IMeterFactory scope, string meterName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    /// <summary>The sum of what <paramref name="instrument"/> measured, optionally only with one tag value.</summary>
    public double Sum(string instrument, string? tag = null, object? value = null) =>
        Matching(instrument, tag, value).Sum(m => m.Value);

    /// <summary>How many measurements <paramref name="instrument"/> made.</summary>
    public int Count(string instrument, string? tag = null, object? value = null) =>
        Matching(instrument, tag, value).Count();

    public IEnumerable<double> Values(string instrument, string? tag = null, object? value = null) =>
        Matching(instrument, tag, value).Select(m => m.Value);

    public void Dispose() => listener.Dispose();

    private IEnumerable<(string Instrument, double Value, Dictionary<string, object?> Tags)> Matching(string instrument, string? tag, object? value) =>
        measurements.Where(m => m.Instrument == instrument && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value)));

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        measurements.Enqueue((instrument.Name, value, copy));
    }
}

/// <summary>A meter factory of a test's own, for code given its meters rather than the web app's.</summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly ConcurrentBag<Meter> meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in meters)
        {
            meter.Dispose();
        }
    }
}
