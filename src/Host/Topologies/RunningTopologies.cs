namespace StreamEngine.Host.Topologies;

/// <summary>
/// The topology workers running on this node, each with its worker index; <c>GET /metrics</c> reads them. Whoever
/// starts a worker adds it and disposes the registration when the worker is gone. Thread-safe.
/// </summary>
public sealed class RunningTopologies
{
    private readonly Lock _lock = new();
    private readonly List<Registration> _running = [];

    /// <summary>Registers a running worker; disposing the result removes it (a second dispose does nothing).</summary>
    /// <param name="topology">The running worker.</param>
    /// <param name="worker">Its index among the topology's workers (0 when there is one).</param>
    public IDisposable Add(RunningTopology topology, int worker)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentOutOfRangeException.ThrowIfNegative(worker);
        var registration = new Registration(this, topology, worker);
        lock (_lock)
        {
            _running.Add(registration);
        }

        return registration;
    }

    /// <summary>The registered workers, in the order they were added.</summary>
    public IReadOnlyList<(RunningTopology Topology, int Worker)> All()
    {
        lock (_lock)
        {
            return [.. _running.Select(r => (r.Topology, r.Worker))];
        }
    }

    private void Remove(Registration registration)
    {
        lock (_lock)
        {
            _running.Remove(registration);
        }
    }

    private sealed class Registration(RunningTopologies owner, RunningTopology topology, int worker) : IDisposable
    {
        public RunningTopology Topology { get; } = topology;

        public int Worker { get; } = worker;

        public void Dispose() => owner.Remove(this);
    }
}
