namespace StreamEngine.Abstractions.Deployment;

/// <summary>What a topology does: one of the six built-in topologies of DESIGN.md section 4, or a declarative <see cref="Rule"/>.</summary>
public enum TopologyKind
{
    Authentication,
    Raw,
    Datapoints,
    Thresholds,
    Alerts,
    Legacy,
    Rule,
}
