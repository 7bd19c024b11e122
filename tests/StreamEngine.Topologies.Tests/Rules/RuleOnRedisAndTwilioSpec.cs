using StreamEngine.Topologies.Tests.Support;

namespace StreamEngine.Topologies.Tests.Rules;

/// <summary>
/// The rule topology on the production parts: cooldowns in the Redis state on a real redis-server and SMS through
/// the Twilio sender to a local HTTP server answering like Twilio.
/// </summary>
public sealed class RuleOnRedisAndTwilioSpec : RuleTopologyContract
{
    protected override async Task<AlarmBackend> OpenBackend() => await RedisTwilioAlarmBackend.Start(Clock);
}
