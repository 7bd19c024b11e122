using StreamEngine.Abstractions.Deployment;

namespace StreamEngine.Host.Cluster;

/// <summary>A line of the topology list: what it is, its status, how many workers it should run and how many report running.</summary>
public sealed record TopologySummary(
    string Name,
    TopologyKind Kind,
    TopologyStatus Status,
    int Parallelism,
    int WorkersRunning,
    string Source,
    string Group,
    long Consumed,
    long Completed);
