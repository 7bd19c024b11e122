using StreamEngine.Abstractions.Deployment;

namespace StreamEngine.Abstractions.Tests.Deployment;

public sealed class TopologyDefinitionReaderSpec
{
    [Fact]
    public void A_built_in_kind_reads_to_its_definition_with_typed_params()
    {
        var result = TestParams.Read("""
            {"name":"thresholds-eu","kind":"thresholds","parallelism":4,"source":"readings","group":"thresholds-eu-1",
             "params":{"cooldown":"30m","sendSms":false,"defaultMinBattery":"15.5","claimBatch":512}}
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(
            new TopologyDefinition("thresholds-eu", TopologyKind.Thresholds, 4, "readings", "thresholds-eu-1",
                new TopologyParams(new Dictionary<string, object>
                {
                    ["cooldown"] = TimeSpan.FromMinutes(30),
                    ["sendSms"] = false,
                    ["defaultMinBattery"] = 15.5,
                    ["claimBatch"] = 512,
                }),
                Rule: null),
            result.Definition);
    }

    [Fact]
    public void The_group_defaults_to_the_name_parallelism_to_one_and_params_to_none()
    {
        var definition = TestParams.Read("""{"name":"raw","kind":"raw","source":"readings"}""").Definition;

        Assert.Equal(new TopologyDefinition("raw", TopologyKind.Raw, 1, "readings", "raw", TopologyParams.Empty, null), definition);
    }

    [Fact]
    public void A_definition_with_several_errors_names_every_one_with_its_path()
    {
        var errors = TestParams.Errors("""
            {"name":"Freezer_Warm","kind":"rules","parallelism":0,"group":"my group","colour":"blue"}
            """);

        Assert.Equal(
            [
                "colour: unknown field; a definition takes name, kind, parallelism, source, group, params",
                "name: \"Freezer_Warm\" is not a valid name; use 1 to 63 lowercase letters, digits and dashes, starting with a letter and not ending with a dash (the name is the default consumer group and part of the topology's URL)",
                "kind: \"rules\" is not a kind; use one of authentication, raw, datapoints, thresholds, alerts, legacy, rule",
                "parallelism: must be between 1 and 64, got 0",
                "source: required; name the Kafka topic the topology consumes, e.g. readings",
                "group: \"my group\" is not a Kafka name; use 1 to 249 letters, digits, '.', '_' and '-'",
            ],
            errors);
    }

    [Fact]
    public void Every_wrong_param_is_named_and_unknown_ones_list_what_the_kind_takes()
    {
        var errors = TestParams.Errors("""
            {"name":"thresholds","kind":"thresholds","source":"readings",
             "params":{"cooldwn":"1h","sendSms":"yes","defaultMinBattery":120,"cooldown":"2x","claimBatch":"many","alertsTopic":""}}
            """);

        Assert.Equal(
            [
                "params.cooldwn: unknown field; thresholds takes alertsTopic, sendSms, defaultMinBattery, cooldown, claimBatch",
                "params.alertsTopic: must not be empty; give a value, or leave the param out for its default",
                "params.sendSms: \"yes\" is not true or false; write true or false",
                "params.defaultMinBattery: must be between 0 and 100, got 120",
                "params.cooldown: \"2x\" is not a duration; write it like 1h, 10m, 90s, 500ms, 1h30m or 01:00:00",
                "params.claimBatch: \"many\" is not a whole number; write a whole number of at least 1",
            ],
            errors);
    }

    [Theory]
    [InlineData("""{"name":"a","kind":"raw","source":"readings","name":"b"}""", "name: given twice; keep one")]
    [InlineData("""{"name":"a","kind":"raw","source":"readings","parallelism":"two"}""", "parallelism: \"two\" is not a whole number; write a whole number between 1 and 64")]
    [InlineData("""{"name":"a","kind":"raw","source":["readings"]}""", "source: must be a single value; got a list")]
    [InlineData("""{"name":null,"kind":"raw","source":"readings"}""", "name: needs a value; give one, or leave the field out for its default")]
    [InlineData("""{"name":"a","kind":"raw","source":"readings","params":["maxBatch"]}""", "params: must be a mapping of maxBatch; got a list")]
    [InlineData("""{"name":"a","kind":"datapoints","source":"readings","params":{"window":"0s"}}""", "params.window: must be longer than zero, got 0s")]
    [InlineData("""{"name":"a","kind":"legacy","source":"readings","params":{"url":"ftp://old"}}""", "params.url: \"ftp://old\" is not an http or https URL; write one like https://legacy.example.com/api/readings, or leave it empty")]
    [InlineData("""["name"]""", "(document): a definition is a mapping of name, kind, parallelism, source, group, params; got a list")]
    public void Each_wrong_field_is_refused_with_what_to_write(string json, string error) =>
        Assert.Equal([error], TestParams.Errors(json));

    [Fact]
    public void Broken_JSON_is_refused_with_where_it_breaks()
    {
        var error = Assert.Single(TestParams.Read("""{"name":"a",}}""").Errors);

        Assert.Equal(DefinitionPaths.Document, error.Path);
        Assert.StartsWith("not valid JSON at line 1, position", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_legacy_url_is_accepted_and_leaves_the_topology_idle()
    {
        var definition = TestParams.Read("""{"name":"legacy","kind":"legacy","source":"readings","params":{"url":"","maxRetries":0}}""").Definition;

        Assert.Equal("", definition!.Params.Values["url"]);
        Assert.Equal(0, definition.Params.Values["maxRetries"]);
    }
}
