using System.Text.Json;
using Akka.Actor;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Topologies.Metrics;

namespace StreamEngine.Topologies.Tests.Metrics;

public sealed class TopologyMetricsSnapshotSpec
{
    private static readonly TopologyMetricsSnapshot Worker0 = new(
        "thresholds", 1, 100, 90,
        [new StageMetrics("parse", 100, 100, 0, 0.01, 0.2, 0.1), new StageMetrics("notify", 90, 90, 1, 3, 40, 0.7)],
        new Dictionary<string, long> { ["malformed-json"] = 2 },
        [new PartitionLag("readings", 0, 5), new PartitionLag("readings", 1, 7)]);

    private static readonly TopologyMetricsSnapshot Worker1 = new(
        "thresholds", 1, 50, 50,
        [new StageMetrics("parse", 50, 50, 2, 0.02, 0.1, 0.3), new StageMetrics("notify", 50, 49, 0, 5, 20, 0.2)],
        new Dictionary<string, long> { ["malformed-json"] = 1, ["sms-refused"] = 4 },
        [new PartitionLag("readings", 2, 0), new PartitionLag("readings", 1, 9)]);

    [Fact]
    public void Merging_workers_sums_counts_and_takes_the_worst_latency_capacity_and_lag()
    {
        var merged = TopologyMetricsSnapshot.Merge([Worker0, Worker1]);

        Assert.Equal(("thresholds", 2, 150L, 140L), (merged.Topology, merged.Workers, merged.Consumed, merged.Completed));
        Assert.Equal(
            [new StageMetrics("parse", 150, 150, 2, 0.02, 0.2, 0.3), new StageMetrics("notify", 140, 139, 1, 5, 40, 0.7)],
            merged.Stages);
        Assert.Equal(new Dictionary<string, long> { ["malformed-json"] = 3, ["sms-refused"] = 4 }, merged.DeadLettersByReason);
        Assert.Equal([new PartitionLag("readings", 0, 5), new PartitionLag("readings", 1, 9), new PartitionLag("readings", 2, 0)], merged.Lag);
    }

    [Fact]
    public void Snapshots_of_different_topologies_do_not_merge()
    {
        Assert.Throws<ArgumentException>(() => TopologyMetricsSnapshot.Merge([Worker0, Worker1 with { Topology = "alerts" }]));
    }

    [Fact]
    public async Task A_snapshot_survives_akkas_default_serializer_between_nodes()
    {
        using var system = ActorSystem.Create("snapshot-spec");
        var serializer = system.Serialization.FindSerializerFor(Worker0);

        var back = serializer.FromBinary<TopologyMetricsSnapshot>(serializer.ToBinary(Worker0));

        Assert.Equal(JsonSerializer.Serialize(Worker0), JsonSerializer.Serialize(back));
        await system.Terminate();
    }
}
