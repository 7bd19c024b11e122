namespace StreamEngine.Host.Cluster;

/// <summary>Journal event: a topology runs this many workers from now on.</summary>
public sealed record TopologyRebalanced(string Name, int Parallelism);
