using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using StreamEngine.Connectors.Kafka.Embedded;
using StreamEngine.Connectors.Kafka.Settings;

namespace StreamEngine.Connectors.Tests.Kafka.Embedded;

public sealed class EmbeddedKafkaClusterSpec
{
    [Fact]
    public void A_client_bootstraps_from_the_fixed_address_and_reads_back_what_it_wrote()
    {
        var port = FreePort();
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaSettings { Brokers = 1, Port = port });
        Assert.Equal($"127.0.0.1:{port}", cluster.ListenAddresses);
        cluster.CreateTopic("fixed-address", 1);

        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = cluster.ListenAddresses }).Build())
        {
            producer.Produce("fixed-address", new Message<Null, string> { Value = "hello" });
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        }

        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.ListenAddresses,
            GroupId = "fixed-address-reader",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe("fixed-address");
        var record = consumer.Consume(TimeSpan.FromSeconds(20));
        Assert.Equal("hello", record?.Message.Value);
        consumer.Close();
    }

    [Fact]
    public void A_port_in_use_is_refused_with_what_to_do()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var error = Assert.Throws<InvalidOperationException>(
                () => EmbeddedKafkaCluster.Start(new EmbeddedKafkaSettings { Brokers = 1, Port = port }));
            Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
            Assert.Contains("Kafka:Embedded:Port", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public void Creating_a_topic_with_no_partitions_says_what_was_wrong()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaSettings { Brokers = 1, Port = 0 });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CreateTopic("no-partitions", 0));
        Assert.Contains("no-partitions", error.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
