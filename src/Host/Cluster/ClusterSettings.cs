namespace StreamEngine.Host.Cluster;

/// <summary>
/// The <c>Cluster</c> configuration section: where this node listens, which nodes it joins, where the topology
/// manager keeps the deployed set, and how fast a dead node is noticed.
/// </summary>
public sealed record ClusterSettings
{
    public const string SectionName = "Cluster";

    /// <summary>The actor system's name; every node of one cluster has the same.</summary>
    public string Name { get; init; } = "streamengine";

    /// <summary>The address other nodes reach this one at.</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>The cluster port; 0 picks a free one (fine for a single node, not for a seed node).</summary>
    public int Port { get; init; }

    /// <summary>
    /// Seed nodes as <c>host:port</c>; empty makes this node a cluster of its own. Every node of a cluster lists the
    /// same seeds, the first of which must be started first.
    /// </summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary>
    /// Linq2Db provider of the topology journal: <c>SQLite.MS</c> (default) or <c>PostgreSQL</c>
    /// (<see cref="JournalProviders"/>); any other value stops the node at start.
    /// </summary>
    public string JournalProvider { get; init; } = "SQLite.MS";

    /// <summary>
    /// Connection string of the topology journal; nodes of one cluster share it. Empty with SQLite: <c>cluster.db</c> in the
    /// directory of <c>Storage:Sqlite:Path</c> (the registry's file), created when missing; required with PostgreSQL, for
    /// example <c>Host=db;Port=5432;Database=streamengine;Username=streamengine;Password=...</c> (the database must exist,
    /// its tables are created at the first start).
    /// </summary>
    public string JournalConnectionString { get; init; } = "";

    /// <summary>Directory of the built-in topology definitions deployed at the cluster's first start; relative to the program.</summary>
    public string BuiltInTopologies { get; init; } = "topologies";

    /// <summary>How long a silent node may be before it is unreachable (the failure detector's acceptable pause).</summary>
    public TimeSpan FailureDetection { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the membership must be stable before the split-brain resolver downs the unreachable side.</summary>
    public TimeSpan DownAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the node hands the native memory it freed back to the system (<see cref="NativeMemoryTrimmer"/>); zero never.</summary>
    public TimeSpan NativeMemoryTrim { get; init; } = TimeSpan.FromSeconds(5);
}
