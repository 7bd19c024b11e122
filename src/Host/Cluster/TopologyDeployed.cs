using StreamEngine.Host.Deployment;

namespace StreamEngine.Host.Cluster;

/// <summary>Journal event: a topology was deployed from this document with this many workers.</summary>
public sealed record TopologyDeployed(string Name, string Document, DefinitionFormat Format, int Parallelism);
