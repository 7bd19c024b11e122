using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Topologies.Metrics;
using StreamEngine.Topologies.Tests.Support;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Topologies.Authentication;

namespace StreamEngine.Topologies.Tests.Authentication;

public sealed class AuthenticationTopologySpec : IDisposable
{
    private const long Now = 1_732_291_260_000;
    private readonly ActorSystem _system = ActorSystem.Create("authentication-spec");
    private readonly FakeHasher _hasher = new();
    private readonly NoCommits _committer = new();

    [Fact]
    public async Task Authenticated_batches_become_readings_and_every_rejection_a_dead_letter_in_report_order()
    {
        var reports = new[]
        {
            Batches(7, "gw7", (123, "d123", [(4.5, 1732291200, 75), (4.7, 1732291201.5, 74)]), (124, "d124", [(5.0, 1732291200, 60)])),
            """{"gateway":{"id":7,"auth":"gw7"},"device":{"id":123,"auth":"d123"},"reading":{"temp":15,"time":1732291200,"batt":75}}""",
            "{not json",
            Batches(8, "gw8", (123, "d123", [(4.5, 1732291200, 75)])),
            Batches(7, "wrong", (123, "d123", [(4.5, 1732291200, 75)])),
            Batches(7, "gw7", (999, "x", [(4.5, 1732291200, 75)]), (123, "wrong", [(4.5, 1732291200, 75)]), (125, "d125", [(4.5, 1732291200, 75)]), (124, "d124", [(6.0, 1732291202, 59)])),
            Batches(7, "gw7", (123, "d123", [(151.0, 1732291200, 75)])),
        };

        var envelopes = await Run(reports);

        Assert.Equal(Enumerable.Range(0, reports.Length).Select(i => (long)i), envelopes.Select(e => e.PassThrough.Offset));
        Assert.Equal(["readings", "readings", "readings"], Topics(envelopes[0]));
        var first = ReadingJson.Deserialize(envelopes[0].Records[1].Value);
        Assert.Equal(new Reading(123, 7, 1_732_291_201_500, 4.7, 74, Now, "reports/0/0/1"), first);
        Assert.Equal("123", Encoding.ASCII.GetString(envelopes[0].Records[1].Key!));
        Assert.Equal("reports/0/0/2", ReadingJson.Deserialize(envelopes[0].Records[2].Value).Source);
        Assert.Equal(["readings"], Topics(envelopes[1]));
        Assert.Equal([DeadLetterReason.MalformedJson], Reasons(envelopes[2]));
        Assert.Equal([DeadLetterReason.UnknownGateway], Reasons(envelopes[3]));
        Assert.Equal([DeadLetterReason.BadGatewayToken], Reasons(envelopes[4]));
        Assert.Equal(
            [DeadLetterReason.UnknownDevice, DeadLetterReason.BadDeviceToken, DeadLetterReason.DeviceInactive],
            Reasons(envelopes[5]));
        var last = ReadingJson.Deserialize(Assert.Single(envelopes[5].Records, r => r.Topic == "readings").Value);
        Assert.Equal("reports/0/5/3", last.Source);
        Assert.Equal([DeadLetterReason.OutOfRange], Reasons(envelopes[6]));
    }

    [Fact]
    public async Task A_dead_letter_keeps_the_source_the_topology_a_detail_and_the_payload()
    {
        var envelopes = await Run([Batches(7, "gw7", (125, "d125", [(4.5, 1732291200, 75)]))]);

        using var letter = JsonDocument.Parse(Assert.Single(envelopes[0].Records).Value);
        var root = letter.RootElement;
        Assert.Equal("reports/0/0", root.GetProperty("source").GetString());
        Assert.Equal("authentication", root.GetProperty("topology").GetString());
        Assert.Equal("device-inactive", root.GetProperty("reason").GetString());
        Assert.Contains("PUT /api/v1/admin/devices/125/state", root.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"id\":125", root.GetProperty("payload").GetString(), StringComparison.Ordinal);
        Assert.Equal(Now, root.GetProperty("at").GetInt64());
    }

    private async Task<List<ProducerEnvelope<CommittableOffset>>> Run(IReadOnlyList<string> reports)
    {
        var gateways = new Dictionary<long, StoredCredential> { [7] = new(_hasher.Hash("gw7"), true) };
        var devices = new Dictionary<long, StoredCredential>
        {
            [123] = new(_hasher.Hash("d123"), true),
            [124] = new(_hasher.Hash("d124"), true),
            [125] = new(_hasher.Hash("d125"), false),
        };
        var settings = new AuthenticationSettings();
        var flow = AuthenticationTopology.Create(
            settings,
            new CredentialCache((id, _) => Task.FromResult(gateways.GetValueOrDefault(id)), _hasher, settings.CredentialRefresh),
            new CredentialCache((id, _) => Task.FromResult(devices.GetValueOrDefault(id)), _hasher, settings.CredentialRefresh),
            () => Now,
            new TopologyMetrics());
        var messages = reports.Select((json, i) => new CommittableMessage(
            new ConsumedRecord("reports", 0, i, null, Encoding.UTF8.GetBytes(json), Now),
            new CommittableOffset(_committer, new PartitionId("reports", 0), i, 1)));
        var result = await Source.From(messages).Via(flow).RunWith(Sink.Seq<ProducerEnvelope<CommittableOffset>>(), _system.Materializer());
        return [.. result];
    }

    private static string Batches(long gateway, string auth, params (long Id, string Auth, (double Temp, double Time, int Batt)[] Readings)[] batches) =>
        JsonSerializer.Serialize(new
        {
            gateway = new { id = gateway, auth },
            batches = batches.Select(b => new
            {
                device = new { id = b.Id, auth = b.Auth },
                readings = b.Readings.Select(r => new { temp = r.Temp, time = r.Time, batt = r.Batt }),
            }),
        });

    private static string[] Topics(ProducerEnvelope<CommittableOffset> envelope) => [.. envelope.Records.Select(r => r.Topic)];

    private static string[] Reasons(ProducerEnvelope<CommittableOffset> envelope) =>
    [
        .. envelope.Records.Where(r => r.Topic == "deadletters")
            .Select(r => JsonDocument.Parse(r.Value).RootElement.GetProperty("reason").GetString()!),
    ];

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(5));

}
