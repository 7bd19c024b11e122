namespace StreamEngine.Host.Cluster;

/// <summary>Journal event: a topology is no longer deployed (its workers drain and stop).</summary>
public sealed record TopologyKilled(string Name);
