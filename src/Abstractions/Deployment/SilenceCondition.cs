namespace StreamEngine.Abstractions.Deployment;

/// <summary><c>silence</c>: a device sent no reading for longer than <paramref name="For"/>.</summary>
public sealed record SilenceCondition(TimeSpan For) : RuleCondition
{
    public const string Name = "silence";

    public override string Type => Name;
}
