using StreamEngine.Abstractions.Deployment;
using StreamEngine.Host.Deployment;
using StreamEngine.Topologies.Legacy;
using StreamEngine.Topologies.Thresholds;

namespace StreamEngine.Host.Tests.Deployment;

public sealed class SettingsParamsSpec
{
    [Fact]
    public void Every_settings_property_is_a_camel_case_param_with_the_records_default()
    {
        var specs = SettingsParams.Of<ThresholdsSettings>().ToDictionary(spec => spec.Name);

        Assert.Equal(
            ["alertsTopic", "deadLettersTopic", "sendSms", "configRefresh", "defaultMinBattery", "cooldown", "claimBatch",
             "lookupParallelism", "smsParallelism", "notifyWindow", "retryFirstBackoff", "retryMaxBackoff"],
            specs.Keys);
        Assert.Equal(new ParamSpec("cooldown", ParamType.Duration, TimeSpan.FromHours(1)), specs["cooldown"]);
        Assert.Equal(new ParamSpec("claimBatch", ParamType.WholeNumber, 1_024) { Minimum = 1 }, specs["claimBatch"]);
        Assert.Equal(ParamType.Boolean, specs["sendSms"].Type);
        Assert.Equal(ParamType.Number, specs["defaultMinBattery"].Type);
    }

    [Fact]
    public void Params_bind_onto_the_settings_record_and_the_rest_keep_their_defaults()
    {
        var definition = DefinitionDocuments.Read(
            "name: thresholds\nkind: thresholds\nsource: readings\nparams: {cooldown: 30m, sendSms: false}\n",
            DefinitionFormat.Yaml).Definition!;

        Assert.Equal(
            new ThresholdsSettings { Cooldown = TimeSpan.FromMinutes(30), SendSms = false },
            SettingsParams.Bind<ThresholdsSettings>(definition.Params));
    }

    [Fact]
    public void The_legacy_url_is_a_url_and_legacy_may_not_retry()
    {
        var specs = BuiltInTopologyParams.ByKind[TopologyKind.Legacy].ToDictionary(spec => spec.Name);

        Assert.Equal(ParamType.Url, specs["url"].Type);
        Assert.Equal(0, specs["maxRetries"].Minimum);
        Assert.Equal(new LegacySettings().MaxRetries, specs["maxRetries"].Default);
    }

    [Fact]
    public void A_param_the_settings_record_does_not_have_is_refused_when_binding()
    {
        var parameters = new TopologyParams([KeyValuePair.Create("window", (object)TimeSpan.FromSeconds(3))]);

        var error = Assert.Throws<ArgumentException>(() => SettingsParams.Bind<ThresholdsSettings>(parameters));

        Assert.StartsWith("'window' = 00:00:03 is not a ThresholdsSettings param: validate the definition first.", error.Message, StringComparison.Ordinal);
    }
}
