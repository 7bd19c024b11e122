using StreamEngine.Topologies.Metrics;

namespace StreamEngine.Host.Cluster;

/// <summary>
/// What a worker tells the manager every second, and once more when it stopped: where it runs, its state, the last
/// error of its stream and how often it restarted, what it processed, and its stages' metrics (null while it does not
/// run).
/// </summary>
public sealed record WorkerStatus(
    string Topology,
    int Index,
    long Revision,
    string Node,
    WorkerState State,
    string? LastError,
    int Restarts,
    long Consumed,
    long Completed,
    TopologyMetricsSnapshot? Metrics);
