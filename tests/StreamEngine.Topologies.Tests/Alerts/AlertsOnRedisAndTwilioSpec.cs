using StreamEngine.Topologies.Tests.Support;

namespace StreamEngine.Topologies.Tests.Alerts;

/// <summary>
/// The alerts topology on the production parts: last-seen times and the silent set in a real redis-server, SMS
/// through the Twilio sender to a local HTTP server answering like Twilio.
/// </summary>
public sealed class AlertsOnRedisAndTwilioSpec : AlertsTopologyContract
{
    protected override async Task<AlarmBackend> OpenBackend() => await RedisTwilioAlarmBackend.Start(Clock);
}
