namespace StreamEngine.Host.Cluster;

/// <summary>Where a worker is in its life.</summary>
public enum WorkerState
{
    /// <summary>Reading its definition and opening what it needs.</summary>
    Starting,

    /// <summary>Consuming and processing.</summary>
    Running,

    /// <summary>Its stream failed; it starts again after a backoff (see the last error).</summary>
    Restarting,

    /// <summary>Finishing and committing what it had taken, then stopping.</summary>
    Draining,

    /// <summary>Stopped; the manager forgets it.</summary>
    Stopped,
}
