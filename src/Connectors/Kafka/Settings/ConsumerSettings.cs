using Confluent.Kafka;

namespace StreamEngine.Connectors.Kafka.Settings;

/// <summary>A committable source's consumer.</summary>
public sealed record ConsumerSettings
{
    public required string BootstrapServers { get; init; }

    public required string GroupId { get; init; }

    /// <summary>Where a group with no committed offset starts. Default earliest: nothing already in the topic is skipped.</summary>
    public AutoOffsetReset AutoOffsetReset { get; init; } = AutoOffsetReset.Earliest;

    /// <summary>Records handed from the polling thread to the stream at a time. Default 500.</summary>
    public int MaxBatchSize { get; init; } = 500;

    /// <summary>Records read ahead of the stream; above this the consumer stops polling, and pauses its partitions once the stream has been behind for a second. Default 2,000: with it and the 2 MiB read-ahead below, a node
    /// with six topologies at 15,000 readings/s peaked 30–110 MB lower than with 10,000 and 8 MiB, and ran no slower (bench/RESULTS.md, issue 6).</summary>
    public int MaxBufferedRecords { get; init; } = 2_000;

    /// <summary>How often stored offsets are committed in the background, and on revoke and close. Default 1 s.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Group session timeout. Default 10 s.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Group heartbeat interval. Default 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// What librdkafka may fetch ahead of the poll loop, in KiB (<c>queued.max.messages.kbytes</c>). Default 2,048:
    /// over 5,000 readings, a second of input for a node's topology. librdkafka's own 65,536 lets a node with six
    /// topologies hold up to 384 MiB of prefetched records while it catches up on a backlog.
    /// </summary>
    public int PrefetchKilobytes { get; init; } = 2_048;

    /// <summary>
    /// Extra librdkafka properties; they win over everything above, except that offsets are always stored by the
    /// engine and committed by librdkafka, and a message's timestamp and topic are always copied when needed.
    /// </summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    public static ConsumerSettings Create(KafkaConnection connection, string groupId) => new()
    {
        BootstrapServers = connection.BootstrapServers,
        GroupId = groupId,
        Properties = connection.Properties,
    };

    /// <param name="topicKnown">
    /// True when the consumer reads one topic named in advance: a record's topic then need not be copied out of
    /// librdkafka with each message.
    /// </param>
    internal ConsumerConfig ToConsumerConfig(bool topicKnown = false)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = GroupId,
            AutoOffsetReset = AutoOffsetReset,
            AutoCommitIntervalMs = (int)CommitInterval.TotalMilliseconds,
            SessionTimeoutMs = (int)SessionTimeout.TotalMilliseconds,
            HeartbeatIntervalMs = (int)HeartbeatInterval.TotalMilliseconds,
            // librdkafka's default of 1 s makes a full fetch queue idle the fetcher for a whole second.
            FetchQueueBackoffMs = 10,
            QueuedMaxMessagesKbytes = PrefetchKilobytes,
            EnablePartitionEof = false,
        };
        foreach (var (key, value) in Properties)
        {
            config.Set(key, value);
        }

        // Never overridable. At-least-once: offsets are stored only once every effect of a record is durable, and
        // librdkafka commits what was stored in the background, on revoke and on close. A record is made from the
        // message's timestamp and, unless the consumer reads one known topic, its topic; only those are copied per
        // message unless the properties ask for more (Confluent.Kafka otherwise allocates a headers list, and the
        // topic's name, for every message it hands out).
        config.EnableAutoOffsetStore = false;
        config.EnableAutoCommit = true;
        config.ConsumeResultFields = WithFieldsRead(config.Get(ConfigPropertyNames.Consumer.ConsumeResultFields), topicKnown);
        return config;
    }

    /// <summary>The per-message fields asked for in the properties, plus those a record is made from.</summary>
    private static string WithFieldsRead(string? asked, bool topicKnown)
    {
        var fields = (asked ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(field => field != "none")
            .ToList();
        if (fields.Contains("all"))
        {
            return "all";
        }

        return string.Join(',', fields.Union(topicKnown ? ["timestamp"] : ["timestamp", "topic"]));
    }
}
