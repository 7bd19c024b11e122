namespace StreamEngine.Abstractions.Deployment;

/// <summary>
/// <c>temperature-above</c>: a reading warmer than <paramref name="Limit"/> °C; with <paramref name="For"/>, every
/// reading of a device stayed above the limit for at least that long (the alert comes once the window is full).
/// </summary>
public sealed record TemperatureAboveCondition(double Limit, TimeSpan? For) : RuleCondition
{
    public const string Name = "temperature-above";

    public override string Type => Name;
}
