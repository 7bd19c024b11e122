using Akka;
using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Host.Topologies;

/// <summary>A topology the host started: its counters, its completion, and drain-and-stop.</summary>
public sealed class RunningTopology(string name, IConsumerControl control, Task<Done> completion, TopologyCounters counters)
{
    public string Name { get; } = name;

    public TopologyCounters Counters { get; } = counters;

    public Task<Done> Completion { get; } = completion;

    public IReadOnlyCollection<PartitionId> AssignedPartitions => control.AssignedPartitions;

    /// <summary>Stops taking new records, finishes and commits what is in flight, then closes the consumer.</summary>
    public Task Drain() => control.DrainAndShutdown(Completion);
}
