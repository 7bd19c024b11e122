using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Abstractions.Notifications;

namespace StreamEngine.Connectors.Sms;

/// <summary>
/// Sends SMS through Twilio's REST API (<c>POST {BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>, Basic
/// auth, form fields <c>To</c>, <c>From</c> or <c>MessagingServiceSid</c>, <c>Body</c>), at most
/// <see cref="SmsSettings.RatePerSecond"/> messages per second from this sender.
/// </summary>
/// <remarks>
/// 429, 5xx, timeouts and connection failures are retried with exponential backoff and jitter (a 429's
/// <c>Retry-After</c> is honoured) within <see cref="SmsSettings.MaxAttempts"/> and <see cref="SmsSettings.RetryFor"/>;
/// then <see cref="SmsUnavailableException"/> is thrown. Other 4xx answers (21211 invalid To, 21610 unsubscribed…)
/// are not retried and come back as <see cref="SmsRejected"/> with Twilio's code and message, except 401 and 403:
/// wrong credentials would reject every message, so they throw <see cref="SmsUnavailableException"/> at once.
/// </remarks>
public sealed class TwilioSmsSender : ISmsSender
{
    private readonly HttpClient _http;
    private readonly SmsSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly TokenBucket _rate;
    private readonly Uri _messagesUrl;
    private readonly AuthenticationHeaderValue _authorization;

    public TwilioSmsSender(HttpClient http, SmsSettings settings, TimeProvider? clock = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        var twilio = settings.Twilio;
        if (string.IsNullOrWhiteSpace(twilio.AccountSid) || string.IsNullOrWhiteSpace(twilio.AuthToken))
        {
            throw new ArgumentException(
                "Sms:Twilio:AccountSid and Sms:Twilio:AuthToken must both be set to send through Twilio; leave AccountSid empty to print SMS instead.",
                nameof(settings));
        }

        if (string.IsNullOrWhiteSpace(twilio.From) == string.IsNullOrWhiteSpace(twilio.MessagingServiceSid))
        {
            throw new ArgumentException(
                "Set exactly one of Sms:Twilio:From (the sending number in E.164) and Sms:Twilio:MessagingServiceSid (MG…).",
                nameof(settings));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.MaxAttempts, "Sms:MaxAttempts");
        _http = http;
        _settings = settings;
        _clock = clock ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _rate = new TokenBucket(settings.RatePerSecond, settings.Burst, _clock);
        var baseUrl = twilio.BaseUrl.ToString().TrimEnd('/');
        _messagesUrl = new Uri($"{baseUrl}/2010-04-01/Accounts/{Uri.EscapeDataString(twilio.AccountSid)}/Messages.json");
        _authorization = new AuthenticationHeaderValue(
            "Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{twilio.AccountSid}:{twilio.AuthToken}")));
    }

    public async Task<SmsResult> Send(SmsMessage message, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var deadline = _clock.GetUtcNow() + _settings.RetryFor;
        for (var attempt = 1; ; attempt++)
        {
            await _rate.Acquire(cancellation).ConfigureAwait(false);
            var outcome = await Attempt(message, cancellation).ConfigureAwait(false);
            if (outcome.Result is { } result)
            {
                return result;
            }

            var delay = Backoff(attempt, outcome.RetryAfter);
            if (attempt >= _settings.MaxAttempts || _clock.GetUtcNow() + delay > deadline)
            {
                throw new SmsUnavailableException(
                    $"Twilio did not accept the SMS for alert {message.AlertId} after {attempt} attempts over at most {_settings.RetryFor} (last: {outcome.Failure}). Back off and retry later; check {_settings.Twilio.BaseUrl} is reachable and Twilio's status.",
                    outcome.Error);
            }

            SmsLog.Retrying(_logger, message.AlertId, attempt, outcome.Failure, delay);
            await Task.Delay(delay, _clock, cancellation).ConfigureAwait(false);
        }
    }

    private async Task<AttemptOutcome> Attempt(SmsMessage message, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _messagesUrl) { Content = Form(message) };
        request.Headers.Authorization = _authorization;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(_settings.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException error)
        {
            return AttemptOutcome.Retry($"connection failed: {error.Message}", null, error);
        }
        catch (OperationCanceledException error) when (!cancellation.IsCancellationRequested)
        {
            return AttemptOutcome.Retry($"no answer within {_settings.RequestTimeout}", null, error);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var sid = ReadString(body, "sid") ?? throw new SmsUnavailableException(
                    $"Twilio answered {status} for alert {message.AlertId} without a message sid; the body was: {Truncate(body)}. Check Sms:Twilio:BaseUrl points at Twilio's REST API.");
                SmsLog.Accepted(_logger, message.AlertId, sid);
                return AttemptOutcome.Done(new SmsAccepted(sid));
            }

            var (code, text) = ReadError(body, status);
            if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
            {
                return AttemptOutcome.Retry($"HTTP {status}, code {code}: {text}", RetryAfter(response), null);
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new SmsUnavailableException(
                    $"Twilio refused the account credentials (HTTP {status}, code {code}: {text}). Check Sms:Twilio:AccountSid and Sms:Twilio:AuthToken.");
            }

            SmsLog.Rejected(_logger, message.AlertId, code, text);
            return AttemptOutcome.Done(new SmsRejected(code, text));
        }
    }

    private FormUrlEncodedContent Form(SmsMessage message)
    {
        var twilio = _settings.Twilio;
        var fields = new List<KeyValuePair<string, string>> { new("To", message.To) };
        fields.Add(string.IsNullOrWhiteSpace(twilio.MessagingServiceSid)
            ? new("From", twilio.From)
            : new("MessagingServiceSid", twilio.MessagingServiceSid));
        fields.Add(new("Body", message.Body));
        return new FormUrlEncodedContent(fields);
    }

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var exponential = _settings.InitialBackoff * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = exponential < _settings.MaxBackoff ? exponential : _settings.MaxBackoff;

        // Equal jitter: half the backoff fixed, half random, so workers that failed together do not retry together.
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var jittered = (capped / 2) + (capped / 2 * Random.Shared.NextDouble());
#pragma warning restore CA5394
        return retryAfter is { } asked && asked > jittered ? asked : jittered;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - _clock.GetUtcNow() : null;
    }

    /// <summary>Twilio's error body: <c>{"code":21211,"message":"…","more_info":"…","status":400}</c>.</summary>
    private static (int Code, string Message) ReadError(string body, int status)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : status;
                var text = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : Truncate(body);
                return (code, text);
            }
        }
        catch (JsonException)
        {
            // Not Twilio's JSON (a proxy's HTML page, say): report the status and the start of the body.
        }

        return (status, Truncate(body));
    }

    private static string? ReadString(string body, string property)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty(property, out var value)
                && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) =>
        text.Length <= 200 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..200]}…");

    private readonly record struct AttemptOutcome(SmsResult? Result, string Failure, TimeSpan? RetryAfter, Exception? Error)
    {
        public static AttemptOutcome Done(SmsResult result) => new(result, "", null, null);

        public static AttemptOutcome Retry(string failure, TimeSpan? retryAfter, Exception? error) => new(null, failure, retryAfter, error);
    }
}
