using StreamEngine.Abstractions.Deployment;

namespace StreamEngine.Abstractions.Tests.Deployment;

public sealed class RuleDefinitionSpec
{
    private static string Rule(string parameters) =>
        """{"name":"freezer-warm","kind":"rule","source":"readings","params":{""" + parameters + "}}";

    public static TheoryData<string, RuleCondition> Conditions => new()
    {
        { """{"type":"temperature-above","value":-15,"for":"10m"}""", new TemperatureAboveCondition(-15, TimeSpan.FromMinutes(10)) },
        { """{"type":"temperature-above","value":8}""", new TemperatureAboveCondition(8, null) },
        { """{"type":"temperature-below","value":"2.5","for":"00:30:00"}""", new TemperatureBelowCondition(2.5, TimeSpan.FromMinutes(30)) },
        { """{"type":"battery-below","value":15}""", new BatteryBelowCondition(15) },
        { """{"type":"silence","for":"2h"}""", new SilenceCondition(TimeSpan.FromHours(2)) },
        { """{"type":"rise-rate","value":5,"window":"30m"}""", new RiseRateCondition(5, TimeSpan.FromMinutes(30)) },
        { """{"type":"rise-rate","value":5}""", new RiseRateCondition(5, TimeSpan.FromHours(1)) },
    };

    [Fact]
    public void A_rule_reads_to_its_condition_filter_cooldown_kind_and_recipients()
    {
        var result = TestParams.Read(Rule("""
            "condition":{"type":"temperature-above","value":-15,"for":"10m"},
            "config":{"group":"freezers"},"devices":[124,123],"cooldown":"2h","alertKind":"freezer-warm",
            "recipients":["owner","+351912345678","alerts-topic"]
            """));

        Assert.Empty(result.Errors);
        Assert.Equal(
            new TopologyDefinition("freezer-warm", TopologyKind.Rule, 1, "readings", "freezer-warm", TopologyParams.Empty,
                new RuleDefinition(
                    new TemperatureAboveCondition(-15, TimeSpan.FromMinutes(10)),
                    new DeviceFilter([123, 124], new Dictionary<string, string> { ["group"] = "freezers" }),
                    TimeSpan.FromHours(2),
                    "freezer-warm",
                    new RuleRecipients(owner: true, alertsTopic: true, ["+351912345678"]))),
            result.Definition);
    }

    [Theory]
    [MemberData(nameof(Conditions))]
    public void Each_condition_type_reads_to_its_record(string condition, RuleCondition expected) =>
        Assert.Equal(expected, TestParams.Read(Rule($"""  "condition":{condition},"alertKind":"custom" """)).Definition?.Rule?.Condition);

    [Fact]
    public void A_rule_without_filter_cooldown_or_recipients_watches_every_device_for_an_hour_and_tells_the_owner_and_the_topic()
    {
        var rule = TestParams.Read(Rule("""  "condition":{"type":"battery-below","value":10},"alertKind":"battery-critical" """)).Definition!.Rule!;

        Assert.Equal(DeviceFilter.All, rule.Devices);
        Assert.Equal(TimeSpan.FromHours(1), rule.Cooldown);
        Assert.Equal(RuleRecipients.Default, rule.Recipients);
    }

    [Fact]
    public void A_rule_with_several_errors_names_every_one_with_its_path()
    {
        var errors = TestParams.Errors(Rule("""
            "condition":{"type":"temperature-above","value":200,"for":"soon","limit":3},
            "devices":[123,"fridge"],"config":{},"cooldown":"2x","alertKind":"temperature-high",
            "recipients":["owner","912345678"],"message":"hot"
            """));

        Assert.Equal(
            [
                "params.message: unknown field; a rule takes condition, devices, config, cooldown, alertKind, recipients",
                "params.condition.limit: unknown field; a temperature-above condition takes type, value, for",
                "params.condition.value: must be between -100 and 150, got 200",
                "params.condition.for: \"soon\" is not a duration; write it like 1h, 10m, 90s, 500ms, 1h30m or 01:00:00",
                "params.devices[1]: \"fridge\" is not a device id; write the device's number, e.g. 123",
                "params.config: is empty; give the config keys and values a device must have, e.g. {group: freezers}, or leave config out",
                "params.cooldown: \"2x\" is not a duration; write it like 1h, 10m, 90s, 500ms, 1h30m or 01:00:00",
                "params.alertKind: \"temperature-high\" is a built-in alert kind (temperature-high, temperature-low, battery-low, no-communication, communication-restored); pick another name, e.g. temperature-high-rule, so that its alerts and cooldowns stay apart",
                "params.recipients[1]: \"912345678\" is not a recipient; write owner, alerts-topic, or a phone number: write '+', the country code and the number, digits only (e.g. +351912345678)",
            ],
            errors);
    }

