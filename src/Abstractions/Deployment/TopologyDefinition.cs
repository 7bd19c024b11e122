namespace StreamEngine.Abstractions.Deployment;

/// <summary>
/// A validated topology definition (DESIGN.md section 5): what to run, how many workers, which topic it consumes with
/// which consumer group, and its params. <see cref="Rule"/> is set exactly when <see cref="Kind"/> is
/// <see cref="TopologyKind.Rule"/>; <see cref="Params"/> is empty for a rule (its params are the rule).
/// </summary>
public sealed record TopologyDefinition(
    string Name,
    TopologyKind Kind,
    int Parallelism,
    string Source,
    string Group,
    TopologyParams Params,
    RuleDefinition? Rule)
{
    public const int MinParallelism = 1;
    public const int MaxParallelism = 64;
    public const int DefaultParallelism = 1;
}
