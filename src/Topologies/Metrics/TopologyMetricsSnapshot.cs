using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Topologies.Metrics;

/// <summary>
/// What one worker of a topology (or, merged, all of them) has done, Storm-UI style: per stage counts, latency and
/// capacity, dead letters by reason, the consumer group's lag per partition, and records consumed and completed.
/// Plain immutable data of strings and numbers, so it travels between cluster nodes and out of the REST API as JSON.
/// </summary>
/// <param name="Topology">The topology's name.</param>
/// <param name="Workers">How many workers' snapshots this is made of (1 for one worker).</param>
/// <param name="Consumed">Records taken from the source topic.</param>
/// <param name="Completed">Records whose every effect is durable: their offsets went to the committer.</param>
/// <param name="Stages">Each named stage, in the topology's order.</param>
/// <param name="DeadLettersByReason">Dead letters written, by their <c>reason</c>.</param>
/// <param name="Lag">The group's lag on each partition the worker owns.</param>
public sealed record TopologyMetricsSnapshot(
    string Topology,
    int Workers,
    long Consumed,
    long Completed,
    IReadOnlyList<StageMetrics> Stages,
    IReadOnlyDictionary<string, long> DeadLettersByReason,
    IReadOnlyList<PartitionLag> Lag)
{
    // Copied into plain lists and a dictionary: Akka's JSON serializer writes each value's runtime type, and the types
    // behind collection expressions and dictionary views cannot be made again on the other node.
    public IReadOnlyList<StageMetrics> Stages { get; init; } = new List<StageMetrics>(Stages);

    public IReadOnlyDictionary<string, long> DeadLettersByReason { get; init; } = new Dictionary<string, long>(DeadLettersByReason, StringComparer.Ordinal);

    public IReadOnlyList<PartitionLag> Lag { get; init; } = new List<PartitionLag>(Lag);

    /// <summary>
    /// One snapshot of a topology out of its workers' snapshots: counts, dead letters and workers are summed; a stage's
    /// p50, p99 and capacity are the highest of any worker's (the worst worker, not an exact percentile of all
    /// elements, which the workers' percentiles alone cannot give); each partition's lag is its highest (after a
    /// rebalance two workers may briefly both report one). Stages keep the first worker's order.
    /// </summary>
    /// <exception cref="ArgumentException">No snapshots, or snapshots of different topologies.</exception>
    public static TopologyMetricsSnapshot Merge(IReadOnlyCollection<TopologyMetricsSnapshot> workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        if (workers.Count == 0)
        {
            throw new ArgumentException("Merging needs at least one worker's snapshot.", nameof(workers));
        }

        var topology = workers.First().Topology;
        if (workers.Any(w => w.Topology != topology))
        {
            throw new ArgumentException(
                $"Only snapshots of one topology merge; got {string.Join(", ", workers.Select(w => w.Topology).Distinct())}.", nameof(workers));
        }

        var stages = workers.SelectMany(w => w.Stages).GroupBy(s => s.Name, StringComparer.Ordinal)
            .Select(g => new StageMetrics(
                g.Key, g.Sum(s => s.In), g.Sum(s => s.Out), g.Sum(s => s.Failures), g.Max(s => s.P50Ms), g.Max(s => s.P99Ms), g.Max(s => s.Capacity)))
            .ToList();
        var deadLetters = workers.SelectMany(w => w.DeadLettersByReason).GroupBy(d => d.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(d => d.Value), StringComparer.Ordinal);
        var lag = workers.SelectMany(w => w.Lag).GroupBy(l => (l.Topic, l.Partition))
            .Select(g => new PartitionLag(g.Key.Topic, g.Key.Partition, g.Max(l => l.Lag)))
            .OrderBy(l => l.Topic, StringComparer.Ordinal).ThenBy(l => l.Partition)
            .ToList();
        return new TopologyMetricsSnapshot(
            topology, workers.Sum(w => w.Workers), workers.Sum(w => w.Consumed), workers.Sum(w => w.Completed), stages, deadLetters, lag);
    }
}
