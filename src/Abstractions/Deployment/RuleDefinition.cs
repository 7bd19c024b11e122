namespace StreamEngine.Abstractions.Deployment;

/// <summary>
/// What a <see cref="TopologyKind.Rule"/> topology watches for and whom it tells: a condition on the devices the
/// filter lets through, at most one alert of <see cref="AlertKind"/> per device per <see cref="Cooldown"/>.
/// </summary>
public sealed record RuleDefinition(
    RuleCondition Condition,
    DeviceFilter Devices,
    TimeSpan Cooldown,
    string AlertKind,
    RuleRecipients Recipients)
{
    /// <summary>The cooldown of a rule that names none: 1 hour, as the thresholds topology's.</summary>
    public static readonly TimeSpan DefaultCooldown = TimeSpan.FromHours(1);
}
