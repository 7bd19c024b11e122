namespace StreamEngine.Host.Cluster;

/// <summary>
/// Stop worker <see cref="Index"/> of a topology: stop fetching, finish and commit what is in flight (for at most
/// <see cref="DrainTimeout"/>), close the consumer, then stop.
/// </summary>
public sealed record StopWorker(string Topology, int Index, TimeSpan DrainTimeout) : IWorkerMessage
{
    /// <summary>How long a worker may drain when nobody said otherwise (a kill without wait, a node leaving).</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(20);
}
