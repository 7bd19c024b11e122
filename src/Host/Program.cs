using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Abstractions.Storage;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Connectors.Metrics;
using StreamEngine.Connectors.Registry;
using StreamEngine.Connectors.Storage;
using StreamEngine.Host.Admin;
using StreamEngine.Host.Cluster;
using StreamEngine.Host.Cli;
using StreamEngine.Host.KairosDb;
using StreamEngine.Host.Kafka;
using StreamEngine.Host.Prometheus;
using StreamEngine.Host.Settings;
using StreamEngine.Host.Simulator;
using StreamEngine.Host.Topologies;

if (args is [SimulateCommand.Verb, ..])
{
    return await SimulateCommand.RunOnConsole(args[1..]).ConfigureAwait(false);
}

if (args is [TopologyCommand.Verb, ..])
{
    return await TopologyCommand.RunOnConsole(args[1..]).ConfigureAwait(false);
}

var builder = WebApplication.CreateBuilder(args);
if (builder.Configuration["config"] is { Length: > 0 } configFile)
{
    // A file from cluster-config/ (--config FILE); the command line still wins over it.
    builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false).AddCommandLine(args);
}

if (UnsetSettings.Find(builder.Configuration) is { Count: > 0 } unset)
{
    await Console.Error.WriteLineAsync($"streamengine stopped: {UnsetSettings.Describe(unset)}").ConfigureAwait(false);
    return 1;
}

if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    // REST, KairosDB API, dashboard and /metrics listen here unless ASPNETCORE_URLS or --urls say otherwise.
    builder.WebHost.UseUrls("http://localhost:8080");
}

builder.Services.AddSingleton(KafkaSettings.FromConfiguration(builder.Configuration));
builder.Services.AddSingleton<KafkaBackboneService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<KafkaBackboneService>());

builder.Services.AddSingleton<ITokenHasher>(_ => new TokenHasher());
builder.Services.AddSingleton<IRegistry>(sp => new SqliteRegistry(builder.Configuration, sp.GetRequiredService<ITokenHasher>()));
builder.Services.AddAdminApi(builder.Configuration);

// The raw table lives in the same SQLite file as the registry (Storage:Sqlite:Path).
builder.Services.AddSingleton<IRawStore>(_ => new SqliteRawStore(SqliteRegistry.PathFrom(builder.Configuration)));

// The metric store too; KairosDB's REST API (MapKairosDbApi) reads and writes it.
builder.Services.AddSingleton<IMetricStore>(_ => new SqliteMetricStore(SqliteRegistry.PathFrom(builder.Configuration)));

// The datapoints topology writes to it, or to a real KairosDB when Metrics:KairosDb:Url is set.
var kairosDb = builder.Configuration.GetSection("Metrics:KairosDb").Get<KairosDbSettings>() ?? new KairosDbSettings();
if (string.IsNullOrEmpty(kairosDb.Url))
{
    builder.Services.AddSingleton<IMetricWriter>(sp => sp.GetRequiredService<IMetricStore>());
}
else
{
    builder.Services.AddSingleton<IMetricWriter>(sp => new KairosDbMetricWriter(
        sp.GetRequiredService<IHttpClientFactory>().CreateClient("kairosdb"), kairosDb));
}

// The topology workers on this node, for GET /metrics and the live counts.
builder.Services.AddSingleton<RunningTopologies>();
// Legacy posts, SMS and KairosDB writes go out by the thousand per second: no log lines per request.
builder.Services.AddHttpClient();
builder.Services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
builder.Services.AddSingleton(TimeProvider.System);

// The topologies run as workers of this cluster node, deployed by the topology manager (cluster-config/topologies at first start).
builder.Services.AddSingleton<ClusterService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterService>());
builder.Services.AddSingleton<ITopologyManagerClient>(sp => sp.GetRequiredService<ClusterService>());
builder.Services.AddHostedService<LiveCounts>();
var simulator = builder.Configuration.GetSection(SimulatorSettings.SectionName).Get<SimulatorSettings>() ?? new SimulatorSettings();
if (simulator.Enabled)
{
    // Alarms a person can watch: minutes of silence and cooldown instead of the production hour, unless set.
    var shortened = SimulatorAlarmDefaults.For(builder.Configuration, simulator);
    if (shortened.Count > 0)
    {
        builder.Configuration.AddInMemoryCollection(shortened);
        Console.WriteLine(SimulatorAlarmDefaults.Describe(shortened));
    }

    builder.Services.AddSingleton(simulator);
    builder.Services.AddHostedService<GatewaySimulator>();
}

await using var app = builder.Build();
app.MapAdminApi();
app.MapTopologyApi();
app.MapKairosDbApi();
app.MapPrometheusMetrics();
try
{
    await app.RunAsync().ConfigureAwait(false);
}
catch (Exception e) when (e is not OperationCanceledException)
{
    // The host has logged it with its stack; whoever started the node gets what was wrong, and an exit code, not an abort.
    await Console.Error.WriteLineAsync($"streamengine stopped: {e.Message}").ConfigureAwait(false);
    return 1;
}

return 0;
