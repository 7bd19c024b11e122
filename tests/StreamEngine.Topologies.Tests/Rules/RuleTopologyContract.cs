using System.Text;
using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using StreamEngine.Abstractions.Alerts;
using StreamEngine.Abstractions.Deployment;
using StreamEngine.Abstractions.Notifications;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.State;
using StreamEngine.Testing;
using StreamEngine.Topologies.Alarms;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Rules;
using StreamEngine.Topologies.Tests.Support;

namespace StreamEngine.Topologies.Tests.Rules;

/// <summary>
/// What a <c>rule</c> topology must do, run against the embedded default (<see cref="RuleTopologySpec"/>) and against
/// a real redis-server and Twilio-shaped HTTP server (<see cref="RuleOnRedisAndTwilioSpec"/>).
/// </summary>
public abstract partial class RuleTopologyContract : IAsyncLifetime
{
    protected const long Start = 1_732_291_200_000; // 2024-11-22 16:00 UTC
    protected const string Phone = "+351910000001";
    protected const string Kind = "freezer-warm";

    private static readonly RuleSettings Settings = new()
    {
        SilenceCheckInterval = TimeSpan.FromMilliseconds(20),
        RetryFirstBackoff = TimeSpan.FromMilliseconds(5),
        RetryMaxBackoff = TimeSpan.FromMilliseconds(20),
    };

