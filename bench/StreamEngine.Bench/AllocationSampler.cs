using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace StreamEngine.Bench;

/// <summary>
/// What a path allocates, by type: the runtime reports a sample about every 100 KB allocated (its GC AllocationTick
/// event) with the type that crossed the mark. Counting samples per type gives each type's share of the bytes. On only
/// with <c>--allocations true</c>: listening costs time of its own.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _samples = new(StringComparer.Ordinal);

    /// <summary>The sampler of this run, or null when allocations are not sampled.</summary>
    public static AllocationSampler? Current { get; private set; }

    public static void Start() => Current ??= new AllocationSampler();

    /// <summary>Samples per type so far.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_samples, StringComparer.Ordinal);

    /// <summary>The types that took most of what was allocated since <paramref name="before"/>, with their shares.</summary>
    public string TopSince(IReadOnlyDictionary<string, long> before, int count = 12)
    {
        var since = _samples
            .Select(s => (Type: s.Key, Samples: s.Value - before.GetValueOrDefault(s.Key)))
            .Where(s => s.Samples > 0)
            .OrderByDescending(s => s.Samples)
            .ToList();
        var total = (double)since.Sum(s => s.Samples);
        return "allocated by type: " + string.Join(", ", since.Take(count).Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"{s.Type} {s.Samples / total:P0}")));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true
            && eventData.PayloadNames?.IndexOf("TypeName") is { } at and >= 0
            && eventData.Payload?[at] is string type)
        {
            _samples.AddOrUpdate(type, 1, (_, n) => n + 1);
        }
    }
}
