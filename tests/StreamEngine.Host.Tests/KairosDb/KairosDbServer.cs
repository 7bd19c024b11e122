using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Connectors.Metrics;
using StreamEngine.Host.KairosDb;

namespace StreamEngine.Host.Tests.KairosDb;

/// <summary>The host's KairosDB API on a real Kestrel at 127.0.0.1 on a free port, over a real SqliteMetricStore in a temp file.</summary>
public sealed class KairosDbServer : IAsyncDisposable
{
    /// <summary>What the server's clock says: 2013-02-02T01:00:00Z, an hour after <see cref="KairosDbTests.T0"/>.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(KairosDbTests.T0 + 3_600_000);

    private readonly WebApplication _app;
    private readonly SqliteMetricStore _store;
    private readonly string _directory;

    private KairosDbServer(WebApplication app, SqliteMetricStore store, string directory, Uri address)
    {
        _app = app;
        _store = store;
        _directory = directory;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IMetricStore Store => _store;

    public static async Task<KairosDbServer> Start()
    {
        var directory = Path.Combine(Path.GetTempPath(), "streamengine-kairos-" + Guid.NewGuid().ToString("N"));
        var store = new SqliteMetricStore(Path.Combine(directory, "metrics.db"));
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IMetricStore>(store);
        builder.Services.AddSingleton<TimeProvider>(new FixedClock(Now));
        var app = builder.Build();
        app.MapKairosDbApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KairosDbServer(app, store, directory, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
