using System.Collections.Concurrent;

namespace StreamEngine.Host.Topologies;

/// <summary>The topology workers running on this node, for the live counts and the node's metrics.</summary>
public sealed class RunningTopologies
{
    private readonly ConcurrentDictionary<RunningTopology, int> _running = new();

    /// <summary>Every worker running here now, with its index within its topology.</summary>
    public IReadOnlyList<(RunningTopology Topology, int Worker)> All => [.. _running.Select(entry => (entry.Key, entry.Value))];

    /// <summary>Adds a worker until the returned handle is disposed.</summary>
    public IDisposable Add(RunningTopology topology, int worker)
    {
        _running[topology] = worker;
        return new Registration(() => _running.TryRemove(topology, out _));
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                remove();
            }
        }
    }
}
