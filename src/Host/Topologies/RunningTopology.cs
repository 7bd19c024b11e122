using Akka;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Topologies.Metrics;

namespace StreamEngine.Host.Topologies;

/// <summary>A topology the host started: its counters and metrics, its completion, and drain-and-stop.</summary>
public sealed class RunningTopology(string name, IConsumerControl control, Task<Done> completion, TopologyCounters counters, TopologyMetrics metrics)
{
    public string Name { get; } = name;

    public TopologyCounters Counters { get; } = counters;

    public Task<Done> Completion { get; } = completion;

    public IReadOnlyCollection<PartitionId> AssignedPartitions => control.AssignedPartitions;

    /// <summary>This worker's metrics now: each stage's counts, latency and capacity, dead letters, and the lag of its partitions.</summary>
    public TopologyMetricsSnapshot Metrics() => new(
        Name,
        1,
        Counters.Consumed,
        Counters.Completed,
        metrics.Stages(),
        Counters.DeadLettersByReason,
        control.Lag);

    /// <summary>Stops taking new records, finishes and commits what is in flight, then closes the consumer.</summary>
    public Task Drain() => control.DrainAndShutdown(Completion);
}
