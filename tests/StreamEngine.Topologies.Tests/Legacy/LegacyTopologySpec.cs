using System.Text;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Testing;
using StreamEngine.Topologies.Legacy;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Tests.Support;

namespace StreamEngine.Topologies.Tests.Legacy;

public sealed class LegacyTopologySpec : IAsyncLifetime
{
    private const long Start = 1_732_291_200_000;

    private readonly ActorSystem _system = ActorSystem.Create("legacy-spec");
    private readonly HttpClient _http = new();
    private LegacyApiStandIn _api = null!;

    public async Task InitializeAsync() => _api = await LegacyApiStandIn.Start();

    [Fact]
    public async Task Every_reading_arrives_in_the_legacy_gateway_format()
    {
        var readings = Enumerable.Range(0, 200).Select(i => new Reading(100 + (i % 5), 7, Start + (i * 1000L), 4.5 + i, 75, Start, $"reports/0/{i}/0")).ToList();

        var passed = await Run(readings.Select(ReadingJson.Serialize), Settings());

        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), passed.Select(e => e.PassThrough.Offset));
        Assert.All(passed, e => Assert.Empty(e.Records));
        Assert.Equal(
            readings.Select(r => $"{{\"device\":{{\"id\":{r.DeviceId},\"auth\":{789 + r.DeviceId}}},\"reading\":{{\"temp\":{r.Temp:0.0##},\"time\":{r.Time / 1000},\"batt\":75}}}}").Order(),
            _api.Received.Order());
    }

    [Fact]
    public async Task A_reading_with_a_fractional_second_keeps_it()
    {
        await Run([ReadingJson.Serialize(new Reading(1, 7, Start + 250, 4, 50, Start, "reports/0/1/0"))], Settings());

        Assert.Equal("""{"device":{"id":1,"auth":790},"reading":{"temp":4,"time":1732291200.25,"batt":50}}""", Assert.Single(_api.Received));
    }

    [Fact]
    public async Task A_server_failing_for_a_while_delays_the_readings_but_loses_none()
    {
        _api.FailNext(30);
        var readings = Enumerable.Range(0, 50).Select(i => new Reading(i, 7, Start + (i * 1000L), 3, 60, Start, $"reports/0/{i}/0")).ToList();

        var passed = await Run(readings.Select(ReadingJson.Serialize), Settings() with { MaxRetries = 40 });

        Assert.True(_api.Requests >= 80);
        Assert.Equal(50, passed.Count);
        Assert.All(passed, e => Assert.Empty(e.Records));
        Assert.Equal(50, _api.Received.Count);
        Assert.Equal(Enumerable.Range(0, 50), _api.Received.Select(b => int.Parse(b[(b.IndexOf(':', 12) + 1)..b.IndexOf(',', 12)], System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public async Task A_post_the_server_is_slow_to_answer_holds_back_no_later_post_and_the_offsets_still_come_out_in_order()
    {
        _api.HoldBodiesContaining = "\"id\":0,";
        var readings = Enumerable.Range(0, 50).Select(i => new Reading(i, 7, Start + (i * 1000L), 3, 60, Start, $"reports/0/{i}/0"));

        var run = Run(readings.Select(ReadingJson.Serialize), Settings());
        await Eventually.True(() => _api.Received.Count == 49, "every later reading was posted while the first waited for its answer");
        Assert.False(run.IsCompleted);
        _api.ReleaseHeld();
        var passed = await run;

        Assert.Equal(50, _api.Received.Count);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), passed.Select(e => e.PassThrough.Offset));
    }

    [Fact]
    public async Task A_reading_the_server_refuses_becomes_a_dead_letter_with_status_and_body_at_once()
    {
        _api.RefuseBodiesContaining = "\"id\":666";

        var passed = await Run([ReadingJson.Serialize(new Reading(666, 7, Start, 3, 60, Start, "reports/0/1/0"))], Settings());

        Assert.Equal(1, _api.Requests);
        var letter = Encoding.UTF8.GetString(Assert.Single(Assert.Single(passed).Records).Value);
        Assert.Contains("\"reason\":\"legacy-failed\"", letter, StringComparison.Ordinal);
        Assert.Contains("status 400", letter, StringComparison.Ordinal);
        Assert.Contains("unknown device", letter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_failing_longer_than_the_retries_gives_a_dead_letter_after_the_last_one()
    {
        _api.FailNext(1_000);

        var passed = await Run([ReadingJson.Serialize(new Reading(5, 7, Start, 3, 60, Start, "reports/0/1/0"))], Settings() with { MaxRetries = 3 });

        Assert.Equal(4, _api.Requests);
        var letter = Encoding.UTF8.GetString(Assert.Single(Assert.Single(passed).Records).Value);
        Assert.Contains("status 503", letter, StringComparison.Ordinal);
        Assert.Contains("legacy database is restarting", letter, StringComparison.Ordinal);
        Assert.Contains("\\u0022id\\u0022:5", letter, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_url_is_refused_with_what_to_set()
    {
        var error = Assert.Throws<ArgumentException>(() => LegacyTopology.Create(new LegacySettings(), _http, _ => null, TimeProvider.System, new TopologyMetrics()));
        Assert.Contains("Legacy:Url", error.Message, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _http.Dispose();
        await _system.Terminate();
    }

    private LegacySettings Settings() => new()
    {
        Url = _api.Url,
        Parallelism = 4,
        RetryFirstBackoff = TimeSpan.FromMilliseconds(5),
        RetryMaxBackoff = TimeSpan.FromMilliseconds(20),
    };

    private async Task<IReadOnlyList<ProducerEnvelope<CommittableOffset>>> Run(IEnumerable<byte[]> values, LegacySettings settings)
    {
        var committer = new NoCommits();
        var messages = values.Select((v, i) => new CommittableMessage(
            new ConsumedRecord("readings", 0, i, null, v, 0), new CommittableOffset(committer, new PartitionId("readings", 0), i, 1)));
        return await Source.From(messages)
            .Via(LegacyTopology.Create(settings, _http, id => (789 + id).ToString(System.Globalization.CultureInfo.InvariantCulture), TimeProvider.System, new TopologyMetrics()))
            .RunWith(Sink.Seq<ProducerEnvelope<CommittableOffset>>(), _system.Materializer())
            .WaitAsync(TimeSpan.FromSeconds(30));
    }
}
