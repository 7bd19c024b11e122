using StreamEngine.Abstractions.Deployment;
using StreamEngine.Host.Deployment;

namespace StreamEngine.Host.Tests.Deployment;

public sealed class DefinitionDocumentsSpec
{
    public static TheoryData<string, string, TopologyDefinition> EachKind => new()
    {
        {
            """
            name: auth
            kind: authentication
            source: reports
            params: {credentialRefresh: 30s, lookupParallelism: 4}
            """,
            """{"name":"auth","kind":"authentication","source":"reports","params":{"credentialRefresh":"30s","lookupParallelism":4}}""",
            Definition("auth", TopologyKind.Authentication, "reports", ("credentialRefresh", TimeSpan.FromSeconds(30)), ("lookupParallelism", 4))
        },
        {
            "name: raw\nkind: raw\nsource: readings\nparams:\n  maxBatchWait: '00:00:00.250'\n",
            """{"name":"raw","kind":"raw","source":"readings","params":{"maxBatchWait":"250ms"}}""",
            Definition("raw", TopologyKind.Raw, "readings", ("maxBatchWait", TimeSpan.FromMilliseconds(250)))
        },
        {
            "name: datapoints\nkind: datapoints\nsource: readings\nparams:\n  window: 5s\n  deviceTag: device\n",
            """{"name":"datapoints","kind":"datapoints","source":"readings","params":{"window":"5s","deviceTag":"device"}}""",
            Definition("datapoints", TopologyKind.Datapoints, "readings", ("window", TimeSpan.FromSeconds(5)), ("deviceTag", "device"))
        },
        {
            "name: thresholds\nkind: thresholds\nsource: readings\nparams:\n  sendSms: false\n  defaultMinBattery: 15\n  cooldown: 01:00:00\n",
            """{"name":"thresholds","kind":"thresholds","source":"readings","params":{"sendSms":false,"defaultMinBattery":15,"cooldown":"01:00:00"}}""",
            Definition("thresholds", TopologyKind.Thresholds, "readings", ("sendSms", false), ("defaultMinBattery", 15.0), ("cooldown", TimeSpan.FromHours(1)))
        },
        {
            "name: alerts\nkind: alerts\nsource: readings\nparams:\n  silence: 2h\n  loaderLimit: 500\n",
            """{"name":"alerts","kind":"alerts","source":"readings","params":{"silence":"2h","loaderLimit":500}}""",
            Definition("alerts", TopologyKind.Alerts, "readings", ("silence", TimeSpan.FromHours(2)), ("loaderLimit", 500))
        },
        {
            "name: legacy\nkind: legacy\nsource: readings\nparams:\n  url: http://legacy:8081/api\n  maxRetries: 0\n",
            """{"name":"legacy","kind":"legacy","source":"readings","params":{"url":"http://legacy:8081/api","maxRetries":0}}""",
            Definition("legacy", TopologyKind.Legacy, "readings", ("url", "http://legacy:8081/api"), ("maxRetries", 0))
        },
        {
            """
            name: fridge-silent
            kind: rule
            parallelism: 2
            source: readings
            group: rules-fridge-silent
            params:
              condition: {type: silence, for: 30m}
              devices: [7, 8]
              recipients: ["+351912345678", alerts-topic]
              alertKind: fridge-silent
            """,
            """
            {"name":"fridge-silent","kind":"rule","parallelism":2,"source":"readings","group":"rules-fridge-silent",
             "params":{"condition":{"type":"silence","for":"30m"},"devices":[7,8],"recipients":["+351912345678","alerts-topic"],"alertKind":"fridge-silent"}}
            """,
            new TopologyDefinition("fridge-silent", TopologyKind.Rule, 2, "readings", "rules-fridge-silent", TopologyParams.Empty,
                new RuleDefinition(
                    new SilenceCondition(TimeSpan.FromMinutes(30)),
                    new DeviceFilter([7, 8], []),
                    RuleDefinition.DefaultCooldown,
                    "fridge-silent",
                    new RuleRecipients(owner: false, alertsTopic: true, ["+351912345678"])))
        },
    };

    [Theory]
    [MemberData(nameof(EachKind))]
    public void Yaml_and_json_of_each_kind_read_to_the_same_definition(string yaml, string json, TopologyDefinition expected)
    {
        var fromYaml = DefinitionDocuments.Read(yaml, DefinitionFormat.Yaml);
        var fromJson = DefinitionDocuments.Read(json, DefinitionFormat.Json);

        Assert.Empty(fromYaml.Errors);
        Assert.Empty(fromJson.Errors);
        Assert.Equal(expected, fromYaml.Definition);
        Assert.Equal(expected, fromJson.Definition);
    }

    [Fact]
    public void A_yaml_definition_with_errors_is_refused_with_a_message_naming_each_one()
    {
        var result = DefinitionDocuments.Read(
            """
            name: datapoints
            kind: datapoints
            parallelism: 65
            params:
              windw: 3s
              maxWindowReadings: 0
              deviceTag:
            """,
            DefinitionFormat.Yaml);

        Assert.Equal(
            [
                "parallelism: must be between 1 and 64, got 65",
                "source: required; name the Kafka topic the topology consumes, e.g. readings",
                "params.windw: unknown field; datapoints takes deadLettersTopic, window, maxWindowReadings, temperatureMetric, batteryMetric, deviceTag",
                "params.maxWindowReadings: must be at least 1, got 0",
                "params.deviceTag: needs a value; give one, or leave the field out for its default",
            ],
            result.Errors.Select(error => error.ToString()));
    }

    [Fact]
    public void A_quoted_yaml_null_is_text_and_a_plain_one_is_nothing()
    {
        var quoted = DefinitionDocuments.Read("name: raw\nkind: raw\nsource: 'null'\n", DefinitionFormat.Yaml);
        var plain = DefinitionDocuments.Read("name: raw\nkind: raw\nsource: null\n", DefinitionFormat.Yaml);

        Assert.Equal("null", quoted.Definition?.Source);
        Assert.Equal(["source: needs a value; give one, or leave the field out for its default"], plain.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("name: [raw\n", "not valid YAML at line")]
    [InlineData("name: a\nname: b\n", "not valid YAML at line")]
    [InlineData("", "is empty; write a definition")]
    [InlineData("name: a\n---\nname: b\n", "holds 2 YAML documents; send one definition per document")]
    public void A_document_that_is_not_one_yaml_definition_is_refused_as_a_whole(string yaml, string message)
    {
        var error = Assert.Single(DefinitionDocuments.Read(yaml, DefinitionFormat.Yaml).Errors);

        Assert.Equal(DefinitionPaths.Document, error.Path);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_neither_yaml_nor_json_by_its_name_is_refused()
    {
        var result = await DefinitionDocuments.ReadFileAsync("raw.txt");

        Assert.Equal(["(document): 'raw.txt' is neither YAML nor JSON by its name; name the file *.yaml, *.yml or *.json"], result.Errors.Select(e => e.ToString()));
    }

    private static TopologyDefinition Definition(string name, TopologyKind kind, string source, params (string Name, object Value)[] parameters) =>
        new(name, kind, 1, source, name, new TopologyParams(parameters.Select(p => KeyValuePair.Create(p.Name, p.Value))), null);
}
