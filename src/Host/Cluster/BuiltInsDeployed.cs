namespace StreamEngine.Host.Cluster;

/// <summary>Journal event: the built-in topologies were deployed once, at the cluster's first start; never again.</summary>
public sealed record BuiltInsDeployed
{
    public static BuiltInsDeployed Instance { get; } = new();
}
