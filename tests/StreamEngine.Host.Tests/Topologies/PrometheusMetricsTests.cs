using System.Net;
using System.Text;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.Storage;
using StreamEngine.Host.Prometheus;
using StreamEngine.Host.Topologies;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Raw;

namespace StreamEngine.Host.Tests.Topologies;

public sealed class PrometheusMetricsTests : IAsyncLifetime, IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("prometheus-tests");
    private readonly RunningTopologies _running = new();
    private WebApplication? _app;
    private HttpClient? _client;

    [Fact]
    public async Task Get_metrics_answers_without_a_token_with_every_stage_of_a_running_topology()
    {
        using var registration = _running.Add(await RunRaw(), 0);

        using var response = await _client!.GetAsync(new Uri(PrometheusEndpoint.Path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("# TYPE streamengine_stage_records_in_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("streamengine_topology_records_consumed_total{topology=\"raw\",worker=\"0\"} 4\n", text, StringComparison.Ordinal);
        Assert.Contains("streamengine_stage_records_in_total{topology=\"raw\",worker=\"0\",stage=\"batch\"} 4\n", text, StringComparison.Ordinal);
        Assert.Contains("streamengine_stage_records_out_total{topology=\"raw\",worker=\"0\",stage=\"raw-store\"} ", text, StringComparison.Ordinal);
        Assert.Contains("streamengine_stage_failures_total{topology=\"raw\",worker=\"0\",stage=\"raw-store\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("streamengine_stage_latency_seconds{topology=\"raw\",worker=\"0\",stage=\"raw-store\",quantile=\"0.99\"} ", text, StringComparison.Ordinal);
        Assert.Contains("streamengine_stage_capacity{topology=\"raw\",worker=\"0\",stage=\"batch\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("streamengine_dead_letters_total{topology=\"raw\",worker=\"0\",reason=\"malformed-json\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("streamengine_consumer_lag{topology=\"raw\",worker=\"0\",topic=\"readings\",partition=\"0\"} 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_removed_from_the_registry_is_no_longer_exposed()
    {
        var registration = _running.Add(await RunRaw(), 0);
        registration.Dispose();

        var text = await _client!.GetStringAsync(new Uri(PrometheusEndpoint.Path, UriKind.Relative));

        Assert.Contains("# TYPE streamengine_consumer_lag gauge\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("topology=\"raw\"", text, StringComparison.Ordinal);
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_running);
        _app = builder.Build();
        _app.MapPrometheusMetrics();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public void Dispose() => _client?.Dispose();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await _system.Terminate();
    }

    /// <summary>The raw topology over three readings and one record that is not a reading, as the runner counts them.</summary>
    private async Task<RunningTopology> RunRaw()
    {
        var metrics = new TopologyMetrics();
        var counters = new TopologyCounters("deadletters", "alerts");
        var control = new StoppedControl([new PartitionLag("readings", 0, 3)]);
        byte[][] values = [Reading(0), Reading(1), Encoding.UTF8.GetBytes("""{"deviceId":1}"""), Reading(3)];
        var messages = values.Select((v, i) => new CommittableMessage(
            new ConsumedRecord("readings", 0, i, null, v, 0), new CommittableOffset(control, new PartitionId("readings", 0), i, 1)));
        var envelopes = await Source.From(messages)
            .Select(m =>
            {
                counters.CountConsumed();
                return m;
            })
            .Via(RawTopology.Create(new RawSettings(), new NullRawStore(), () => 0, metrics))
            .RunWith(Sink.Seq<ProducerEnvelope<CommittableOffset>>(), _system.Materializer());
        foreach (var record in envelopes.SelectMany(e => e.Records))
        {
            counters.CountWritten(record.Topic, record.Value);
        }

        return new RunningTopology("raw", control, Task.FromResult(Done.Instance), counters, metrics);
    }

    private static byte[] Reading(int i) => ReadingJson.Serialize(new Reading(100 + i, 7, 1_732_291_200_000 + i, 4.5, 75, 1_732_291_201_000, $"reports/0/{i}/0"));

    private sealed class NullRawStore : IRawStore
    {
        public Task<int> Write(IReadOnlyList<RawMessage> messages, CancellationToken cancellation = default) => Task.FromResult(messages.Count);

        public Task<long> Count(CancellationToken cancellation = default) => Task.FromResult(0L);
    }

    private sealed class StoppedControl(IReadOnlyList<PartitionLag> lag) : IConsumerControl, IOffsetCommitter
    {
        public IReadOnlyCollection<PartitionId> AssignedPartitions => [new PartitionId("readings", 0)];

        public IReadOnlyList<PartitionLag> Lag => lag;

        public Task IsShutdown => Task.CompletedTask;

        public Task StopFetching() => Task.CompletedTask;

        public Task Shutdown() => Task.CompletedTask;

        public CommitOutcome Commit(IEnumerable<CommittableOffset> offsets) => new(0, 0);
    }
}
