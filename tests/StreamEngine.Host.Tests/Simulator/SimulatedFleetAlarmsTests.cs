using System.Text;
using StreamEngine.Abstractions.Alerts;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Host.Simulator;
using StreamEngine.Topologies.Alarms;

namespace StreamEngine.Host.Tests.Simulator;

/// <summary>The in-host simulator's fleet, registered and played for a few simulated minutes, checked against the limits it registered.</summary>
public sealed class SimulatedFleetAlarmsTests
{
    private const long Start = 1_732_291_200;
    private const int ReportsPerSecond = 6;

    private static readonly SimulatorSettings Settings = new()
    {
        Enabled = true,
        Gateways = 2,
        DevicesPerGateway = 4,
        BadReportEvery = 0,
        BreachEvery = TimeSpan.FromSeconds(60),
        SilentDeviceAfter = TimeSpan.FromSeconds(20),
        SilentDeviceFor = TimeSpan.FromSeconds(90),
    };

    [Fact]
    public async Task Registered_devices_are_active_and_carry_a_name_an_owner_a_phone_and_fridge_limits()
    {
        var registry = new InMemoryRegistry(new FakeTokenHasher());
        await SimulatedFleet.Register(registry, Settings, CancellationToken.None);

        var devices = await registry.ListDevices();
        Assert.Equal(8, devices.Count);
        Assert.All(devices, d =>
        {
            var config = DeviceConfig.From(d, 20);
            Assert.True(config.Active);
            Assert.StartsWith("Simulated fridge ", config.Contact.Name, StringComparison.Ordinal);
            Assert.Equal("Simulator", config.Contact.Owner);
            Assert.Matches(@"^\+[1-9][0-9]{7,14}$", config.Contact.Phone);
            Assert.Equal((2.0, 8.0, 20.0), (config.MinTemperature, config.MaxTemperature, config.MinBattery));
        });
        Assert.Equal(8, devices.Select(d => d.Config["phone"]).Distinct().Count());
    }

    [Fact]
    public async Task Only_the_warm_device_goes_above_its_max_temperature_now_and_then_and_only_the_low_battery_device_below_its_min_battery()
    {
        var (fleet, configs) = await Registered(Settings);
        var readings = Play(fleet, TimeSpan.FromMinutes(3));

        var breaches = readings.SelectMany(r => Breaches(r, configs[r.DeviceId])).ToList();
        var warm = Assert.Single(breaches.Where(b => b.Kind == AlertKind.TemperatureHigh).Select(b => b.DeviceId).Distinct());
        var lowBattery = Assert.Single(breaches.Where(b => b.Kind == AlertKind.BatteryLow).Select(b => b.DeviceId).Distinct());
        Assert.NotEqual(warm, lowBattery);
        Assert.Equal([AlertKind.BatteryLow, AlertKind.TemperatureHigh], breaches.Select(b => b.Kind).Distinct().Order(StringComparer.Ordinal));

        // Now and then: too warm in each of the three minutes, and within the limits for most of each.
        var tooWarmMinutes = breaches.Where(b => b.Kind == AlertKind.TemperatureHigh).Select(b => (b.TimeMs / 1000 - Start) / 60).Distinct();
        Assert.Equal([0L, 1L, 2L], tooWarmMinutes.Order());
        var warmReadings = readings.Where(r => r.DeviceId == warm).ToList();
        Assert.InRange(warmReadings.Count(r => r.Temp > configs[warm].MaxTemperature) / (double)warmReadings.Count, 0.05, 0.5);
    }

    [Fact]
    public async Task Even_a_round_of_a_few_seconds_ends_too_warm()
    {
        var (fleet, configs) = await Registered(Settings with { BreachEvery = TimeSpan.FromSeconds(4) });
        var readings = Play(fleet, TimeSpan.FromSeconds(12));

        var tooWarmSeconds = readings.Where(r => r.DeviceId == fleet.Alarms!.WarmDevice && r.Temp > configs[r.DeviceId].MaxTemperature)
            .Select(r => (r.TimeMs / 1000) - Start).Distinct();
        Assert.Equal([3L, 7L, 11L], tooWarmSeconds.Order());
    }

