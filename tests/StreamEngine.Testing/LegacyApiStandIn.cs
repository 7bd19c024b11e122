using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StreamEngine.Testing;

/// <summary>
/// The legacy API on Kestrel at 127.0.0.1 on a free port: keeps every body posted to <c>/api/readings</c>; it can be
/// told to answer 503 to the next requests, to refuse a body with 400 for good, or to hold the answer to a body until
/// <see cref="ReleaseHeld"/>.
/// </summary>
public sealed class LegacyApiStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failuresLeft;

    private LegacyApiStandIn(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<string> Received { get; } = new();

    public int Requests => Volatile.Read(ref _requests);

    public string? RefuseBodiesContaining { get; set; }

    /// <summary>Bodies containing this are answered only after <see cref="ReleaseHeld"/>.</summary>
    public string? HoldBodiesContaining { get; set; }

    public string Url { get; private set; } = "";

    private int _requests;

    public static async Task<LegacyApiStandIn> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var standIn = new LegacyApiStandIn(app);
        app.MapPost("/api/readings", standIn.Handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.Url = $"{address}/api/readings";
        return standIn;
    }

    public void FailNext(int requests) => Volatile.Write(ref _failuresLeft, requests);

    /// <summary>Answers the held requests, and every later one at once.</summary>
    public void ReleaseHeld() => _held.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> Handle(HttpRequest request)
    {
        Interlocked.Increment(ref _requests);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            return Results.Text("legacy database is restarting", statusCode: 503);
        }

        if (RefuseBodiesContaining is { } refused && body.Contains(refused, StringComparison.Ordinal))
        {
            return Results.Text("unknown device", statusCode: 400);
        }

        if (HoldBodiesContaining is { } held && body.Contains(held, StringComparison.Ordinal))
        {
            await _held.Task;
        }

        if (request.ContentType != "application/json")
        {
            return Results.Text("expected application/json", statusCode: 415);
        }

        Received.Enqueue(body);
        return Results.Ok();
    }
}
