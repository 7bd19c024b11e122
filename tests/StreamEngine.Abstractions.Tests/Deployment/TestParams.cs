using StreamEngine.Abstractions.Deployment;

namespace StreamEngine.Abstractions.Tests.Deployment;

/// <summary>Params of each built-in kind for these tests; the real ones come from the settings records, in the host.</summary>
internal static class TestParams
{
    public static IReadOnlyDictionary<TopologyKind, IReadOnlyList<ParamSpec>> ByKind { get; } =
        new Dictionary<TopologyKind, IReadOnlyList<ParamSpec>>
        {
            [TopologyKind.Authentication] = [new("readingsTopic", ParamType.Text, "readings")],
            [TopologyKind.Raw] = [new("maxBatch", ParamType.WholeNumber, 1_000) { Minimum = 1 }],
            [TopologyKind.Datapoints] = [new("window", ParamType.Duration, TimeSpan.FromSeconds(3))],
            [TopologyKind.Thresholds] =
            [
                new("alertsTopic", ParamType.Text, "alerts"),
                new("sendSms", ParamType.Boolean, true),
                new("defaultMinBattery", ParamType.Number, 20.0) { Minimum = 0, Maximum = 100 },
                new("cooldown", ParamType.Duration, TimeSpan.FromHours(1)),
                new("claimBatch", ParamType.WholeNumber, 1_024) { Minimum = 1 },
            ],
            [TopologyKind.Alerts] = [new("silence", ParamType.Duration, TimeSpan.FromHours(1))],
            [TopologyKind.Legacy] =
            [
                new("url", ParamType.Url, ""),
                new("maxRetries", ParamType.WholeNumber, 5) { Minimum = 0 },
            ],
        };

    public static DefinitionResult Read(string json)
    {
        var root = JsonDefinitionParser.Parse(json, out var error);
        return root is null ? DefinitionResult.Invalid([error!]) : TopologyDefinitionReader.Read(root, ByKind);
    }

    public static IEnumerable<string> Errors(string json) => Read(json).Errors.Select(e => e.ToString());
}
