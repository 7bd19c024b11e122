using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StreamEngine.Testing;

/// <summary>
/// A local stand-in for Twilio's Messages endpoint on 127.0.0.1: checks Basic auth, the account in the path, an E.164
/// <c>To</c>, exactly one of <c>From</c> and <c>MessagingServiceSid</c>, and a <c>Body</c>, and answers as Twilio does
/// (201 with an <c>SM…</c> sid, or Twilio's error JSON). Failures can be scripted to answer the next requests.
/// </summary>
public sealed partial class TwilioStandIn : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "secret-token";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedFailure> _script = new();

    private TwilioStandIn(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Every request that reached the endpoint, in arrival order.</summary>
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>Numbers that unsubscribed: sending to them is refused with 21610.</summary>
    public ConcurrentDictionary<string, bool> Unsubscribed { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Messages accepted (answered 201).</summary>
    public int Accepted => Requests.Count(r => r.Status == 201);

    public static async Task<TwilioStandIn> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new TwilioStandIn(app);
        app.MapPost("/2010-04-01/Accounts/{account}/Messages.json", (Func<HttpContext, string, Task>)standIn.Handle);
        await app.StartAsync();
        standIn.BaseUrl = new Uri(app.Urls.Single());
        return standIn;
    }

    /// <summary>The next <paramref name="count"/> requests get this status and Twilio error code instead of being checked.</summary>
    public void FailNext(int count, int status, int code, string message, int? retryAfterSeconds = null)
    {
        for (var i = 0; i < count; i++)
        {
            _script.Enqueue(new ScriptedFailure(status, code, message, retryAfterSeconds));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Handle(HttpContext context, string account)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        var fields = form?.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal) ?? [];
        var (status, body, retryAfter) = Answer(context.Request.Headers.Authorization.ToString(), account, fields);
        Requests.Enqueue(new ReceivedRequest(fields, status));
        context.Response.StatusCode = status;
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    private (int Status, string Body, int? RetryAfter) Answer(string authorization, string account, Dictionary<string, string> fields)
    {
        if (_script.TryDequeue(out var failure))
        {
            return (failure.Status, Error(failure.Code, failure.Message, failure.Status), failure.RetryAfterSeconds);
        }

        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || header.Scheme != "Basic"
            || Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? "")) != $"{AccountSid}:{AuthToken}")
        {
            return (401, Error(20003, "Authentication Error - invalid username", 401), null);
        }

        if (account != AccountSid)
        {
            return (404, Error(20404, $"The requested resource /2010-04-01/Accounts/{account}/Messages.json was not found", 404), null);
        }

        var to = fields.GetValueOrDefault("To");
        var hasFrom = !string.IsNullOrEmpty(fields.GetValueOrDefault("From"));
        var hasService = !string.IsNullOrEmpty(fields.GetValueOrDefault("MessagingServiceSid"));
        if (string.IsNullOrEmpty(to))
        {
            return (400, Error(21604, "A 'To' phone number is required.", 400), null);
        }

        if (!E164().IsMatch(to))
        {
            return (400, Error(21211, $"Invalid 'To' Phone Number: {to}", 400), null);
        }

        if (hasFrom == hasService)
        {
            return (400, Error(21603, "Exactly one of 'From' and 'MessagingServiceSid' is required.", 400), null);
        }

        if (string.IsNullOrEmpty(fields.GetValueOrDefault("Body")))
        {
            return (400, Error(21602, "Message body is required.", 400), null);
        }

        if (Unsubscribed.ContainsKey(to))
        {
            return (400, Error(21610, "Attempt to send to unsubscribed recipient", 400), null);
        }

        var sid = $"SM{Guid.NewGuid():N}";
        var json = $$"""
            {"sid":"{{sid}}","account_sid":"{{AccountSid}}","to":"{{to}}","status":"queued","num_segments":"1","api_version":"2010-04-01","error_code":null,"error_message":null}
            """;
        return (201, json, null);
    }

    private static string Error(int code, string message, int status) =>
        $$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}""";

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex E164();

    private sealed record ScriptedFailure(int Status, int Code, string Message, int? RetryAfterSeconds);
}
