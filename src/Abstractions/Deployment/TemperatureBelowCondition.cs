namespace StreamEngine.Abstractions.Deployment;

/// <summary>
/// <c>temperature-below</c>: a reading colder than <paramref name="Limit"/> °C; with <paramref name="For"/>, every
/// reading of a device stayed below the limit for at least that long.
/// </summary>
public sealed record TemperatureBelowCondition(double Limit, TimeSpan? For) : RuleCondition
{
    public const string Name = "temperature-below";

    public override string Type => Name;
}
