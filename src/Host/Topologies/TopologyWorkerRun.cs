namespace StreamEngine.Host.Topologies;

/// <summary>One running worker of a topology: its stream, and what it holds besides (released after the stream stopped).</summary>
public sealed class TopologyWorkerRun(RunningTopology topology, IReadOnlyList<IAsyncDisposable> owned) : IAsyncDisposable
{
    public RunningTopology Topology { get; } = topology;

    public async ValueTask DisposeAsync()
    {
        foreach (var resource in owned)
        {
            await resource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
