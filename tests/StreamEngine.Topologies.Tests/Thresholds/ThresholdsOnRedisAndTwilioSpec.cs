using StreamEngine.Abstractions.Alerts;
using StreamEngine.Topologies.Tests.Support;

namespace StreamEngine.Topologies.Tests.Thresholds;

/// <summary>
/// The thresholds topology on the production parts: the Redis state on a real, persistent redis-server and SMS
/// through the Twilio sender to a local HTTP server answering like Twilio.
/// </summary>
public sealed class ThresholdsOnRedisAndTwilioSpec : ThresholdsTopologyContract
{
    private RedisTwilioAlarmBackend _backend = null!;

    [Fact]
    public async Task Redis_killed_and_restarted_mid_run_delays_the_alerts_but_loses_none_and_sends_none_twice()
    {
        var flow = await StartTopology();
        var first = NextOffset;
        var minutes = TooWarmMinutes().ToList();
        foreach (var minute in minutes.Where(m => m < 70))
        {
            await FeedAt(flow, minute, Reading(1, minute, temp: 9.5));
        }

        Assert.Equal(2, Backend.Sent.Count);

        _backend.StopRedis();
        foreach (var minute in minutes.Where(m => m is >= 70 and < 140))
        {
            Clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(Start + (minute * 60_000L)));
            await flow.Offer(Reading(1, minute, temp: 9.5), NextOffset++);
        }

        _backend.StartRedisAgain();
        await flow.Drained();
        foreach (var minute in minutes.Where(m => m >= 140))
        {
            await FeedAt(flow, minute, Reading(1, minute, temp: 9.5));
        }

        // The readings queued during the outage are claimed once Redis is back, on the clock of that moment (minute 133):
        // the cooldown of minute 63 has ended, so the first of them (minute 70) alerts and takes the next hour's cooldown.
        // Had a reading been lost, a later one would alert; had a cooldown been lost, one more SMS would go out.
        Assert.Equal(["16:00", "17:03", "17:10"], Backend.Sent.Select(m => m.Body[^9..^4]));
        Assert.Equal(3, Backend.SmsAttempts);
        var alerts = flow.Records("alerts").Select(r => AlertJson.Deserialize(r.Value)).ToList();
        Assert.Equal([0, 63, 70], alerts.Select(a => (int)((a.Time - Start) / 60_000)));
        Assert.Equal(Backend.Sent.Select(m => m.Body), alerts.Select(a => a.Text));
        Assert.Equal(Enumerable.Range(first, minutes.Count).Select(o => (long)o), flow.PassedOn());
        Assert.Empty(flow.Records("deadletters"));
    }

    protected override async Task<AlarmBackend> OpenBackend()
    {
        _backend = await RedisTwilioAlarmBackend.Start(Clock);
        return _backend;
    }
}
