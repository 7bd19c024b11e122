namespace StreamEngine.Abstractions.Deployment;

/// <summary>The condition of a rule (<c>params.condition</c>); its <c>type</c> picks the subtype.</summary>
public abstract record RuleCondition
{
    /// <summary>The condition's <c>type</c> as definitions write it, e.g. <c>temperature-above</c>.</summary>
    public abstract string Type { get; }
}