    [Fact]
    public async Task The_silent_device_reports_for_a_while_then_stops_and_comes_back_after_its_silence()
    {
        var (fleet, _) = await Registered(Settings);
        var readings = Play(fleet, TimeSpan.FromMinutes(3));

        var silent = fleet.Alarms!.SilentDevice!.Value;
        var times = readings.Where(r => r.DeviceId == silent).Select(r => (r.TimeMs / 1000) - Start).ToList();
        Assert.Contains(times, t => t < 20);
        Assert.DoesNotContain(times, t => t is >= 20 and < 110);
        Assert.Contains(times, t => t >= 110);

        // Every other device reports all along.
        Assert.All(readings.Where(r => r.DeviceId != silent).GroupBy(r => r.DeviceId), device =>
            Assert.Contains(device, r => (r.TimeMs / 1000) - Start is >= 20 and < 110));
    }

    [Fact]
    public async Task Turned_off_the_fleet_stays_within_its_limits_and_no_device_falls_silent()
    {
        var (fleet, configs) = await Registered(Settings with { BreachEvery = TimeSpan.Zero, SilentDeviceAfter = TimeSpan.Zero });
        var readings = Play(fleet, TimeSpan.FromMinutes(3));

        Assert.Empty(readings.SelectMany(r => Breaches(r, configs[r.DeviceId])));
        Assert.Equal(8, readings.Where(r => (r.TimeMs / 1000) - Start > 170).Select(r => r.DeviceId).Distinct().Count());
    }

    [Fact]
    public void Durations_below_a_second_are_refused_with_the_key_to_fix()
    {
        var fleet = new SimulatedFleet([new SimulatedGateway(new(1, "g"), [new(1, "d")])]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AlarmScenario.For(fleet.Gateways, Settings with { BreachEvery = TimeSpan.FromMilliseconds(200) }));
        Assert.Contains("Simulator:BreachEvery", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(SimulatedFleet Fleet, Dictionary<long, DeviceConfig> Configs)> Registered(SimulatorSettings settings)
    {
        var registry = new InMemoryRegistry(new FakeTokenHasher());
        var fleet = await SimulatedFleet.Register(registry, settings, CancellationToken.None);
        var configs = (await registry.ListDevices()).ToDictionary(d => d.Id, d => DeviceConfig.From(d, 20));
        return (fleet, configs);
    }

    /// <summary>The readings of every report the fleet sends in <paramref name="duration"/>, as the engine parses them.</summary>
    private static List<SeenReading> Play(SimulatedFleet fleet, TimeSpan duration)
    {
        var readings = new List<SeenReading>();
        for (var second = 0; second < duration.TotalSeconds; second++)
        {
            for (var i = 0; i < ReportsPerSecond; i++)
            {
                var (_, json) = fleet.NextReport(Start + second, Settings.BadReportEvery);
                var parsed = ReportParser.Parse(Encoding.UTF8.GetBytes(json), (Start + second) * 1000);
                Assert.True(parsed.IsAccepted, parsed.Detail);
                readings.AddRange(parsed.Report.Batches.SelectMany(b => b.Readings.Select(m => new SeenReading(b.Device.Id, m.TimeMs, m.Temp, m.Batt))));
            }
        }

        return readings;
    }

    /// <summary>The limits the thresholds topology checks (DESIGN.md section 4), applied to one reading.</summary>
    private static IEnumerable<(string Kind, long DeviceId, long TimeMs)> Breaches(SeenReading reading, DeviceConfig config)
    {
        if (reading.Temp > config.MaxTemperature)
        {
            yield return (AlertKind.TemperatureHigh, reading.DeviceId, reading.TimeMs);
        }

        if (reading.Temp < config.MinTemperature)
        {
            yield return (AlertKind.TemperatureLow, reading.DeviceId, reading.TimeMs);
        }

        if (reading.Batt < config.MinBattery)
        {
            yield return (AlertKind.BatteryLow, reading.DeviceId, reading.TimeMs);
        }
    }

    private sealed record SeenReading(long DeviceId, long TimeMs, double Temp, double Batt);
}
