namespace StreamEngine.Host.Cluster;

/// <summary>What Cluster Sharding sends a worker whose node leaves: drain as for <see cref="StopWorker"/>, so the worker starting elsewhere resumes after what this one committed.</summary>
public sealed class DrainAndStop
{
    public static DrainAndStop Instance { get; } = new();
}
