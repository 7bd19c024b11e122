using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using StreamEngine.Connectors.Kafka.Settings;

namespace StreamEngine.Connectors.Tests.Kafka.Settings;

public sealed class KafkaSettingsSpec
{
    [Fact]
    public void No_configuration_means_the_embedded_three_broker_cluster_on_port_9092_with_six_partitions()
    {
        var settings = KafkaSettings.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.True(settings.UsesEmbeddedCluster);
        Assert.Equal(3, settings.Embedded.Brokers);
        Assert.Equal(9092, settings.Embedded.Port);
        Assert.Equal(6, settings.Topics.Partitions);
        Assert.Empty(settings.Properties);
    }

    [Fact]
    public void Every_key_of_the_Kafka_section_is_read_and_client_properties_pass_through()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "kafka-1:9092,kafka-2:9092",
            ["Kafka:Embedded:Brokers"] = "1",
            ["Kafka:Embedded:Port"] = "19092",
            ["Kafka:Topics:Partitions"] = "32",
            ["Kafka:Properties:security.protocol"] = "SASL_SSL",
            ["Kafka:Properties:sasl.mechanism"] = "PLAIN",
        }).Build();

        var settings = KafkaSettings.FromConfiguration(configuration);

        Assert.False(settings.UsesEmbeddedCluster);
        Assert.Equal("kafka-1:9092,kafka-2:9092", settings.BootstrapServers);
        Assert.Equal(1, settings.Embedded.Brokers);
        Assert.Equal(19092, settings.Embedded.Port);
        Assert.Equal(32, settings.Topics.Partitions);
        Assert.Equal("SASL_SSL", settings.Properties["security.protocol"]);
        Assert.Equal("PLAIN", settings.Properties["sasl.mechanism"]);
    }

    [Fact]
    public void The_producer_always_waits_for_all_replicas_and_is_idempotent_whatever_the_properties_say()
    {
        var settings = new ProducerSettings
        {
            BootstrapServers = "b:9092",
            Properties = new Dictionary<string, string> { ["acks"] = "1", ["enable.idempotence"] = "false", ["linger.ms"] = "20" },
        };

        var config = settings.ToProducerConfig();

        Assert.Equal(Acks.All, config.Acks);
        Assert.True(config.EnableIdempotence);
        Assert.Equal(20, config.LingerMs);
    }

    [Fact]
    public void The_consumer_stores_offsets_only_when_told_and_never_idles_a_full_fetch_queue_for_a_second()
    {
        var config = new ConsumerSettings { BootstrapServers = "b:9092", GroupId = "g" }.ToConsumerConfig();

        Assert.False(config.EnableAutoOffsetStore);
        Assert.True(config.EnableAutoCommit);
        Assert.Equal(10, config.FetchQueueBackoffMs);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
    }

    [Fact]
    public void The_consumer_copies_per_message_only_the_timestamp_and_the_topic_unless_it_reads_one_known_topic()
    {
        var settings = new ConsumerSettings { BootstrapServers = "b:9092", GroupId = "g" };

        Assert.Equal("timestamp,topic", settings.ToConsumerConfig().Get(ConfigPropertyNames.Consumer.ConsumeResultFields));
        Assert.Equal("timestamp", settings.ToConsumerConfig(topicKnown: true).Get(ConfigPropertyNames.Consumer.ConsumeResultFields));
    }

    [Fact]
    public void The_consumer_stores_offsets_itself_and_copies_the_timestamp_and_topic_whatever_the_properties_say()
    {
        var settings = new ConsumerSettings
        {
            BootstrapServers = "b:9092",
            GroupId = "g",
            Properties = new Dictionary<string, string>
            {
                ["enable.auto.offset.store"] = "true",
                ["enable.auto.commit"] = "false",
                [ConfigPropertyNames.Consumer.ConsumeResultFields] = "headers",
                ["fetch.wait.max.ms"] = "50",
            },
        };

        var config = settings.ToConsumerConfig();

        Assert.False(config.EnableAutoOffsetStore);
        Assert.True(config.EnableAutoCommit);
        Assert.Equal("headers,timestamp,topic", config.Get(ConfigPropertyNames.Consumer.ConsumeResultFields));
        Assert.Equal("headers,timestamp", settings.ToConsumerConfig(topicKnown: true).Get(ConfigPropertyNames.Consumer.ConsumeResultFields));
        Assert.Equal(50, config.FetchWaitMaxMs);
        Assert.Equal("timestamp,topic", (settings with { Properties = new Dictionary<string, string> { [ConfigPropertyNames.Consumer.ConsumeResultFields] = "none" } })
            .ToConsumerConfig().Get(ConfigPropertyNames.Consumer.ConsumeResultFields));
        Assert.Equal("all", (settings with { Properties = new Dictionary<string, string> { [ConfigPropertyNames.Consumer.ConsumeResultFields] = "all" } })
            .ToConsumerConfig().Get(ConfigPropertyNames.Consumer.ConsumeResultFields));
    }

    [Fact]
    public void The_consumer_fetches_ahead_at_most_2_MiB_and_buffers_2_000_records_unless_told_otherwise()
    {
        var settings = new ConsumerSettings { BootstrapServers = "b:9092", GroupId = "g" };

        Assert.Equal(2_048, settings.ToConsumerConfig().QueuedMaxMessagesKbytes);
        Assert.Equal(2_000, settings.MaxBufferedRecords);
        Assert.Equal(1_024, (settings with { PrefetchKilobytes = 1_024 }).ToConsumerConfig().QueuedMaxMessagesKbytes);
        Assert.Equal(65_536, (settings with { Properties = new Dictionary<string, string> { ["queued.max.messages.kbytes"] = "65536" } })
            .ToConsumerConfig().QueuedMaxMessagesKbytes);
    }
}
