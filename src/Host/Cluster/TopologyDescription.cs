using StreamEngine.Topologies.Metrics;

namespace StreamEngine.Host.Cluster;

/// <summary>
/// Describe's answer: the summary, the document it was deployed from, every worker's last status, and the stages'
/// metrics and consumer lag of the running workers merged (<see cref="TopologyMetricsSnapshot.Merge"/>; null when none runs).
/// </summary>
public sealed record TopologyDescription(TopologySummary Summary, string Document, IReadOnlyList<WorkerStatus> Workers, TopologyMetricsSnapshot? Metrics);
