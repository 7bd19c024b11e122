using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StreamEngine.Abstractions.Notifications;
using StreamEngine.Connectors.Sms;
using StreamEngine.Connectors.Tests.Support;
using StreamEngine.Testing;

namespace StreamEngine.Connectors.Tests.Sms;

public sealed class TwilioSmsSenderSpec : IAsyncLifetime, IDisposable
{
    private static readonly SmsMessage Alarm = new("+351912345678", "Freezer 2 is too hot: 9.3 °C (limit 8.0 °C).", "alert-1");
    private readonly HttpClient _http = new();
    private TwilioStandIn _twilio = null!;

    public async Task InitializeAsync() => _twilio = await TwilioStandIn.Start();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Sends_the_form_twilio_expects_and_returns_its_message_sid()
    {
        var sender = Sender();

        var result = await sender.Send(Alarm);

        var accepted = Assert.IsType<SmsAccepted>(result);
        Assert.StartsWith("SM", accepted.ProviderId, StringComparison.Ordinal);
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal(201, request.Status);
        Assert.Equal(Alarm.To, request.Fields["To"]);
        Assert.Equal("+15005550006", request.Fields["From"]);
        Assert.Equal(Alarm.Body, request.Fields["Body"]);
        Assert.False(request.Fields.ContainsKey("MessagingServiceSid"));
    }

    [Fact]
    public async Task The_sid_twilio_returns_is_logged_with_the_alert_id_and_neither_phone_nor_text()
    {
        var logger = new RecordingLogger();
        var sender = new TwilioSmsSender(_http, Settings(), logger: logger);

        var accepted = Assert.IsType<SmsAccepted>(await sender.Send(Alarm));

        var (level, text) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, level);
        Assert.Equal($"SMS for alert {Alarm.AlertId} accepted by Twilio as {accepted.ProviderId}", text);
        Assert.DoesNotContain(Alarm.To, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_through_a_messaging_service_instead_of_a_from_number()
    {
        var sender = Sender(s => s with { Twilio = s.Twilio with { From = "", MessagingServiceSid = "MG0123456789abcdef0123456789abcdef" } });

        Assert.IsType<SmsAccepted>(await sender.Send(Alarm));

        var request = Assert.Single(_twilio.Requests);
        Assert.Equal("MG0123456789abcdef0123456789abcdef", request.Fields["MessagingServiceSid"]);
        Assert.False(request.Fields.ContainsKey("From"));
    }

    [Fact]
    public async Task Server_errors_are_retried_until_twilio_accepts_and_the_sms_is_sent_once()
    {
        _twilio.FailNext(3, 500, 20500, "Internal Server Error");

        var result = await Sender().Send(Alarm);

        Assert.IsType<SmsAccepted>(result);
        Assert.Equal([500, 500, 500, 201], _twilio.Requests.Select(r => r.Status));
        Assert.Equal(1, _twilio.Accepted);
    }

    [Fact]
    public async Task Too_many_requests_waits_as_long_as_retry_after_asks()
    {
        _twilio.FailNext(1, 429, 20429, "Too Many Requests", retryAfterSeconds: 1);
        var clock = Stopwatch.StartNew();

        var result = await Sender().Send(Alarm);

        Assert.IsType<SmsAccepted>(result);
        Assert.Equal([429, 201], _twilio.Requests.Select(r => r.Status));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}, before Retry-After's 1 s");
    }

    [Fact]
    public async Task An_invalid_to_number_is_a_permanent_failure_after_exactly_one_request()
    {
        var result = await Sender().Send(Alarm with { To = "912345678" });

        var rejected = Assert.IsType<SmsRejected>(result);
        Assert.Equal(21211, rejected.Code);
        Assert.Contains("912345678", rejected.Message, StringComparison.Ordinal);
        Assert.Single(_twilio.Requests);
    }

    [Fact]
    public async Task An_unsubscribed_recipient_is_a_permanent_failure_with_twilios_code()
    {
        _twilio.Unsubscribed[Alarm.To] = true;

        var result = await Sender().Send(Alarm);

        Assert.Equal(new SmsRejected(21610, "Attempt to send to unsubscribed recipient"), result);
        Assert.Single(_twilio.Requests);
    }

    [Fact]
    public async Task Gives_up_with_sms_unavailable_after_the_configured_attempts()
    {
        _twilio.FailNext(100, 503, 20503, "Service Unavailable");

        var error = await Assert.ThrowsAsync<SmsUnavailableException>(() => Sender(s => s with { MaxAttempts = 3 }).Send(Alarm));

        Assert.Equal(3, _twilio.Requests.Count);
        Assert.Contains("alert-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_failures_are_retried_then_reported_as_unavailable()
    {
        var closed = ClosedPort();
        var sender = Sender(s => s with { MaxAttempts = 3, Twilio = s.Twilio with { BaseUrl = new Uri($"http://127.0.0.1:{closed}") } });

        var error = await Assert.ThrowsAsync<SmsUnavailableException>(() => sender.Send(Alarm));

        Assert.Contains("after 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Wrong_credentials_fail_at_once_without_retries()
    {
        var sender = Sender(s => s with { Twilio = s.Twilio with { AuthToken = "wrong" } });

        var error = await Assert.ThrowsAsync<SmsUnavailableException>(() => sender.Send(Alarm));

        Assert.Contains("Sms:Twilio:AuthToken", error.Message, StringComparison.Ordinal);
        Assert.Single(_twilio.Requests);
    }

    [Fact]
    public async Task Concurrent_sends_go_out_no_faster_than_the_rate_limit()
    {
        var clock = new FakeTimeProvider();
        var sender = Sender(s => s with { RatePerSecond = 1, Burst = 1 }, clock);

        var sends = Enumerable.Range(0, 3).Select(i => sender.Send(Alarm with { AlertId = $"alert-{i}" })).ToList();

        await Eventually.True(() => _twilio.Requests.Count == 1, "the first SMS", TimeSpan.FromSeconds(10));
        await Task.WhenAny(sends);
        Assert.Equal(1, sends.Count(s => s.IsCompleted));
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.True(() => sends.Count(s => s.IsCompleted) == 2, "the second SMS, a second later", TimeSpan.FromSeconds(10));
        Assert.Equal(2, _twilio.Requests.Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(sends);
        Assert.Equal(3, _twilio.Accepted);
    }

    [Fact]
    public void Settings_with_both_from_and_messaging_service_are_refused()
    {
        var settings = Settings() with { Twilio = Settings().Twilio with { MessagingServiceSid = "MG1" } };

        var error = Assert.Throws<ArgumentException>(() => new TwilioSmsSender(_http, settings));

        Assert.Contains("Sms:Twilio:From", error.Message, StringComparison.Ordinal);
    }

    private TwilioSmsSender Sender(Func<SmsSettings, SmsSettings>? change = null, TimeProvider? clock = null) =>
        new(_http, (change ?? (s => s))(Settings()), clock);

    private SmsSettings Settings() => new()
    {
        Twilio = new TwilioSettings
        {
            AccountSid = TwilioStandIn.AccountSid,
            AuthToken = TwilioStandIn.AuthToken,
            From = "+15005550006",
            BaseUrl = _twilio.BaseUrl,
        },
        RatePerSecond = 1_000,
        Burst = 100,
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        RetryFor = TimeSpan.FromSeconds(20),
    };

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
