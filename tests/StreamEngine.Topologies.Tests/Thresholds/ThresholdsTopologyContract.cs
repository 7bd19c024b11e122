using System.Text;
using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using StreamEngine.Abstractions.Alerts;
using StreamEngine.Abstractions.Notifications;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.State;
using StreamEngine.Connectors.State;
using StreamEngine.Testing;
using StreamEngine.Topologies.Alarms;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Tests.Support;
using StreamEngine.Topologies.Thresholds;

namespace StreamEngine.Topologies.Tests.Thresholds;

/// <summary>
/// What the thresholds topology must do, run against the embedded default (<see cref="ThresholdsTopologySpec"/>)
/// and against a real redis-server and Twilio-shaped HTTP server (<see cref="ThresholdsOnRedisAndTwilioSpec"/>).
/// </summary>
public abstract class ThresholdsTopologyContract : IAsyncLifetime
{
    protected const long Start = 1_732_291_200_000; // 2024-11-22 16:00 UTC
    protected const string Phone = "+351910000001";

    protected static readonly ThresholdsSettings Settings = new()
    {
        RetryFirstBackoff = TimeSpan.FromMilliseconds(5),
        RetryMaxBackoff = TimeSpan.FromMilliseconds(20),
    };

    private readonly ActorSystem _system = ActorSystem.Create("thresholds-spec");
    private readonly MemoryRegistry _registry = new();
    private readonly List<DeviceConfigCache> _caches = [];

    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(Start));

    protected int NextOffset { get; set; }

    protected AlarmBackend Backend { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await OpenBackend();
        _registry.Set(1, Config(max: "8", min: "2", name: "Freezer 2", phone: Phone));
    }

    [Fact]
    public async Task A_device_too_warm_for_three_hours_gets_exactly_three_sms_one_per_hour_of_cooldown()
    {
        var flow = await StartTopology();

        foreach (var minute in TooWarmMinutes())
        {
            await FeedAt(flow, minute, Reading(1, minute, temp: 9.5));
        }

        Assert.Equal(3, Backend.Sent.Count);
        Assert.Equal(3, flow.Records("alerts").Count());
        Assert.All(Backend.Sent, m => Assert.Equal(Phone, m.To));
        Assert.Equal(["16:00", "17:03", "18:06"], Backend.Sent.Select(m => m.Body[^9..^4]));
    }

    [Fact]
    public async Task Readings_delivered_twice_and_replayed_at_the_end_send_nothing_again()
    {
        var flow = await StartTopology();

        foreach (var minute in TooWarmMinutes())
        {
            var reading = Reading(1, minute, temp: 9.5);
            await FeedAt(flow, minute, reading);
            await flow.Feed(reading, NextOffset++);
        }

        foreach (var minute in TooWarmMinutes())
        {
            await flow.Feed(Reading(1, minute, temp: 9.5), NextOffset++);
        }

        Assert.Equal(3, Backend.Sent.Count);
        Assert.Equal(3, Backend.Sent.Select(m => m.Body).Distinct().Count());
    }

    [Fact]
    public async Task A_topology_stopped_and_started_again_on_the_same_state_sends_nothing_twice()
    {
        var first = await StartTopology();
        foreach (var minute in TooWarmMinutes().Where(m => m < 90))
        {
            await FeedAt(first, minute, Reading(1, minute, temp: 9.5));
        }

        await first.Stop();
        Assert.Equal(2, Backend.Sent.Count);

        // The offsets of the last readings were not committed: the new run reads them again, then carries on.
        var second = await StartTopology();
        foreach (var minute in TooWarmMinutes().Where(m => m >= 63))
        {
            await FeedAt(second, minute, Reading(1, minute, temp: 9.5));
        }

        Assert.Equal(3, Backend.Sent.Count);
    }

    [Fact]
    public async Task A_topology_killed_mid_work_and_replayed_from_its_last_passed_on_offset_still_sends_exactly_three_sms_one_per_hour()
    {
        // The process dies while the second alert's SMS is under way (claimed, not yet at the provider): it never gets there.
        var dying = new GatedSms(Backend.Sms, m => m.Body.Contains("17:03", StringComparison.Ordinal));
        var first = new RunningFlow(ThresholdsTopology.Create(Settings, await Cache(), Backend.State, dying, Clock, new TopologyMetrics()), _system);
        var fed = new List<(long Offset, int Minute)>();
        foreach (var minute in TooWarmMinutes().Where(m => m < 63))
        {
            fed.Add((NextOffset, minute));
            await FeedAt(first, minute, Reading(1, minute, temp: 9.5));
        }

        // Minute 63 is claimed on its own clock; the readings behind it are on their way when the process dies.
        foreach (var minute in TooWarmMinutes().Where(m => m is >= 63 and <= 105))
        {
            Clock.MoveForwardTo(Start + (minute * 60_000L));
            fed.Add((NextOffset, minute));
            await first.Offer(Reading(1, minute, temp: 9.5), NextOffset++);
            if (minute == 63)
            {
                await Eventually.True(() => dying.Waiting == 1, "the SMS of minute 63 is under way");
            }
        }

        await first.Abort();
        Assert.Equal(["16:00"], Backend.Sent.Select(m => m.Body[^9..^4]));

        // Kafka redelivers every reading whose offset had not passed on to the next instance, on the same state and provider.
        var passed = first.PassedOn().ToList();
        var second = await StartTopology();
        foreach (var (offset, minute) in fed.Where(f => !passed.Contains(f.Offset)))
        {
            await second.Feed(Reading(1, minute, temp: 9.5), offset);
        }

        foreach (var minute in TooWarmMinutes().Where(m => m > 105))
        {
            fed.Add((NextOffset, minute));
            await FeedAt(second, minute, Reading(1, minute, temp: 9.5));
        }

        Assert.Equal(["16:00", "17:03", "18:06"], Backend.Sent.Select(m => m.Body[^9..^4]));
        Assert.Equal(3, Backend.SmsAttempts);
        Assert.Equal(
            [Start, Start + (63 * 60_000L), Start + (126 * 60_000L)],
            first.Records("alerts").Concat(second.Records("alerts")).Select(r => AlertJson.Deserialize(r.Value).Time));
        Assert.Equal(fed.Select(f => f.Offset), passed.Concat(second.PassedOn()));
        Assert.Empty(first.Records("deadletters").Concat(second.Records("deadletters")));
    }

    [Fact]
    public async Task A_worker_that_died_between_the_claim_and_the_sms_leaves_the_alert_to_the_replay()
    {
        var reading = Reading(1, 0, temp: 9.5);
        var alertId = ThresholdsTopology.AlertId(AlertKind.TemperatureHigh, ReadingJson.Deserialize(reading));
        Assert.True(await Backend.State.TryClaim(new CooldownClaim(1, AlertKind.TemperatureHigh, Settings.Cooldown, alertId)));
        var flow = await StartTopology();

        await FeedAt(flow, 0, reading);
        await FeedAt(flow, 1, reading);
        await FeedAt(flow, 2, Reading(1, 2, temp: 9.5));

        Assert.Single(Backend.Sent);
        Assert.Single(flow.Records("alerts"));
    }

    [Theory]
    [InlineData(9.3, 75, AlertKind.TemperatureHigh, 9.3, 8.0, "ALERT Freezer 2 (device 1): too warm, 9.3 C above max 8 C at 2024-11-22 16:00 UTC")]
    [InlineData(-1.5, 75, AlertKind.TemperatureLow, -1.5, 2.0, "ALERT Freezer 2 (device 1): too cold, -1.5 C below min 2 C at 2024-11-22 16:00 UTC")]
    [InlineData(4.5, 15, AlertKind.BatteryLow, 15.0, 20.0, "ALERT Freezer 2 (device 1): battery low, 15% below 20% at 2024-11-22 16:00 UTC")]
    public async Task Each_kind_gives_its_alert_and_its_sms_with_the_right_text_to_the_right_number(
        double temp, int batt, string kind, double value, double limit, string text)
    {
        var flow = await StartTopology();

        await FeedAt(flow, 0, Reading(1, 0, temp, batt));

        var sms = Assert.Single(Backend.Sent);
        Assert.Equal(Phone, sms.To);
        Assert.Equal(text, sms.Body);
        Assert.True(SmsText.IsGsm7(sms.Body) && SmsText.Septets(sms.Body) <= 160);
        var record = Assert.Single(flow.Records("alerts"));
        Assert.Equal("1", Encoding.UTF8.GetString(record.Key!));
        var alert = AlertJson.Deserialize(record.Value);
        Assert.Equal(new Alert($"{kind}/reports/0/1000/0", kind, 1, value, limit, Start, new AlertDevice("Freezer 2", "Ana", Phone), text), alert);
        Assert.Equal(sms.Body, alert.Text);
    }

    [Fact]
    public async Task A_long_name_with_accents_is_spelled_in_gsm7_and_cut_to_one_segment()
    {
        _registry.Set(2, Config(max: "8", name: "Câmara frigorífica número três do armazém principal de Setúbal, corredor norte, prateleira 14", phone: Phone));
        var flow = await StartTopology();

        await FeedAt(flow, 0, Reading(2, 0, temp: 12));

        var body = Assert.Single(Backend.Sent).Body;
        Assert.True(SmsText.IsGsm7(body), body);
        Assert.InRange(SmsText.Septets(body), 100, 160);
        Assert.StartsWith("ALERT Camara frigorifica numero tres", body, StringComparison.Ordinal);
        Assert.Contains("(device 2): too warm, 12 C above max 8 C at 2024-11-22 16:00 UTC", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_without_a_phone_gets_its_alert_on_the_topic_and_no_sms()
    {
        _registry.Set(3, Config(max: "8", name: "Cooler"));
        var flow = await StartTopology();

        await FeedAt(flow, 0, Reading(3, 0, temp: 9));

        Assert.Empty(Backend.Sent);
        Assert.Equal(0, Backend.SmsAttempts);
        var alert = AlertJson.Deserialize(Assert.Single(flow.Records("alerts")).Value);
        Assert.Equal((AlertKind.TemperatureHigh, (string?)null), (alert.Kind, alert.Device.Phone));
    }

    [Fact]
    public async Task A_config_change_published_on_the_registry_changes_the_outcome_without_a_restart()
    {
        _registry.Set(4, Config(max: "10", phone: Phone));
        var cache = await Cache();
        var flow = await StartTopology(cache);
        await FeedAt(flow, 0, Reading(4, 0, temp: 9));
        Assert.Empty(Backend.Sent);

        _registry.Set(4, Config(max: "8", phone: Phone));
        await Backend.State.Publish(4);
        await Eventually.True(() => cache.Get(4).AsTask().Result?.MaxTemperature == 8, "the cache has the new limit");
        await FeedAt(flow, 1, Reading(4, 1, temp: 9));

        Assert.Single(Backend.Sent);
        Assert.Equal(2, cache.RegistryCalls);
    }

    [Fact]
    public async Task Config_is_fetched_once_per_unknown_device_and_every_known_device_is_refreshed_every_ten_minutes()
    {
        _registry.Set(5, Config(max: "8", phone: Phone));
        var cache = await Cache();
        var flow = await StartTopology(cache);

        for (var i = 0; i < 20; i++)
        {
            await flow.Offer(Reading(1 + (i % 2 * 4), 0, temp: 4), NextOffset++);
        }

        await flow.Drained();
        Assert.Equal(2, cache.RegistryCalls);

        _registry.Set(5, Config(max: "3", phone: Phone));
        Clock.Advance(TimeSpan.FromMinutes(10));
        await Eventually.True(() => cache.RegistryCalls == 4, "both devices were refreshed");
        await FeedAt(flow, 10, Reading(5, 10, temp: 4));
        Assert.Single(Backend.Sent);
    }

    [Fact]
    public async Task An_sms_the_provider_rejects_becomes_a_dead_letter_with_its_code_and_is_not_retried()
    {
        Backend.SmsRejectsNext(21211, "The 'To' number +351910000001 is not a valid phone number.");
        var flow = await StartTopology();

        await FeedAt(flow, 0, Reading(1, 0, temp: 9));

        Assert.Equal(1, Backend.SmsAttempts);
        Assert.Single(flow.Records("alerts"));
        var letter = Encoding.UTF8.GetString(Assert.Single(flow.Records("deadletters")).Value);
        Assert.Contains("\"reason\":\"sms-rejected\"", letter, StringComparison.Ordinal);
        Assert.Contains("\"topology\":\"thresholds\"", letter, StringComparison.Ordinal);
        Assert.Contains("code 21211", letter, StringComparison.Ordinal);
        Assert.Contains("is not a valid phone number", letter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_sms_provider_failing_for_a_while_delays_the_alerts_but_sends_each_exactly_once()
    {
        for (var id = 10; id < 20; id++)
        {
            _registry.Set(id, Config(max: "8", phone: $"+3519100000{id}"));
        }

        Backend.SmsUnavailableFor(25);
        var flow = await StartTopology();

        for (var round = 0; round < 3; round++)
        {
            for (var id = 10; id < 20; id++)
            {
                await flow.Offer(Reading(id, round, temp: 9), NextOffset++);
            }
        }

        await flow.Drained();

        Assert.True(Backend.SmsAttempts > 25);
        Assert.Equal(10, Backend.Sent.Count);
        Assert.Equal(Enumerable.Range(10, 10).Select(id => $"+3519100000{id}"), Backend.Sent.Select(m => m.To).Order());
        Assert.Equal(10, flow.Records("alerts").Count());
        foreach (var id in Enumerable.Range(10, 10))
        {
            Assert.False(await Backend.State.TryClaim(new CooldownClaim(id, AlertKind.TemperatureHigh, TimeSpan.FromHours(1), "probe")));
        }
    }

    [Fact]
    public async Task An_sms_still_being_sent_holds_back_no_other_devices_sms_and_the_offsets_still_come_out_in_order()
    {
        var devices = Enumerable.Range(30, 40).ToList();
        foreach (var id in devices)
        {
            _registry.Set(id, Config(max: "8", phone: $"+35191000{id:D4}"));
        }

        var slow = new GatedSms(Backend.Sms, m => m.To == "+351910000030");
        var flow = new RunningFlow(ThresholdsTopology.Create(Settings, await Cache(), Backend.State, slow, Clock, new TopologyMetrics()), _system);
        var first = NextOffset;
        foreach (var id in devices)
        {
            await flow.Offer(Reading(id, 0, temp: 9), NextOffset++);
        }

        await Eventually.True(() => Backend.Sent.Count == devices.Count - 1, "every other device's SMS went out while device 30's waited");
        Assert.Equal(1, slow.Waiting);
        Assert.Empty(flow.Out);

        slow.Release();
        await flow.Drained();

        Assert.Equal(devices.Count, Backend.Sent.Count);
        Assert.Equal(Enumerable.Range(first, devices.Count).Select(o => (long)o), flow.Out.Select(e => e.PassThrough.Offset));
    }

    [Fact]
    public async Task No_more_sms_than_the_sms_parallelism_are_under_way_at_once()
    {
        foreach (var id in Enumerable.Range(70, 20))
        {
            _registry.Set(id, Config(max: "8", phone: $"+35191000{id:D4}"));
        }

        var gated = new GatedSms(Backend.Sms, _ => true);
        var flow = new RunningFlow(ThresholdsTopology.Create(Settings, await Cache(), Backend.State, gated, Clock, new TopologyMetrics()), _system);
        foreach (var id in Enumerable.Range(70, 20))
        {
            await flow.Offer(Reading(id, 0, temp: 9), NextOffset++);
        }

        await Eventually.True(() => gated.Waiting == Settings.SmsParallelism, "as many SMS as the parallelism are under way");
        gated.Release();
        await flow.Drained();

        Assert.Equal(20, Backend.Sent.Count);
        Assert.Equal(Settings.SmsParallelism, gated.MostAtOnce);
    }

    [Fact]
    public async Task A_state_store_unavailable_for_a_while_delays_the_alerts_but_sends_each_exactly_once()
    {
        var cooldowns = new FlakyCooldowns(Backend.State);
        cooldowns.FailNext(6);
        Backend.SmsUnavailableFor(3);
        var flow = new RunningFlow(ThresholdsTopology.Create(Settings, await Cache(), cooldowns, Backend.Sms, Clock, new TopologyMetrics()), _system);

        for (var round = 0; round < 3; round++)
        {
            await flow.Offer(Reading(1, round, temp: 9), NextOffset++);
            await flow.Offer(Reading(1, round, temp: 4, batt: 5), NextOffset++);
        }

        await flow.Drained();

        Assert.Equal([AlertKind.BatteryLow, AlertKind.TemperatureHigh], flow.Records("alerts").Select(r => AlertJson.Deserialize(r.Value).Kind).Order());
        Assert.Equal(2, Backend.Sent.Count);
    }

    [Fact]
    public async Task A_record_that_is_not_a_reading_becomes_a_dead_letter()
    {
        var flow = await StartTopology();

        await flow.Feed(Encoding.UTF8.GetBytes("not json"), NextOffset++);

        var letter = Encoding.UTF8.GetString(Assert.Single(flow.Records("deadletters")).Value);
        Assert.Contains("\"reason\":\"malformed-json\"", letter, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        foreach (var cache in _caches)
        {
            await cache.DisposeAsync();
        }

        await Backend.DisposeAsync();
        await _system.Terminate();
    }

    /// <summary>The state store and SMS provider to run against, on <see cref="Clock"/>.</summary>
    protected abstract Task<AlarmBackend> OpenBackend();

    protected static IEnumerable<int> TooWarmMinutes() => Enumerable.Range(0, 26).Select(i => 7 * i);

    protected static Dictionary<string, string> Config(string? max = null, string? min = null, string? name = null, string? phone = null)
    {
        var config = new Dictionary<string, string> { ["owner"] = "Ana" };
        if (max is not null)
        {
            config["maxTemperature"] = max;
        }

        if (min is not null)
        {
            config["minTemperature"] = min;
        }

        if (name is not null)
        {
            config["name"] = name;
        }

        if (phone is not null)
        {
            config["phone"] = phone;
        }

        return config;
    }

    protected static byte[] Reading(long device, int minute, double temp = 4.5, int batt = 75) =>
        ReadingJson.Serialize(new Reading(device, 7, Start + (minute * 60_000L), temp, batt, Start + (minute * 60_000L), $"reports/0/{device * 1_000 + minute}/0"));

    private async Task<DeviceConfigCache> Cache()
    {
        var cache = await DeviceConfigCache.Start(_registry.FindDevice, Backend.State, Settings.ConfigRefresh, Settings.DefaultMinBattery, Clock);
        _caches.Add(cache);
        return cache;
    }

    protected async Task<RunningFlow> StartTopology(DeviceConfigCache? cache = null) =>
        new(ThresholdsTopology.Create(Settings, cache ?? await Cache(), Backend.State, Backend.Sms, Clock, new TopologyMetrics()), _system);

    protected async Task FeedAt(RunningFlow flow, int minute, byte[] reading)
    {
        Clock.MoveForwardTo(Start + (minute * 60_000L));
        await flow.Feed(reading, NextOffset++);
    }
}
