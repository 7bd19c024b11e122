using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Bench;

/// <summary>Counts offsets on their way into the committer and records their age; completes when all expected arrived.</summary>
internal sealed class SinkArrivals(int expected, LatencyRecorder latency)
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public Task All => _all.Task;

    /// <summary>Runs inside the stream, one element at a time.</summary>
    public CommittableOffset Arrive(OffsetWithTimestamp item)
    {
        latency.Record(item.TimestampMs);
        if (Interlocked.Increment(ref _count) == expected)
        {
            _all.TrySetResult();
        }

        return item.Offset;
    }
}
