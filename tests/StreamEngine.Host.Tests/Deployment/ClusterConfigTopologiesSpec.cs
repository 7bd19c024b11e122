using StreamEngine.Abstractions.Deployment;
using StreamEngine.Host.Deployment;
using StreamEngine.Testing;

namespace StreamEngine.Host.Tests.Deployment;

public sealed class ClusterConfigTopologiesSpec
{
    private static readonly string Directory = Path.Combine(RepositoryRoot.Find(), "cluster-config", "topologies");

    public static TheoryData<string> Files => [.. System.IO.Directory
        .EnumerateFiles(Directory, "*.*", SearchOption.AllDirectories)
        .Select(path => Path.GetRelativePath(Directory, path))
        .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_shipped_definition_is_valid(string file)
    {
        var result = await DefinitionDocuments.ReadFileAsync(Path.Combine(Directory, file));

        Assert.True(result.IsValid, $"{file}:{Environment.NewLine}{result}");
    }

    [Fact]
    public async Task The_six_built_in_topologies_ship_as_definitions_named_as_their_kind()
    {
        var definitions = new List<TopologyDefinition>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*.yaml"))
        {
            definitions.Add((await DefinitionDocuments.ReadFileAsync(path)).Definition!);
        }

        Assert.Equal(
            [
                ("authentication", TopologyKind.Authentication, "reports"), ("raw", TopologyKind.Raw, "readings"),
                ("datapoints", TopologyKind.Datapoints, "readings"), ("thresholds", TopologyKind.Thresholds, "readings"),
                ("alerts", TopologyKind.Alerts, "readings"), ("legacy", TopologyKind.Legacy, "readings"),
            ],
            definitions.OrderBy(d => d.Kind).Select(d => (d.Name, d.Kind, d.Source)));
        Assert.All(definitions, definition => Assert.Equal((1, definition.Name), (definition.Parallelism, definition.Group)));
    }

    [Fact]
    public async Task The_example_rule_watches_freezers_warmer_than_minus_15_for_10_minutes()
    {
        var rule = (await DefinitionDocuments.ReadFileAsync(Path.Combine(Directory, "examples", "rule-freezer-warm.yaml"))).Definition?.Rule;

        Assert.Equal(
            new RuleDefinition(
                new TemperatureAboveCondition(-15, TimeSpan.FromMinutes(10)),
                new DeviceFilter([], new Dictionary<string, string> { ["group"] = "freezers" }),
                TimeSpan.FromHours(1),
                "freezer-warm",
                RuleRecipients.Default),
            rule);
    }
}
