using System.Collections.Concurrent;
using System.Text.Json;

namespace StreamEngine.Host.Topologies;

/// <summary>
/// What a running topology has done so far: records in, records written per topic, dead letters per reason, alerts
/// per kind, offsets passed on.
/// </summary>
/// <param name="deadLettersTopic">Records written here are counted by their <c>reason</c>.</param>
/// <param name="alertsTopic">Records written here are counted by their <c>kind</c>.</param>
public sealed class TopologyCounters(string deadLettersTopic, string alertsTopic)
{
    private readonly ConcurrentDictionary<string, long> _writtenByTopic = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _deadLettersByReason = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _alertsByKind = new(StringComparer.Ordinal);
    private long _consumed;
    private long _completed;

    public long Consumed => Interlocked.Read(ref _consumed);

    /// <summary>Records whose every effect is durable: their offsets went to the committer.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    public IReadOnlyDictionary<string, long> WrittenByTopic => _writtenByTopic;

    public IReadOnlyDictionary<string, long> DeadLettersByReason => _deadLettersByReason;

    public IReadOnlyDictionary<string, long> AlertsByKind => _alertsByKind;

    public void CountConsumed() => Interlocked.Increment(ref _consumed);

    public void CountCompleted() => Interlocked.Increment(ref _completed);

    public void CountWritten(string topic, ReadOnlySpan<byte> value)
    {
        _writtenByTopic.AddOrUpdate(topic, 1, (_, n) => n + 1);
        if (topic == deadLettersTopic)
        {
            Count(_deadLettersByReason, value, "reason");
        }
        else if (topic == alertsTopic)
        {
            Count(_alertsByKind, value, "kind");
        }
    }

    private static void Count(ConcurrentDictionary<string, long> counts, ReadOnlySpan<byte> value, string property)
    {
        using var json = JsonDocument.Parse(value.ToArray());
        var key = json.RootElement.TryGetProperty(property, out var p) ? p.GetString() ?? "?" : "?";
        counts.AddOrUpdate(key, 1, (_, n) => n + 1);
    }
}