    [Theory]
    [InlineData("""{"name":"r","kind":"rule","source":"readings"}""", "params: required; a rule needs at least params.condition and params.alertKind")]
    [InlineData("""{"name":"r","kind":"rule","source":"readings","params":{"alertKind":"r"}}""", "params.condition: required; a mapping with a type (temperature-above, temperature-below, battery-below, silence, rise-rate) and its fields, e.g. {type: temperature-above, value: 8, for: 10m}")]
    [InlineData("""{"name":"r","kind":"rule","source":"readings","params":{"condition":{"value":3},"alertKind":"r"}}""", "params.condition.type: required; use one of temperature-above, temperature-below, battery-below, silence, rise-rate")]
    [InlineData("""{"name":"r","kind":"rule","source":"readings","params":{"condition":{"type":"too-warm"},"alertKind":"r"}}""", "params.condition.type: \"too-warm\" is not a condition; use one of temperature-above, temperature-below, battery-below, silence, rise-rate")]
    [InlineData("""{"name":"r","kind":"rule","source":"readings","params":{"condition":{"type":"silence"},"alertKind":"r"}}""", "params.condition.for: required; how long a device may send nothing; write it like 1h, 10m, 90s, 500ms, 1h30m or 01:00:00")]
    [InlineData("""{"name":"r","kind":"rule","source":"readings","params":{"condition":{"type":"rise-rate","value":0},"alertKind":"r"}}""", "params.condition.value: must be more than 0 °C per hour, got 0")]
    [InlineData("""{"name":"r","kind":"rule","source":"readings","params":{"condition":{"type":"battery-below","value":101},"alertKind":"r"}}""", "params.condition.value: must be between 0 and 100, got 101")]
    [InlineData("""{"name":"r","kind":"rule","source":"readings","params":{"condition":"hot","alertKind":"r"}}""", "params.condition: must be a mapping with a type (temperature-above, temperature-below, battery-below, silence, rise-rate) and its fields; got a value")]
    [InlineData("""{"name":"r","kind":"rule","source":"readings","params":{"condition":{"type":"silence","for":"1h"}}}""", "params.alertKind: required; name the alerts this rule raises, e.g. freezer-warm (use 1 to 63 lowercase letters, digits and dashes, starting with a letter and not ending with a dash)")]
    [InlineData("""{"name":"r","kind":"rule","source":"readings","params":{"condition":{"type":"silence","for":"1h"},"alertKind":"r","recipients":[]}}""", "params.recipients: is empty; list owner, alerts-topic or phone numbers in E.164, e.g. [owner, \"+351912345678\"], or leave the field out")]
    public void Each_wrong_rule_field_is_refused_with_what_to_write(string json, string error) =>
        Assert.Equal([error], TestParams.Errors(json));

    [Fact]
    public void A_device_filter_lets_through_the_listed_devices_whose_config_has_every_given_value()
    {
        var filter = new DeviceFilter([1, 2], new Dictionary<string, string> { ["group"] = "freezers" });
        var freezer = new Dictionary<string, string> { ["group"] = "freezers", ["owner"] = "Ana" };

        Assert.True(filter.Matches(1, freezer));
        Assert.False(filter.Matches(3, freezer));
        Assert.False(filter.Matches(2, new Dictionary<string, string> { ["group"] = "fridges" }));
        Assert.True(DeviceFilter.All.Matches(3, new Dictionary<string, string>()));
    }
}
