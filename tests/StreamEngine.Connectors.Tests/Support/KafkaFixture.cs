using Akka.Actor;
using Akka.Streams;
using Confluent.Kafka;
using StreamEngine.Connectors.Kafka.Embedded;
using StreamEngine.Connectors.Kafka.Settings;

namespace StreamEngine.Connectors.Tests.Support;

/// <summary>One embedded 3-broker cluster and one actor system for all Kafka tests; each test makes its own topics and groups.</summary>
public sealed class KafkaFixture : IDisposable
{
    private static int _counter;

    public KafkaFixture()
    {
        Cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaSettings { Brokers = 3, Port = 0 });
        System = ActorSystem.Create("connectors-tests");
        Materializer = System.Materializer();
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public ActorSystem System { get; }

    public IMaterializer Materializer { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>A new topic with a unique name.</summary>
    public string NewTopic(string purpose, int partitions = 6)
    {
        var name = $"{purpose}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}";
        Cluster.CreateTopic(name, partitions);
        return name;
    }

    public static string NewGroup(string purpose) => $"{purpose}-{Guid.NewGuid():N}";

    /// <summary>Consumer settings tuned for the mock cluster: it completes a rebalance only after session timeout - 1 s.</summary>
    public ConsumerSettings ConsumerSettings(string group) => new()
    {
        BootstrapServers = BootstrapServers,
        GroupId = group,
        SessionTimeout = TimeSpan.FromSeconds(2),
        HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        CommitInterval = TimeSpan.FromMilliseconds(200),
    };

    public ProducerSettings ProducerSettings() => new() { BootstrapServers = BootstrapServers };

    /// <summary>Writes values "0".."count-1" (key = value) with a plain producer and waits until all are acknowledged.</summary>
    public void ProduceNumbers(string topic, int count, int start = 0)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build();
        for (var i = start; i < start + count; i++)
        {
            var value = i.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
            producer.Produce(topic, new Message<string, string> { Key = value, Value = value });
        }

        if (producer.Flush(TimeSpan.FromSeconds(60)) != 0)
        {
            throw new InvalidOperationException($"Could not write {count} records to {topic} within 60 s.");
        }
    }

    /// <summary>The group's committed offset per partition (-1001 where nothing is committed).</summary>
    public Dictionary<int, long> CommittedOffsets(string topic, string group, int partitions = 6)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = group,
        }).Build();
        var committed = consumer.Committed(
            Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10));
        return committed.ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
    }

    /// <summary>Every record of the topic from the beginning, read without a group, until <paramref name="expected"/> arrived.</summary>
    public List<ConsumeResult<string, string>> ReadAll(string topic, int expected, int partitions = 6)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = NewGroup("reader"),
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (records.Count < expected && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is not null)
            {
                records.Add(result);
            }
        }

        // Anything beyond the expected count would be a duplicate: give it a moment to show up.
        while (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { } extra)
        {
            records.Add(extra);
        }

        return records;
    }

    public void Dispose()
    {
        System.Terminate().Wait(TimeSpan.FromSeconds(10));
        Cluster.Dispose();
    }
}
