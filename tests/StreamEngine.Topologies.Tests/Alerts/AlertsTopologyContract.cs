using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using StreamEngine.Abstractions.Alerts;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.State;
using StreamEngine.Connectors.State;
using StreamEngine.Testing;
using StreamEngine.Topologies.Alarms;
using StreamEngine.Topologies.Alerts;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Tests.Support;

namespace StreamEngine.Topologies.Tests.Alerts;

/// <summary>
/// What the alerts topology must do, run against the embedded default (<see cref="AlertsTopologySpec"/>) and against
/// a real redis-server and Twilio-shaped HTTP server (<see cref="AlertsOnRedisAndTwilioSpec"/>).
/// </summary>
public abstract class AlertsTopologyContract : IAsyncLifetime
{
    protected const long Start = 1_732_291_200_000; // 2024-11-22 16:00 UTC

    protected static readonly AlertsSettings Settings = new()
    {
        LoaderInterval = TimeSpan.FromMilliseconds(20),
        RetryFirstBackoff = TimeSpan.FromMilliseconds(5),
        RetryMaxBackoff = TimeSpan.FromMilliseconds(20),
    };

    private readonly ActorSystem _system = ActorSystem.Create("alerts-spec");
    private readonly MemoryRegistry _registry = new();
    private DeviceConfigCache _cache = null!;
    private int _offset;

    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(Start));

    protected AlarmBackend Backend { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await OpenBackend();
        foreach (var id in new long[] { 1, 2 })
        {
            _registry.Set(id, new Dictionary<string, string> { ["name"] = $"Fridge {id}", ["owner"] = "Rui", ["phone"] = $"+35192000000{id}" });
        }

        _cache = await DeviceConfigCache.Start(_registry.FindDevice, Backend.State, Settings.ConfigRefresh, 20, Clock);
    }

    [Fact]
    public async Task A_device_silent_for_over_an_hour_gets_one_no_communication_and_its_next_reading_one_communication_restored()
    {
        var flow = Topology();
        await FeedAt(flow, 1, 0);

        MoveTo(61);
        await Eventually.True(() => Alerts(flow, AlertKind.NoCommunication).Count == 1, "device 1 is reported silent");

        // Device 2 falls silent later: its report shows the loader ticked again, and device 1 was not reported twice.
        await FeedAt(flow, 2, 70);
        MoveTo(131);
        await Eventually.True(() => Alerts(flow, AlertKind.NoCommunication).Count == 2, "device 2 is reported silent");
        Assert.Single(Alerts(flow, AlertKind.NoCommunication), a => a.DeviceId == 1);

        await FeedAt(flow, 1, 132);
        await FeedAt(flow, 1, 132);
        await FeedAt(flow, 1, 133);

        var restored = Assert.Single(Alerts(flow, AlertKind.CommunicationRestored));
        Assert.Equal((1L, 132.0, Start + (132 * 60_000L)), (restored.DeviceId, restored.Value!.Value, restored.Time));
        var silent = Alerts(flow, AlertKind.NoCommunication).Single(a => a.DeviceId == 1);
        Assert.Equal((61.0, 60.0), (silent.Value!.Value, silent.Limit!.Value));
        Assert.Equal(
            [
                ("+351920000001", "ALERT Fridge 1 (device 1): no reading for 61 min (limit 60 min) at 2024-11-22 17:01 UTC"),
                ("+351920000002", "ALERT Fridge 2 (device 2): no reading for 61 min (limit 60 min) at 2024-11-22 18:11 UTC"),
                ("+351920000001", "OK Fridge 1 (device 1): readings again at 2024-11-22 18:12 UTC after 132 min of silence"),
            ],
            Backend.Sent.Select(m => (m.To, m.Body)));
    }

    [Fact]
    public async Task A_worker_that_died_between_marking_a_silence_and_its_sms_leaves_the_silence_to_the_next_loader_once_the_mark_lapses()
    {
        // The process dies while device 1's no-communication SMS is under way: marked silent, not yet at the provider.
        var dying = new GatedSms(Backend.Sms, _ => true);
        var itsState = new HeldActivity(Backend.State);
        var first = new RunningFlow(AlertsTopology.Create(Settings, _cache, itsState, dying, Clock, new TopologyMetrics()), _system);
        await FeedAt(first, 1, 0);
        MoveTo(61);
        await Eventually.True(() => dying.Waiting == 1, "device 1's silence marked and its SMS under way");
        await first.Abort();
        itsState.Sever();

        // The next instance's loader leaves the mark alone while its worker might still be sending, then reports it.
        var metrics = new TopologyMetrics();
        var second = Topology(metrics: metrics);
        var ticks = LoaderTicks(metrics);
        await Eventually.True(() => LoaderTicks(metrics) >= ticks + 3, "the loader ticking within the mark's lease");
        Assert.Empty(Alerts(second, AlertKind.NoCommunication));
        MoveTo(61 + (int)IDeviceActivity.UnconfirmedMarkLease.TotalMinutes + 1);
        await Eventually.True(() => Alerts(second, AlertKind.NoCommunication).Count == 1, "device 1 reported silent by the next instance");

        // Reported once, and confirmed: later ticks do not report it again; its next reading ends the silence.
        ticks = LoaderTicks(metrics);
        await Eventually.True(() => LoaderTicks(metrics) >= ticks + 3, "the loader ticking after the report");
        await FeedAt(second, 1, 80);
        Assert.Equal(
            [
                ("+351920000001", "ALERT Fridge 1 (device 1): no reading for 72 min (limit 60 min) at 2024-11-22 17:12 UTC"),
                ("+351920000001", "OK Fridge 1 (device 1): readings again at 2024-11-22 17:20 UTC after 80 min of silence"),
            ],
            Backend.Sent.Select(m => (m.To, m.Body)));
    }

    [Fact]
    public async Task A_worker_that_died_between_a_reading_ending_a_silence_and_its_sms_leaves_it_to_the_replay_of_that_reading()
    {
        // Device 1 is reported silent; the process dies while the SMS of the reading that ends the silence is under way.
        var dying = new GatedSms(Backend.Sms, m => m.Body.StartsWith("OK", StringComparison.Ordinal));
        var itsState = new HeldActivity(Backend.State);
        var first = new RunningFlow(AlertsTopology.Create(Settings, _cache, itsState, dying, Clock, new TopologyMetrics()), _system);
        await FeedAt(first, 1, 0);
        MoveTo(61);
        await Eventually.True(() => Alerts(first, AlertKind.NoCommunication).Count == 1, "device 1 is reported silent");
        var uncommitted = _offset;
        await OfferAt(first, 1, 132);
        await Eventually.True(() => dying.Waiting == 1, "the reading recorded and its SMS under way");
        await first.Abort();
        itsState.Sever();

        // The next instance reads on from the last passed-on offset: the same reading raises the restoration, once.
        var second = Topology();
        await second.Feed(Reading(1, 132), uncommitted);
        var third = Topology();
        await third.Feed(Reading(1, 132), uncommitted);

        var restored = Assert.Single(Alerts(second, AlertKind.CommunicationRestored));
        Assert.Equal($"{AlertKind.CommunicationRestored}/reports/0/1132/0", restored.AlertId);
        Assert.Empty(Alerts(third, AlertKind.CommunicationRestored));
        Assert.Equal(
            [
                ("+351920000001", "ALERT Fridge 1 (device 1): no reading for 61 min (limit 60 min) at 2024-11-22 17:01 UTC"),
                ("+351920000001", "OK Fridge 1 (device 1): readings again at 2024-11-22 18:12 UTC after 132 min of silence"),
            ],
            Backend.Sent.Select(m => (m.To, m.Body)));
    }

    [Fact]
    public async Task A_silence_whose_sms_waits_longer_than_the_marks_lease_is_still_reported_once_by_its_live_worker()
    {
        var held = new GatedSms(Backend.Sms, _ => true);
        var metrics = new TopologyMetrics();
        var flow = new RunningFlow(AlertsTopology.Create(Settings, _cache, Backend.State, held, Clock, metrics), _system);
        await FeedAt(flow, 1, 0);
        MoveTo(61);
        await Eventually.True(() => held.Waiting == 1, "device 1's silence marked and its SMS waiting for the provider");

        // The provider stays down for three leases; the loader ticks all along, five minutes of clock apart.
        for (var minute = 66; minute <= 61 + (3 * (int)IDeviceActivity.UnconfirmedMarkLease.TotalMinutes); minute += 5)
        {
            MoveTo(minute);
            var ticks = LoaderTicks(metrics);
            await Eventually.True(() => LoaderTicks(metrics) >= ticks + 2, $"the loader ticking at minute {minute}");
        }

        Assert.Equal(1, held.Waiting);
        held.Release();
        await Eventually.True(() => Alerts(flow, AlertKind.NoCommunication).Count == 1, "device 1 reported silent");
        var after = LoaderTicks(metrics);
        await Eventually.True(() => LoaderTicks(metrics) >= after + 3, "the loader ticking after the report");
        Assert.Single(Alerts(flow, AlertKind.NoCommunication));
        Assert.Single(Backend.Sent);
    }

    [Fact]
    public async Task A_device_that_keeps_reporting_is_never_reported_silent()
    {
        var flow = Topology();
        await FeedAt(flow, 2, 0);

        for (var minute = 0; minute <= 180; minute += 20)
        {
            await FeedAt(flow, 1, minute);
        }

        // Device 2, silent all along, is reported: the loader ticked while device 1 kept reporting.
        await Eventually.True(() => Alerts(flow, AlertKind.NoCommunication).Count == 1, "device 2 is reported silent");
        Assert.Equal(2, Assert.Single(Alerts(flow, AlertKind.NoCommunication)).DeviceId);
        Assert.Empty(Alerts(flow, AlertKind.CommunicationRestored));
    }

    [Fact]
    public async Task A_reading_after_a_silence_the_loader_never_saw_raises_communication_restored_once()
    {
        var flow = Topology(Settings with { LoaderInterval = TimeSpan.FromHours(1) });
        await FeedAt(flow, 1, 0);

        await FeedAt(flow, 1, 90);
        await flow.Feed(Reading(1, 90), _offset++);

        var restored = Assert.Single(Alerts(flow, AlertKind.CommunicationRestored));
        Assert.Equal(90.0, restored.Value);
        Assert.Empty(Alerts(flow, AlertKind.NoCommunication));
    }

    [Fact]
    public async Task A_reading_within_the_resolution_of_the_last_recorded_time_is_not_recorded_again_and_a_later_one_is()
    {
        var flow = Topology(Settings with { SeenResolution = TimeSpan.FromSeconds(10) });
        var at = Start + (5 * 60_000L);
        Clock.MoveForwardTo(at);

        foreach (var second in new[] { 0, 4, 10 })
        {
            await flow.Feed(ReadingAt(1, at + (second * 1_000L)), _offset++);
        }

        Assert.Equal(at, (await Backend.State.LastSeen([1]))[1]);

        await flow.Feed(ReadingAt(1, at + 11_000), _offset++);
        Assert.Equal(at + 11_000, (await Backend.State.LastSeen([1]))[1]);
        Assert.Empty(flow.Records("alerts"));
    }

    [Fact]
    public async Task The_resolution_is_at_most_a_tenth_of_the_silence_so_a_short_silence_is_not_found_early()
    {
        var flow = Topology(Settings with { Silence = TimeSpan.FromSeconds(60), SeenResolution = TimeSpan.FromSeconds(10) });
        var at = Start + (5 * 60_000L);
        Clock.MoveForwardTo(at);

        await flow.Feed(ReadingAt(1, at), _offset++);
        await flow.Feed(ReadingAt(1, at + 7_000), _offset++);

        Assert.Equal(at + 7_000, (await Backend.State.LastSeen([1]))[1]);
    }

    [Fact]
    public async Task A_resolution_of_zero_records_every_newer_reading()
    {
        var flow = Topology(Settings with { SeenResolution = TimeSpan.Zero });
        var at = Start + (5 * 60_000L);
        Clock.MoveForwardTo(at);

        await flow.Feed(ReadingAt(1, at), _offset++);
        await flow.Feed(ReadingAt(1, at + 1_000), _offset++);

        Assert.Equal(at + 1_000, (await Backend.State.LastSeen([1]))[1]);
    }

    [Fact]
    public async Task A_gateway_backlog_of_readings_less_than_an_hour_apart_raises_nothing_when_no_silence_was_reported_before_it()
    {
        // The loader finds no silence meanwhile (the topology was down during the gateway's outage, say).
        var activity = new HeldActivity(Backend.State);
        var metrics = new TopologyMetrics();
        var flow = Topology(Settings with { LoaderInterval = TimeSpan.FromHours(1) }, activity, metrics);
        await FeedAt(flow, 1, 0);

        MoveTo(125);
        await DeliverBacklog(flow, activity, metrics, BacklogMinutes());

        // Every reading came 10 min after the one before it: the device never was silent, whatever the gateway did.
        Assert.Empty(flow.Records("alerts"));
        Assert.Empty(Backend.Sent);
        Assert.Equal(Start + (120 * 60_000L), (await Backend.State.LastSeen([1]))[1]);
    }

    [Fact]
    public async Task A_gateway_backlog_after_a_reported_silence_raises_one_communication_restored_for_its_first_reading_within_the_hour()
    {
        var activity = new HeldActivity(Backend.State);
        var metrics = new TopologyMetrics();
        var flow = Topology(Settings, activity, metrics);
        await FeedAt(flow, 1, 0);

        // The gateway goes offline: with nothing from device 1 for an hour, the loader reports it silent.
        MoveTo(61);
        await Eventually.True(() => Alerts(flow, AlertKind.NoCommunication).Count == 1, "device 1 is reported silent");

        MoveTo(125);
        await DeliverBacklog(flow, activity, metrics, BacklogMinutes());

        await ExpectOneRestorationAtMinute70AndTheNextSilenceAnHourAfterTheNewestReading(flow);
    }

    [Fact]
    public async Task A_gateway_backlog_after_a_reported_silence_coming_reading_by_reading_neither_ends_it_early_nor_has_it_reported_twice()
    {
        var flow = Topology();
        await FeedAt(flow, 1, 0);
        MoveTo(61);
        await Eventually.True(() => Alerts(flow, AlertKind.NoCommunication).Count == 1, "device 1 is reported silent");

        // The backlog comes one reading at a time, the loader looking in between.
        MoveTo(125);
        for (var minute = 10; minute <= 120; minute += 10)
        {
            await FeedAt(flow, 1, minute);
        }

        await ExpectOneRestorationAtMinute70AndTheNextSilenceAnHourAfterTheNewestReading(flow);
    }

    public async Task DisposeAsync()
    {
        await _cache.DisposeAsync();
        await Backend.DisposeAsync();
        await _system.Terminate();
    }

    /// <summary>The state store and SMS provider to run against, on <see cref="Clock"/>.</summary>
    protected abstract Task<AlarmBackend> OpenBackend();

    protected static byte[] Reading(long device, int minute) =>
        ReadingJson.Serialize(new Reading(device, 7, Start + (minute * 60_000L), 4, 80, Start + (minute * 60_000L), $"reports/0/{(device * 1_000) + minute}/0"));

    private static byte[] ReadingAt(long device, long timeMs) =>
        ReadingJson.Serialize(new Reading(device, 7, timeMs, 4, 80, timeMs, $"reports/1/{timeMs}/{device}"));

    /// <summary>What device 1's gateway kept through two hours offline: a reading every 10 min, every two swapped.</summary>
    private static IEnumerable<int> BacklogMinutes() => Enumerable.Range(0, 6).SelectMany(i => new[] { (20 * i) + 20, (20 * i) + 10 });

    protected static List<Alert> Alerts(RunningFlow flow, string kind) =>
        [.. flow.Records("alerts").Select(r => AlertJson.Deserialize(r.Value)).Where(a => a.Kind == kind)];

    protected RunningFlow Topology(AlertsSettings? settings = null, IDeviceActivity? activity = null, TopologyMetrics? metrics = null) =>
        new(AlertsTopology.Create(settings ?? Settings, _cache, activity ?? Backend.State, Backend.Sms, Clock, metrics ?? new TopologyMetrics()), _system);

    protected void MoveTo(int minute) => Clock.MoveForwardTo(Start + (minute * 60_000L));

    protected async Task FeedAt(RunningFlow flow, long device, int minute)
    {
        MoveTo(minute);
        await flow.Feed(Reading(device, minute), _offset++);
    }

    /// <summary>Offers device's reading of this minute, measured now, without waiting for it.</summary>
    protected async Task OfferAt(RunningFlow flow, long device, int minute)
    {
        MoveTo(minute);
        await flow.Offer(Reading(device, minute), _offset++);
    }

    /// <summary>
    /// Device 1's readings of these minutes arriving at once: they reach the state store in one batch, behind a reading
    /// of device 2 whose write is held until they all have entered the time stage.
    /// </summary>
    private async Task DeliverBacklog(RunningFlow flow, HeldActivity activity, TopologyMetrics metrics, IEnumerable<int> minutes)
    {
        activity.HoldNextRecord();
        await flow.Offer(ReadingAt(2, Clock.GetUtcNow().ToUnixTimeMilliseconds()), _offset++);
        await Eventually.True(() => activity.Holding == 1, "the write of device 2's reading is held");
        var before = TimeStageIn(metrics);
        var backlog = minutes.ToList();
        foreach (var minute in backlog)
        {
            await flow.Offer(Reading(1, minute), _offset++);
        }

        await Eventually.True(() => TimeStageIn(metrics) == before + backlog.Count, "the whole backlog waits in the time stage");
        activity.Release();
        await flow.Drained();
    }

    /// <summary>
    /// After device 1's backlog of minutes 10 to 120 came at minute 125: its readings measured more than an hour ago (up
    /// to minute 60) left it silent, minute 70's ended the silence; it is silent again an hour after minute 120 (the
    /// newest reading's time, not the backlog's arrival), and nothing was reported twice.
    /// </summary>
    private async Task ExpectOneRestorationAtMinute70AndTheNextSilenceAnHourAfterTheNewestReading(RunningFlow flow)
    {
        Assert.Equal(Start + (120 * 60_000L), (await Backend.State.LastSeen([1]))[1]);
        MoveTo(181);
        await Eventually.True(() => Alerts(flow, AlertKind.NoCommunication).Count == 2, "device 1 is reported silent again");
        var restored = Assert.Single(Alerts(flow, AlertKind.CommunicationRestored));
        Assert.Equal((1L, 10.0, Start + (70 * 60_000L)), (restored.DeviceId, restored.Value!.Value, restored.Time));
        Assert.Equal(
            [
                ("+351920000001", "ALERT Fridge 1 (device 1): no reading for 61 min (limit 60 min) at 2024-11-22 17:01 UTC"),
                ("+351920000001", "OK Fridge 1 (device 1): readings again at 2024-11-22 17:10 UTC after 10 min of silence"),
                ("+351920000001", "ALERT Fridge 1 (device 1): no reading for 61 min (limit 60 min) at 2024-11-22 19:01 UTC"),
            ],
            Backend.Sent.Select(m => (m.To, m.Body)));
    }

    private static long LoaderTicks(TopologyMetrics metrics) => metrics.Stages().Single(s => s.Name == "loader").In;

    private static long TimeStageIn(TopologyMetrics metrics) => metrics.Stages().Single(s => s.Name == "time").In;
}
