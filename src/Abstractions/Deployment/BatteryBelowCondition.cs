namespace StreamEngine.Abstractions.Deployment;

/// <summary><c>battery-below</c>: a reading whose battery is below <paramref name="Limit"/> percent.</summary>
public sealed record BatteryBelowCondition(double Limit) : RuleCondition
{
    public const string Name = "battery-below";

    public override string Type => Name;
}
