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
        var minutes = TooWarmMinutes().ToList();
        foreach (var minute in minutes.Where(m => m < 70))
        {
            await FeedAt(flow, minute, Reading(1, minute, temp: 9.5));
        }

        Assert.Equal(2, Backend.Sent.Count);

        _backend.StopRedis();
        var during = minutes.Where(m => m is >= 70 and < 140).ToList();
        foreach (var minute in during)
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

        // The readings queued during the outage are claimed once Redis is back, on the clock of that moment: the
        // third alert goes out for the first of them, and the cooldowns taken before the crash still hold.
        Assert.Equal(3, Backend.Sent.Select(m => m.Body).Distinct().Count());
        Assert.Equal(3, Backend.SmsAttempts);
        Assert.Equal(3, flow.Records("alerts").Count());
    }

    protected override async Task<AlarmBackend> OpenBackend()
    {
        _backend = await RedisTwilioAlarmBackend.Start(Clock);
        return _backend;
    }
}
