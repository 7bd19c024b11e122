using StreamEngine.Abstractions.Deployment;
using StreamEngine.Topologies.Alerts;
using StreamEngine.Topologies.Authentication;
using StreamEngine.Topologies.Datapoints;
using StreamEngine.Topologies.Legacy;
using StreamEngine.Topologies.Raw;
using StreamEngine.Topologies.Thresholds;

namespace StreamEngine.Host.Deployment;

/// <summary>The params each built-in kind takes: its settings record's properties (<see cref="SettingsParams"/>), with the limits the types alone do not say.</summary>
public static class BuiltInTopologyParams
{
    public static IReadOnlyDictionary<TopologyKind, IReadOnlyList<ParamSpec>> ByKind { get; } =
        new Dictionary<TopologyKind, IReadOnlyList<ParamSpec>>
        {
            [TopologyKind.Authentication] = SettingsParams.Of<AuthenticationSettings>(),
            [TopologyKind.Raw] = SettingsParams.Of<RawSettings>(),
            [TopologyKind.Datapoints] = SettingsParams.Of<DatapointsSettings>(),
            [TopologyKind.Thresholds] = Change(
                SettingsParams.Of<ThresholdsSettings>(), "defaultMinBattery", spec => spec with { Minimum = 0, Maximum = 100 }),
            [TopologyKind.Alerts] = SettingsParams.Of<AlertsSettings>(),
            [TopologyKind.Legacy] = Change(
                Change(SettingsParams.Of<LegacySettings>(), "url", spec => spec with { Type = ParamType.Url }),
                "maxRetries",
                spec => spec with { Minimum = 0 }),
        };

    private static IReadOnlyList<ParamSpec> Change(IReadOnlyList<ParamSpec> specs, string name, Func<ParamSpec, ParamSpec> change) =>
        [.. specs.Select(spec => spec.Name == name ? change(spec) : spec)];
}
