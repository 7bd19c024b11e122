namespace StreamEngine.Abstractions.Deployment;

/// <summary>The names of <see cref="TopologyKind"/> as definitions write them: lowercase, e.g. <c>thresholds</c>.</summary>
public static class TopologyKindNames
{
    private static readonly Dictionary<string, TopologyKind> ByName =
        Enum.GetValues<TopologyKind>().ToDictionary(NameOf, kind => kind, StringComparer.Ordinal);

    /// <summary>Every kind's name, in the order of <see cref="TopologyKind"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<TopologyKind>().Select(NameOf)];

    public static string NameOf(TopologyKind kind) => kind switch
    {
        TopologyKind.Authentication => "authentication",
        TopologyKind.Raw => "raw",
        TopologyKind.Datapoints => "datapoints",
        TopologyKind.Thresholds => "thresholds",
        TopologyKind.Alerts => "alerts",
        TopologyKind.Legacy => "legacy",
        TopologyKind.Rule => "rule",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a topology kind."),
    };

    public static bool TryParse(string name, out TopologyKind kind) => ByName.TryGetValue(name, out kind);
}
