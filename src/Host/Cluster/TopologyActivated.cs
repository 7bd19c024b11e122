namespace StreamEngine.Host.Cluster;

/// <summary>Journal event: a deactivated topology consumes again.</summary>
public sealed record TopologyActivated(string Name);
