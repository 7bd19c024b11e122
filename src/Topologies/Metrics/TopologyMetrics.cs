namespace StreamEngine.Topologies.Metrics;

/// <summary>
/// The stage meters of one running worker of a topology, handed out by stage name: the topology's <c>Create</c> asks
/// for one per named stage when it builds the graph, the host reads them all through <see cref="Stages"/>.
/// </summary>
public sealed class TopologyMetrics
{
    private readonly Lock _lock = new();
    private readonly List<StageMeter> _stages = [];

    /// <summary>The meter of the stage called <paramref name="name"/>, made on first use; the same one on every call.</summary>
    public StageMeter Stage(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_lock)
        {
            if (_stages.Find(s => s.Name == name) is { } existing)
            {
                return existing;
            }

            var meter = new StageMeter(name);
            _stages.Add(meter);
            return meter;
        }
    }

    /// <summary>Every stage's counts now, in the order the stages were first asked for (the topology's order).</summary>
    public IReadOnlyList<StageMetrics> Stages()
    {
        lock (_lock)
        {
            return [.. _stages.Select(s => s.Snapshot())];
        }
    }
}
