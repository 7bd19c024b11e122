using StreamEngine.Abstractions.Notifications;
using StreamEngine.Abstractions.State;
using StreamEngine.Connectors.Redis;
using StreamEngine.Connectors.Sms;
using StreamEngine.Connectors.State;
using StreamEngine.Testing;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>
/// The production parts: the Redis state on a private, persistent <c>redis-server</c> (cooldowns on the spec's clock)
/// and the Twilio sender over HTTP to a local stand-in answering like Twilio. The sender retries quickly and gives up
/// after a few attempts, so that the topology's own backoff is exercised too.
/// </summary>
public sealed class RedisTwilioAlarmBackend : AlarmBackend
{
    private const string From = "+15005550006";

    private readonly RedisServer _redis;
    private readonly IAlarmState _state;
    private readonly TwilioStandIn _twilio;
    private readonly HttpClient _http;
    private readonly TwilioSmsSender _sms;

    private RedisTwilioAlarmBackend(RedisServer redis, IAlarmState state, TwilioStandIn twilio, HttpClient http, TwilioSmsSender sms)
    {
        _redis = redis;
        _state = state;
        _twilio = twilio;
        _http = http;
        _sms = sms;
    }

    public override IAlarmState State => _state;

    public override ISmsSender Sms => _sms;

    public override IReadOnlyList<SmsMessage> Sent =>
        [.. _twilio.Requests.Where(r => r.Status == 201).Select(r => new SmsMessage(r.Fields["To"], r.Fields["Body"], ""))];

    public override int SmsAttempts => _twilio.Requests.Count;

    public static async Task<RedisTwilioAlarmBackend> Start(TimeProvider clock)
    {
        var redis = RedisServer.StartPersistent();
        var state = await AlarmStates.Open(new RedisSettings { Configuration = redis.Configuration, KeyPrefix = "spec:" }, clock);
        var twilio = await TwilioStandIn.Start();
        var http = new HttpClient();
        var sms = new TwilioSmsSender(http, new SmsSettings
        {
            Twilio = new TwilioSettings
            {
                AccountSid = TwilioStandIn.AccountSid,
                AuthToken = TwilioStandIn.AuthToken,
                From = From,
                BaseUrl = twilio.BaseUrl,
            },
            RatePerSecond = 1_000,
            Burst = 100,
            MaxAttempts = 3,
            InitialBackoff = TimeSpan.FromMilliseconds(5),
            MaxBackoff = TimeSpan.FromMilliseconds(20),
        });
        return new RedisTwilioAlarmBackend(redis, state, twilio, http, sms);
    }

    public override void SmsUnavailableFor(int attempts) => _twilio.FailNext(attempts, 500, 20500, "Internal Server Error");

    public override void SmsRejectsNext(int code, string message) => _twilio.FailNext(1, 400, code, message);

    /// <summary>Kills redis-server, as a crash would; <see cref="StartRedisAgain"/> brings it back with the data it acknowledged.</summary>
    public void StopRedis() => _redis.Stop();

    public void StartRedisAgain() => _redis.StartAgain();

    public override async ValueTask DisposeAsync()
    {
        await _state.DisposeAsync();
        await _twilio.DisposeAsync();
        _http.Dispose();
        _redis.Dispose();
    }
}
