using StreamEngine.Abstractions.Alerts;
using StreamEngine.Testing;
using StreamEngine.Topologies.Tests.Support;

namespace StreamEngine.Topologies.Tests.Alerts;

/// <summary>
/// The alerts topology on the production parts: last-seen times and the silent set in a real redis-server, SMS
/// through the Twilio sender to a local HTTP server answering like Twilio.
/// </summary>
public sealed class AlertsOnRedisAndTwilioSpec : AlertsTopologyContract
{
    private RedisTwilioAlarmBackend _backend = null!;

    [Fact]
    public async Task Redis_killed_and_restarted_mid_run_loses_no_silence_nor_restoration_and_reports_none_twice()
    {
        var flow = Topology();
        await FeedAt(flow, 1, 0);
        await FeedAt(flow, 2, 50);

        // Redis dies as device 1 passes an hour of silence and device 2 reports: both wait for it.
        _backend.StopRedis();
        await OfferAt(flow, 2, 61);
        _backend.StartRedisAgain();
        await flow.Drained();
        await Eventually.True(() => Alerts(flow, AlertKind.NoCommunication).Count == 1, "device 1 is reported silent once Redis is back");

        // Redis dies again as device 1 speaks and device 2 passes an hour of silence since its reading during the outage.
        _backend.StopRedis();
        await OfferAt(flow, 1, 121);
        MoveTo(122);
        _backend.StartRedisAgain();
        await flow.Drained();
        await Eventually.True(() => Alerts(flow, AlertKind.NoCommunication).Count == 2, "device 2 is reported silent once Redis is back");

        // Device 1 falls silent again: its report shows the loader went on after the restarts and found nothing twice.
        MoveTo(182);
        await Eventually.True(() => Alerts(flow, AlertKind.NoCommunication).Count == 3, "device 1 is reported silent again");

        Assert.Equal(
            [
                ("+351920000001", "ALERT Fridge 1 (device 1): no reading for 61 min (limit 60 min) at 2024-11-22 17:01 UTC"),
                ("+351920000001", "ALERT Fridge 1 (device 1): no reading for 61 min (limit 60 min) at 2024-11-22 19:02 UTC"),
                ("+351920000001", "OK Fridge 1 (device 1): readings again at 2024-11-22 18:01 UTC after 121 min of silence"),
                ("+351920000002", "ALERT Fridge 2 (device 2): no reading for 61 min (limit 60 min) at 2024-11-22 18:02 UTC"),
            ],
            Backend.Sent.Select(m => (m.To, m.Body)).Order());
        Assert.Equal(4, Backend.SmsAttempts);
        Assert.Equal([1L, 1L, 2L], Alerts(flow, AlertKind.NoCommunication).Select(a => a.DeviceId).Order());
        Assert.Equal(1, Assert.Single(Alerts(flow, AlertKind.CommunicationRestored)).DeviceId);
        Assert.Equal(Enumerable.Range(0, 4).Select(o => (long)o), flow.PassedOn());
        Assert.Empty(flow.Records("deadletters"));
    }

    protected override async Task<AlarmBackend> OpenBackend()
    {
        _backend = await RedisTwilioAlarmBackend.Start(Clock);
        return _backend;
    }
}
