using StreamEngine.Host.Deployment;

namespace StreamEngine.Host.Cluster;

/// <summary>What the topology manager is asked to do or tell; each answers with a <see cref="ManagerReply"/> unless said otherwise.</summary>
public abstract record ManagerCommand
{
    /// <summary>Deploy the topology this document defines (refused when its name is deployed).</summary>
    public sealed record Deploy(string Document, DefinitionFormat Format) : ManagerCommand;

    /// <summary>Answers with the <see cref="TopologySummary"/> of every deployed topology.</summary>
    public sealed record List : ManagerCommand;

    /// <summary>Answers with a <see cref="TopologyDescription"/>, or a <see cref="ManagerReply"/> when unknown.</summary>
    public sealed record Describe(string Name) : ManagerCommand;

    public sealed record Activate(string Name) : ManagerCommand;

    public sealed record Deactivate(string Name) : ManagerCommand;

    public sealed record Rebalance(string Name, int Parallelism) : ManagerCommand;

    /// <summary>Stop taking new records, finish and commit in-flight work (for at most <see cref="DrainTimeout"/>), then forget it.</summary>
    public sealed record Kill(string Name, TimeSpan DrainTimeout) : ManagerCommand;
}
