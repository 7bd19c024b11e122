using StreamEngine.Topologies.Metrics;

namespace StreamEngine.Host.Cluster;

/// <summary>
/// What a worker tells the manager every second, and once more when it stopped: where it runs, its state, the last
/// error of its stream, when that happened and how often it restarted, when it last started its stream (so
/// <see cref="StartedAt"/> minus <see cref="LastFailureAt"/> is the backoff it waited), what it processed, and its
/// stages' metrics (null while it does not run).
/// </summary>
public sealed record WorkerStatus(
    string Topology,
    int Index,
    long Revision,
    string Node,
    WorkerState State,
    string? LastError,
    DateTime? LastFailureAt,
    int Restarts,
    DateTime? StartedAt,
    long Consumed,
    long Completed,
    TopologyMetricsSnapshot? Metrics);