    private readonly ActorSystem _system = ActorSystem.Create("rule-spec");
    private readonly MemoryRegistry _registry = new();
    private DeviceConfigCache _cache = null!;
    private int _nextOffset;

    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(Start));

    protected AlarmBackend Backend { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await OpenBackend();
        _registry.Set(1, Config("Freezer 1", Phone, "freezers"));
        _registry.Set(2, Config("Freezer 2", "+351910000002", "freezers"));
        _registry.Set(3, Config("Fridge 3", "+351910000003", "fridges"));
        _cache = await DeviceConfigCache.Start(_registry.FindDevice, Backend.State, TimeSpan.FromMinutes(10), 20, Clock);
    }

    [Fact]
    public async Task Temperature_above_alerts_on_the_first_reading_above_the_limit_with_a_readable_sms_and_the_alert_record()
    {
        var flow = Topology(new TemperatureAboveCondition(-15, null));

        await FeedAt(flow, 0, Reading(1, 0, temp: -15));
        await FeedAt(flow, 1, Reading(1, 1, temp: -18));
        Assert.Empty(Backend.Sent);
        Assert.Empty(flow.Records("alerts"));

        await FeedAt(flow, 2, Reading(1, 2, temp: -12.5));

        var sms = Assert.Single(Backend.Sent);
        Assert.Equal((Phone, "freezer-warm: Freezer 1 (device 1): -12.5 C above -15 C at 2024-11-22 16:02 UTC"), (sms.To, sms.Body));
        var record = Assert.Single(flow.Records("alerts"));
        Assert.Equal("1", Encoding.UTF8.GetString(record.Key!));
        Assert.Equal(
            new Alert("freezer-warm-rule/reports/0/1002/0", Kind, 1, -12.5, -15, Start + 120_000, new AlertDevice("Freezer 1", "Ana", Phone), sms.Body),
            AlertJson.Deserialize(record.Value));
    }

    [Fact]
    public async Task Temperature_below_alerts_below_the_limit_only()
    {
        var flow = Topology(new TemperatureBelowCondition(2, null));

        await FeedAt(flow, 0, Reading(1, 0, temp: 2));
        Assert.Empty(Backend.Sent);
        await FeedAt(flow, 1, Reading(1, 1, temp: 1.5));

        Assert.Equal("freezer-warm: Freezer 1 (device 1): 1.5 C below 2 C at 2024-11-22 16:01 UTC", Assert.Single(Backend.Sent).Body);
        Assert.Single(flow.Records("alerts"));
    }

    [Fact]
    public async Task Battery_below_alerts_below_the_limit_only()
    {
        var flow = Topology(new BatteryBelowCondition(30));

        await FeedAt(flow, 0, Reading(1, 0, batt: 30));
        Assert.Empty(Backend.Sent);
        await FeedAt(flow, 1, Reading(1, 1, batt: 12));

        Assert.Equal("freezer-warm: Freezer 1 (device 1): battery 12% below 30% at 2024-11-22 16:01 UTC", Assert.Single(Backend.Sent).Body);
        Assert.Equal(12, AlertJson.Deserialize(Assert.Single(flow.Records("alerts")).Value).Value);
    }

    [Fact]
    public async Task Temperature_above_for_a_window_alerts_only_once_every_reading_stayed_above_for_that_long()
    {
        var flow = Topology(new TemperatureAboveCondition(-15, TimeSpan.FromMinutes(10)));

        // Above at 0 and 5, back below at 8: the window starts again at 12 and is not full at 20.
        foreach (var (minute, temp) in new[] { (0, -12.0), (5, -11.0), (8, -16.0), (12, -14.0), (17, -13.0), (20, -13.5) })
        {
            await FeedAt(flow, minute, Reading(1, minute, temp));
        }

        Assert.Empty(Backend.Sent);
        Assert.Empty(flow.Records("alerts"));

        await FeedAt(flow, 22, Reading(1, 22, temp: -12));

        Assert.Equal("freezer-warm: Freezer 1 (device 1): -12 C above -15 C for 10 min at 2024-11-22 16:22 UTC", Assert.Single(Backend.Sent).Body);
        Assert.Single(flow.Records("alerts"));
    }

    [Fact]
    public async Task A_window_survives_its_worker_so_the_next_worker_alerts_when_it_is_full()
    {
        var condition = new TemperatureAboveCondition(-15, TimeSpan.FromMinutes(10));
        var before = Topology(condition);
        await FeedAt(before, 0, Reading(1, 0, temp: -12));
        await FeedAt(before, 5, Reading(1, 5, temp: -11));

        // The device's partition moves to another worker (a rebalance, a restart, a node's death).
        var after = Topology(condition);
        await FeedAt(after, 10, Reading(1, 10, temp: -13));

        Assert.Equal("freezer-warm: Freezer 1 (device 1): -13 C above -15 C for 10 min at 2024-11-22 16:10 UTC", Assert.Single(Backend.Sent).Body);
        Assert.Single(after.Records("alerts"));
    }

    [Fact]
    public async Task A_window_that_closed_before_the_worker_changed_does_not_count_for_the_next_worker()
    {
        var condition = new TemperatureAboveCondition(-15, TimeSpan.FromMinutes(10));
        var before = Topology(condition);
        await FeedAt(before, 0, Reading(1, 0, temp: -12));
        await FeedAt(before, 5, Reading(1, 5, temp: -16));

        var after = Topology(condition);
        await FeedAt(after, 10, Reading(1, 10, temp: -13));
        Assert.Empty(Backend.Sent);

        await FeedAt(after, 20, Reading(1, 20, temp: -13));
        Assert.Equal("freezer-warm: Freezer 1 (device 1): -13 C above -15 C for 10 min at 2024-11-22 16:20 UTC", Assert.Single(Backend.Sent).Body);
    }

    [Fact]
    public async Task A_device_no_longer_watched_leaves_no_window_behind()
    {
        var condition = new TemperatureAboveCondition(-15, TimeSpan.FromMinutes(10));
        var before = Topology(condition);
        await FeedAt(before, 0, Reading(1, 0, temp: -12));
        await SetActive(1, false);
        await FeedAt(before, 5, Reading(1, 5, temp: -12));
        await SetActive(1, true);

        var after = Topology(condition);
        await FeedAt(after, 10, Reading(1, 10, temp: -13));
        Assert.Empty(Backend.Sent);

        await FeedAt(after, 20, Reading(1, 20, temp: -13));
        Assert.Single(Backend.Sent);
    }

    [Fact]
    public async Task Rise_rate_alerts_when_the_temperature_rises_faster_than_the_rate_within_the_window()
    {
        var flow = Topology(new RiseRateCondition(5, TimeSpan.FromMinutes(30)));

        // Device 1 rises 3 C/h, device 2 from 0 to 4 C in 20 min: 12 C/h.
        foreach (var minute in new[] { 0, 10, 20 })
        {
            await FeedAt(flow, minute, Reading(1, minute, temp: -20 + (minute * 0.05)));
            await FeedAt(flow, minute, Reading(2, minute, temp: -20 + (minute * 0.2)));
        }

        var sms = Assert.Single(Backend.Sent);
        Assert.Equal(
            ("+351910000002", "freezer-warm: Freezer 2 (device 2): temperature rising 12 C/h (limit 5 C/h) within 30 min at 2024-11-22 16:10 UTC"),
            (sms.To, sms.Body));
        Assert.Equal(2, AlertJson.Deserialize(Assert.Single(flow.Records("alerts")).Value).DeviceId);
    }

    [Fact]
    public async Task Rise_rate_forgets_readings_older_than_the_window()
    {
        var flow = Topology(new RiseRateCondition(5, TimeSpan.FromMinutes(30)));

        // From the first reading the rise to minute 45 would be 5.3 C/h, but the first is out of minute 45's window;
        // within minute 60's window it is 2 C/h.
        foreach (var (minute, temp) in new[] { (0, -20.0), (45, -16.0), (60, -15.5) })
        {
            await FeedAt(flow, minute, Reading(1, minute, temp));
        }

        Assert.Empty(Backend.Sent);
        Assert.Empty(flow.Records("alerts"));
    }

    [Fact]
    public async Task Silence_alerts_once_for_a_device_that_sent_nothing_for_longer_than_the_window()
    {
        var flow = Topology(new SilenceCondition(TimeSpan.FromHours(1)));
        await FeedAt(flow, 0, Reading(1, 0));
        await FeedAt(flow, 40, Reading(2, 40));

        MoveTo(61);
        await Eventually.True(() => flow.Records("alerts").Count() == 1, "device 1 is reported silent");

        // Device 2 falls silent later: its alert shows the check ran again, and device 1 was not reported twice.
        MoveTo(101);
        await Eventually.True(() => flow.Records("alerts").Count() == 2, "device 2 is reported silent");
        var alerts = flow.Records("alerts").Select(r => AlertJson.Deserialize(r.Value)).ToList();
        Assert.Equal([(1L, 61.0, 60.0), (2L, 61.0, 60.0)], alerts.Select(a => (a.DeviceId, a.Value!.Value, a.Limit!.Value)));
        Assert.Equal(
            [
                (Phone, "freezer-warm: Freezer 1 (device 1): no reading for 61 min (limit 60 min) at 2024-11-22 17:01 UTC"),
                ("+351910000002", "freezer-warm: Freezer 2 (device 2): no reading for 61 min (limit 60 min) at 2024-11-22 17:41 UTC"),
            ],
            Backend.Sent.Select(m => (m.To, m.Body)));
    }

    [Fact]
    public async Task A_device_reported_silent_whose_gateway_then_delivers_its_backlog_is_reported_again_when_it_really_falls_silent()
    {
        var flow = Topology(new SilenceCondition(TimeSpan.FromHours(1)));
        await FeedAt(flow, 0, Reading(1, 0));
        MoveTo(61);
        await Eventually.True(() => flow.Records("alerts").Count() == 1, "device 1 is reported silent");

        // Its gateway comes back at minute 125 with what it kept: a reading every 10 min, up to minute 120.
        MoveTo(125);
        for (var minute = 10; minute <= 120; minute += 10)
        {
            await FeedAt(flow, minute, Reading(1, minute));
        }

        MoveTo(181);
        await Eventually.True(() => flow.Records("alerts").Count() == 2, "device 1 is reported silent again, an hour after its newest reading");
        Assert.Equal(
            [
                "freezer-warm: Freezer 1 (device 1): no reading for 61 min (limit 60 min) at 2024-11-22 17:01 UTC",
                "freezer-warm: Freezer 1 (device 1): no reading for 61 min (limit 60 min) at 2024-11-22 19:01 UTC",
            ],
            Backend.Sent.Select(m => m.Body));
    }

    [Fact]
    public async Task A_device_that_falls_silent_while_its_partition_moves_is_reported_once_by_the_rules_other_workers()
    {
        var condition = new SilenceCondition(TimeSpan.FromHours(1));
        var before = Topology(condition);
        await FeedAt(before, 0, Reading(1, 0));
        await before.Stop();

        // Device 1's worker is gone; two workers of the rule run on, and only device 2 keeps reporting.
        var after = Topology(condition);
        var other = Topology(condition);
        await FeedAt(after, 30, Reading(2, 30));

        MoveTo(61);
        await Eventually.True(() => Alerts(after, other).Count == 1, "device 1 is reported silent");
        MoveTo(91);
        await Eventually.True(() => Alerts(after, other).Count >= 2, "device 2 is reported silent");

        Assert.Equal([1L, 2L], Alerts(after, other).Select(a => a.DeviceId).Order());
        Assert.Equal([Phone, "+351910000002"], Backend.Sent.Select(m => m.To));
    }

    [Fact]
    public async Task A_worker_that_died_between_marking_a_silence_and_its_sms_leaves_the_silence_to_the_next_check_once_the_mark_lapses()
    {
        var condition = new SilenceCondition(TimeSpan.FromHours(1));
        var dying = new GatedSms(Backend.Sms, _ => true);
        var first = Topology(condition, sms: dying);
        await FeedAt(first, 0, Reading(1, 0));
        MoveTo(61);
        await Eventually.True(() => dying.Waiting == 1, "device 1's silence marked and its SMS under way");
        await first.Abort();

        var metrics = new TopologyMetrics();
        var second = Topology(condition, metrics: metrics);
        var checks = ConditionIn(metrics);
        await Eventually.True(() => ConditionIn(metrics) >= checks + 3, "the check running within the mark's lease");
        Assert.Empty(second.Records("alerts"));
        MoveTo(61 + (int)IDeviceActivity.UnconfirmedMarkLease.TotalMinutes + 1);
        await Eventually.True(() => second.Records("alerts").Count() == 1, "device 1 reported silent by the next instance");

        checks = ConditionIn(metrics);
        await Eventually.True(() => ConditionIn(metrics) >= checks + 3, "the check running after the report");
        Assert.Single(second.Records("alerts"));
        Assert.Equal(
            ["freezer-warm: Freezer 1 (device 1): no reading for 72 min (limit 60 min) at 2024-11-22 17:12 UTC"],
            Backend.Sent.Select(m => m.Body));
    }

    [Fact]
    public async Task A_silence_whose_sms_waits_longer_than_the_marks_lease_is_still_reported_once_by_its_live_worker()
    {
        var condition = new SilenceCondition(TimeSpan.FromHours(1));
        var held = new GatedSms(Backend.Sms, _ => true);
        var metrics = new TopologyMetrics();
        var flow = Topology(condition, sms: held, metrics: metrics);
        await FeedAt(flow, 0, Reading(1, 0));
        MoveTo(61);
        await Eventually.True(() => held.Waiting == 1, "device 1's silence marked and its SMS waiting for the provider");

        // The provider stays down for three leases; the check runs all along, five minutes of clock apart.
        for (var minute = 66; minute <= 61 + (3 * (int)IDeviceActivity.UnconfirmedMarkLease.TotalMinutes); minute += 5)
        {
            MoveTo(minute);
            var checks = ConditionIn(metrics);
            await Eventually.True(() => ConditionIn(metrics) >= checks + 2, $"the check running at minute {minute}");
        }

        Assert.Equal(1, held.Waiting);
        held.Release();
        await Eventually.True(() => flow.Records("alerts").Count() == 1, "device 1 reported silent");
        var after = ConditionIn(metrics);
        await Eventually.True(() => ConditionIn(metrics) >= after + 3, "the check running after the report");
        Assert.Single(flow.Records("alerts"));
        Assert.Single(Backend.Sent);
    }

    [Fact]
    public async Task A_device_filter_by_ids_watches_only_those_devices_and_passes_the_others_on()
    {
        var flow = Topology(new TemperatureAboveCondition(-15, null), devices: new DeviceFilter([2], []));

        await FeedAt(flow, 0, Reading(1, 0, temp: -10));
        await FeedAt(flow, 0, Reading(3, 0, temp: -10));
        Assert.Empty(Backend.Sent);

        await FeedAt(flow, 1, Reading(2, 1, temp: -10));
        Assert.Equal("+351910000002", Assert.Single(Backend.Sent).To);
        Assert.Equal(3, flow.Out.Count);
    }

    [Fact]
    public async Task A_device_filter_by_config_watches_only_devices_whose_registry_config_matches()
    {
        var flow = Topology(new TemperatureAboveCondition(-15, null), devices: new DeviceFilter([], [new("group", "fridges")]));

        await FeedAt(flow, 0, Reading(1, 0, temp: -10));
        await FeedAt(flow, 0, Reading(4, 0, temp: -10));
        Assert.Empty(Backend.Sent);

        await FeedAt(flow, 1, Reading(3, 1, temp: -10));
        Assert.Equal("+351910000003", Assert.Single(Backend.Sent).To);
    }

    [Fact]
    public async Task At_most_one_sms_per_device_within_the_cooldown_and_again_after_it()
    {
        var flow = Topology(new TemperatureAboveCondition(-15, null));

        foreach (var minute in new[] { 0, 20, 40, 59 })
        {
            var reading = Reading(1, minute, temp: -10);
            await FeedAt(flow, minute, reading);
            await FeedAt(flow, minute, reading);
        }

        Assert.Single(Backend.Sent);

        await FeedAt(flow, 61, Reading(1, 61, temp: -10));

        Assert.Equal(["16:00", "17:01"], Backend.Sent.Select(m => m.Body[^9..^4]));
        Assert.Equal(2, flow.Records("alerts").Count());
    }

    [Fact]
    public async Task Fixed_phone_recipients_each_get_the_sms_and_the_owner_and_the_topic_nothing()
    {
        var recipients = new RuleRecipients(owner: false, alertsTopic: false, ["+351930000001", "+351930000002"]);
        var flow = Topology(new TemperatureAboveCondition(-15, null), recipients: recipients);

        await FeedAt(flow, 0, Reading(1, 0, temp: -10));

        Assert.Equal(["+351930000001", "+351930000002"], Backend.Sent.Select(m => m.To).Order());
        Assert.Single(Backend.Sent.Select(m => m.Body).Distinct());
        Assert.Empty(flow.Records("alerts"));
    }

    [Fact]
    public async Task Alerts_topic_only_recipients_get_the_alert_record_and_no_sms_is_sent()
    {
        var flow = Topology(new TemperatureAboveCondition(-15, null), recipients: new RuleRecipients(owner: false, alertsTopic: true, []));

        await FeedAt(flow, 0, Reading(1, 0, temp: -10));

        Assert.Equal(0, Backend.SmsAttempts);
        Assert.Equal(Kind, AlertJson.Deserialize(Assert.Single(flow.Records("alerts")).Value).Kind);
    }

    [Fact]
    public async Task An_owner_only_rule_on_a_device_without_a_phone_writes_the_alert_to_the_topic_rather_than_drop_it()
    {
        _registry.Set(5, new Dictionary<string, string> { ["name"] = "Freezer 5" });
        var flow = Topology(new TemperatureAboveCondition(-15, null), recipients: new RuleRecipients(owner: true, alertsTopic: false, []));

        await FeedAt(flow, 0, Reading(5, 0, temp: -10));

        Assert.Equal(0, Backend.SmsAttempts);
        Assert.Equal(5, AlertJson.Deserialize(Assert.Single(flow.Records("alerts")).Value).DeviceId);
    }

    [Fact]
    public async Task A_record_that_is_not_a_reading_becomes_a_dead_letter_of_the_rule()
    {
        var flow = Topology(new TemperatureAboveCondition(-15, null));

        await flow.Feed(Encoding.UTF8.GetBytes("not json"), _nextOffset++);

        var letter = Encoding.UTF8.GetString(Assert.Single(flow.Records("deadletters")).Value);
        Assert.Contains("\"reason\":\"malformed-json\"", letter, StringComparison.Ordinal);
        Assert.Contains("\"topology\":\"freezer-warm-rule\"", letter, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _cache.DisposeAsync();
        await Backend.DisposeAsync();
        await _system.Terminate();
    }

    /// <summary>The state store and SMS provider to run against, on <see cref="Clock"/>.</summary>
    protected abstract Task<AlarmBackend> OpenBackend();

    private static Dictionary<string, string> Config(string name, string phone, string group) =>
        new() { ["name"] = name, ["owner"] = "Ana", ["phone"] = phone, ["group"] = group };

    protected static byte[] Reading(long device, int minute, double temp = -20, int batt = 75) =>
        ReadingJson.Serialize(new Reading(device, 7, Start + (minute * 60_000L), temp, batt, Start + (minute * 60_000L), $"reports/0/{device * 1_000 + minute}/0"));

    protected RunningFlow Topology(
        RuleCondition condition, DeviceFilter? devices = null, RuleRecipients? recipients = null, ISmsSender? sms = null, TopologyMetrics? metrics = null)
    {
        var rule = new RuleDefinition(condition, devices ?? DeviceFilter.All, RuleDefinition.DefaultCooldown, Kind, recipients ?? RuleRecipients.Default);
        return new RunningFlow(
            RuleTopology.Create("freezer-warm-rule", rule, Settings, _cache, Backend.State, Backend.State, sms ?? Backend.Sms, Clock, metrics ?? new TopologyMetrics()),
            _system);
    }

    /// <summary>Readings and silence checks that entered the condition stage.</summary>
    private static long ConditionIn(TopologyMetrics metrics) => metrics.Stages().Single(s => s.Name == "condition").In;

    private async Task SetActive(long device, bool active)
    {
        _registry.Set(device, Config("Freezer 1", Phone, "freezers"), state: active);
        await Backend.State.Publish(device);
        await Eventually.True(async () => (await _cache.Get(device))?.Active == active, $"the cache sees device {device} {(active ? "active" : "inactive")}");
    }

    private static List<Alert> Alerts(params RunningFlow[] flows) =>
        [.. flows.SelectMany(f => f.Records("alerts")).Select(r => AlertJson.Deserialize(r.Value))];

    protected void MoveTo(int minute) => Clock.MoveForwardTo(Start + (minute * 60_000L));

    protected async Task FeedAt(RunningFlow flow, int minute, byte[] reading)
    {
        MoveTo(minute);
        await flow.Feed(reading, _nextOffset++);
    }

    /// <summary>Offers a reading measured at this minute without waiting for it.</summary>
    protected async Task OfferAt(RunningFlow flow, int minute, byte[] reading)
    {
        MoveTo(minute);
        await flow.Offer(reading, _nextOffset++);
    }
}
