using StreamEngine.Abstractions.Alerts;
using StreamEngine.Abstractions.Deployment;
using StreamEngine.Topologies.Tests.Support;

namespace StreamEngine.Topologies.Tests.Rules;

/// <summary>
/// The rule topology on the production parts: cooldowns in the Redis state on a real redis-server and SMS through
/// the Twilio sender to a local HTTP server answering like Twilio.
/// </summary>
public sealed class RuleOnRedisAndTwilioSpec : RuleTopologyContract
{
    private RedisTwilioAlarmBackend _backend = null!;

    [Fact]
    public async Task Redis_killed_and_restarted_mid_run_delays_the_alerts_but_loses_no_window_and_sends_none_twice()
    {
        var flow = Topology(new TemperatureAboveCondition(-15, TimeSpan.FromMinutes(10)));
        await FeedAt(flow, 0, Reading(1, 0, temp: -12));
        await FeedAt(flow, 5, Reading(1, 5, temp: -12));

        // Redis dies: the window fills at minute 10, closes at 20 and opens again at 25, all waiting for it.
        _backend.StopRedis();
        foreach (var (minute, temp) in new[] { (10, -12.0), (15, -12.0), (20, -16.0), (25, -12.0) })
        {
            await OfferAt(flow, minute, Reading(1, minute, temp));
        }

        _backend.StartRedisAgain();
        await flow.Drained();
        Assert.Equal(Start + (25 * 60_000L), await Backend.State.BeyondSince("freezer-warm-rule", 1));

        // Minute 10's alert was claimed once Redis was back, at minute 25: its hour of cooldown holds until minute 85.
        for (var minute = 30; minute <= 85; minute += 5)
        {
            await FeedAt(flow, minute, Reading(1, minute, temp: -12));
        }

        Assert.Equal(["16:10", "17:25"], Backend.Sent.Select(m => m.Body[^9..^4]));
        Assert.Equal(2, Backend.SmsAttempts);
        Assert.Equal(
            ["freezer-warm-rule/reports/0/1010/0", "freezer-warm-rule/reports/0/1085/0"],
            flow.Records("alerts").Select(r => AlertJson.Deserialize(r.Value).AlertId));
        Assert.Equal(Enumerable.Range(0, 18).Select(o => (long)o), flow.PassedOn());
        Assert.Empty(flow.Records("deadletters"));
    }

    protected override async Task<AlarmBackend> OpenBackend()
    {
        _backend = await RedisTwilioAlarmBackend.Start(Clock);
        return _backend;
    }
}
