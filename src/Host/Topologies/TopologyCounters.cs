using System.Collections.Concurrent;
using System.Text.Json;

namespace StreamEngine.Host.Topologies;

/// <summary>What a running topology has done so far: records in, records written per topic, dead letters per reason, offsets passed on.</summary>
public sealed class TopologyCounters
{
    private readonly ConcurrentDictionary<string, long> _writtenByTopic = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _deadLettersByReason = new(StringComparer.Ordinal);
    private long _consumed;
    private long _completed;

    public long Consumed => Interlocked.Read(ref _consumed);

    /// <summary>Records whose every effect is durable: their offsets went to the committer.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    public IReadOnlyDictionary<string, long> WrittenByTopic => _writtenByTopic;

    public IReadOnlyDictionary<string, long> DeadLettersByReason => _deadLettersByReason;

    public void CountConsumed() => Interlocked.Increment(ref _consumed);

    public void CountCompleted() => Interlocked.Increment(ref _completed);

    public void CountWritten(string topic, ReadOnlySpan<byte> value, string deadLettersTopic)
    {
        _writtenByTopic.AddOrUpdate(topic, 1, (_, n) => n + 1);
        if (topic == deadLettersTopic)
        {
            using var letter = JsonDocument.Parse(value.ToArray());
            var reason = letter.RootElement.TryGetProperty("reason", out var r) ? r.GetString() ?? "?" : "?";
            _deadLettersByReason.AddOrUpdate(reason, 1, (_, n) => n + 1);
        }
    }
}
