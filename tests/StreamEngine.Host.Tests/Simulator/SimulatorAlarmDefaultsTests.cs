using Microsoft.Extensions.Configuration;
using StreamEngine.Host.Simulator;

namespace StreamEngine.Host.Tests.Simulator;

public sealed class SimulatorAlarmDefaultsTests
{
    [Fact]
    public void With_the_simulator_on_the_silence_and_the_cooldown_shrink_to_minutes()
    {
        var shortened = SimulatorAlarmDefaults.For(Configuration(), new SimulatorSettings { Enabled = true });

        Assert.Equal(new Dictionary<string, string?> { ["Alerts:Silence"] = "00:01:00", ["Thresholds:Cooldown"] = "00:02:00" }, shortened);
        var line = SimulatorAlarmDefaults.Describe(shortened);
        Assert.Contains("Alerts:Silence 00:01:00", line, StringComparison.Ordinal);
        Assert.Contains("Thresholds:Cooldown 00:02:00", line, StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_user_set_is_kept()
    {
        var configuration = Configuration(("Alerts:Silence", "00:00:03"), ("Thresholds:Cooldown", "01:00:00"));

        Assert.Empty(SimulatorAlarmDefaults.For(configuration, new SimulatorSettings { Enabled = true }));
        Assert.Equal(["Thresholds:Cooldown"], SimulatorAlarmDefaults.For(Configuration(("Alerts:Silence", "00:00:03")), new SimulatorSettings { Enabled = true }).Keys);
    }

    [Fact]
    public void With_the_simulator_off_the_production_defaults_stay()
    {
        Assert.Empty(SimulatorAlarmDefaults.For(Configuration(), new SimulatorSettings()));
    }

    [Fact]
    public void The_simulator_settings_choose_the_short_durations()
    {
        var settings = new SimulatorSettings { Enabled = true, AlertsSilence = TimeSpan.FromSeconds(30), ThresholdsCooldown = TimeSpan.FromMinutes(5) };

        Assert.Equal(["00:00:30", "00:05:00"], SimulatorAlarmDefaults.For(Configuration(), settings).Values);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
