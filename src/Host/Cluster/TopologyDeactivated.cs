namespace StreamEngine.Host.Cluster;

/// <summary>Journal event: a topology's workers drained and stopped; it stays deployed.</summary>
public sealed record TopologyDeactivated(string Name);
