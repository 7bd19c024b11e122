using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StreamEngine.Bench;

/// <summary>
/// Twilio's Messages endpoint and the legacy API, on Kestrel at 127.0.0.1 in this process (or in the Kafka child
/// process, for cluster mode: <see cref="KafkaProcess"/>). The Twilio stand-in
/// answers 201 with a message sid, as Twilio does, and notes each request's arrival time and <c>To</c>; the legacy
/// stand-in reads each body, answers 200 and counts.
/// </summary>
internal sealed class HttpStandIns : IAsyncDisposable
{
    public const string AccountSid = "AC00000000000000000000000000000bench";

    private const string SmsAnswer = """{"sid":"SM00000000000000000000000000000bench","status":"queued","num_segments":"1","api_version":"2010-04-01"}""";

    private readonly WebApplication _app;
    private readonly TimeSpan _smsDelay;
    private long _legacyPosts;

    private HttpStandIns(WebApplication app, TimeSpan smsDelay)
    {
        _app = app;
        _smsDelay = smsDelay;
    }

    /// <summary>Answers "legacy-posts sms-requests", for a process that runs the stand-ins in another.</summary>
    public const string CountsPath = "/bench/counts";

    public Uri BaseUrl { get; private set; } = null!;

    public string LegacyUrl => LegacyUrlOf(BaseUrl);

    /// <summary>Every SMS request: its <c>To</c> and when it arrived, Unix milliseconds.</summary>
    public ConcurrentQueue<(string To, long AtMs)> Sms { get; } = new();

    public long LegacyPosts => Interlocked.Read(ref _legacyPosts);

    /// <param name="smsDelay">How long the Twilio stand-in takes to answer, as the real one does.</param>
    public static async Task<HttpStandIns> Start(TimeSpan smsDelay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIns = new HttpStandIns(app, smsDelay);
        app.MapPost("/2010-04-01/Accounts/{account}/Messages.json", (Func<HttpContext, Task>)standIns.Sms201);
        app.MapPost("/api/readings", (Func<HttpContext, Task>)standIns.Legacy200);
        app.MapGet(CountsPath, () => $"{standIns.LegacyPosts} {standIns.Sms.Count}");
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIns.BaseUrl = new Uri(address);
        return standIns;
    }

    /// <summary>The legacy API's address on stand-ins at <paramref name="baseUrl"/>.</summary>
    public static string LegacyUrlOf(Uri baseUrl) => new Uri(baseUrl, "/api/readings").ToString();

    /// <summary>What the stand-ins at <paramref name="baseUrl"/> (maybe in another process) received: legacy posts and SMS requests.</summary>
    public static async Task<(long LegacyPosts, long Sms)> CountsAt(Uri baseUrl)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        var counts = (await http.GetStringAsync(new Uri(CountsPath, UriKind.Relative)).ConfigureAwait(false)).Split(' ');
        return (long.Parse(counts[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(counts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Forgets what was received, before the next topology runs.</summary>
    public void Reset()
    {
        Sms.Clear();
        Interlocked.Exchange(ref _legacyPosts, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task Sms201(HttpContext context)
    {
        var arrivedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        Sms.Enqueue((form["To"].ToString(), arrivedMs));
        if (_smsDelay > TimeSpan.Zero)
        {
            await Task.Delay(_smsDelay).ConfigureAwait(false);
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(SmsAnswer).ConfigureAwait(false);
    }

    private async Task Legacy200(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
        Interlocked.Increment(ref _legacyPosts);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
