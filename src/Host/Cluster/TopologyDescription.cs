namespace StreamEngine.Host.Cluster;

/// <summary>Describe's answer: the summary, the document it was deployed from, and every worker's last status.</summary>
public sealed record TopologyDescription(TopologySummary Summary, string Document, IReadOnlyList<WorkerStatus> Workers);
