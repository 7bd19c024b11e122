using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using StreamEngine.Connectors.Kafka.Settings;

namespace StreamEngine.Connectors.Kafka.Embedded;

/// <summary>
/// A Kafka cluster inside this process: librdkafka's mock cluster, speaking the real Kafka protocol over TCP on
/// loopback, with its fault injection. Each broker also gets a fixed address (first broker on 127.0.0.1:9092 by
/// default) so that any Kafka client, kcat or a gateway, can bootstrap from it.
/// </summary>
/// <remarks>
/// The mock keeps at most about 5 MiB or 100,000 batches per partition and drops older data without a word: spread
/// large volumes over many partitions. A consumer group whose next offset it dropped logs a warning (ConsumerWorker).
/// </remarks>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    private const int ProducerHandleType = 0;

    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;
    private readonly List<TcpForwarder> _forwarders;
    private bool _disposed;

    private EmbeddedKafkaCluster(IntPtr handle, IntPtr cluster, int brokers, string bootstrapServers, List<TcpForwarder> forwarders)
    {
        _handle = handle;
        _cluster = cluster;
        _forwarders = forwarders;
        Brokers = brokers;
        BootstrapServers = bootstrapServers;
        ListenAddresses = forwarders.Count > 0
            ? string.Join(',', forwarders.Select(f => $"{f.LocalEndpoint.Address}:{f.LocalEndpoint.Port}"))
            : bootstrapServers;
    }

    /// <summary>Number of brokers; their ids are 1..Brokers.</summary>
    public int Brokers { get; }

    /// <summary>The brokers' own addresses (kernel-chosen loopback ports): what metadata advertises.</summary>
    public string BootstrapServers { get; }

    /// <summary>The fixed addresses, one per broker (e.g. 127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094).</summary>
    public string ListenAddresses { get; }

    /// <summary>Starts a cluster. Throws with the reason when the library cannot be loaded or a port is taken.</summary>
    public static EmbeddedKafkaCluster Start(EmbeddedKafkaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Brokers is < 1 or > 32)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), settings.Brokers, "Kafka:Embedded:Brokers must be between 1 and 32.");
        }

        NativeLibRdKafka.EnsureLoaded();
        var errors = new byte[512];
        var conf = NativeLibRdKafka.ConfNew();
        NativeLibRdKafka.ConfSet(conf, "log_level", "3", errors, (nuint)errors.Length);
        var handle = NativeLibRdKafka.New(ProducerHandleType, conf, errors, (nuint)errors.Length);
        if (handle == IntPtr.Zero)
        {
            throw new InvalidOperationException(
                $"librdkafka refused to create the handle for the embedded cluster: {Encoding.UTF8.GetString(errors).TrimEnd('\0')}");
        }

        var cluster = NativeLibRdKafka.MockClusterNew(handle, settings.Brokers);
        if (cluster == IntPtr.Zero)
        {
            NativeLibRdKafka.Destroy(handle);
            throw new InvalidOperationException(
                "librdkafka could not start its mock cluster (no loopback sockets?). "
                + "Set Kafka:BootstrapServers to use a real Kafka instead.");
        }

        NativeLibRdKafka.MockGroupInitialRebalanceDelayMs(cluster, settings.InitialRebalanceDelayMs);
        var bootstraps = Marshal.PtrToStringUTF8(NativeLibRdKafka.MockClusterBootstraps(cluster)) ?? "";
        var forwarders = new List<TcpForwarder>();
        try
        {
            var address = IPAddress.Parse(settings.Host);
            foreach (var (broker, index) in bootstraps.Split(',').Select((b, i) => (b, i)))
            {
                var targetPort = int.Parse(broker[(broker.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                var port = settings.Port == 0 ? 0 : settings.Port + index;
                forwarders.Add(TcpForwarder.Start(address, port, targetPort));
            }
        }
        catch
        {
            forwarders.ForEach(f => f.Dispose());
            NativeLibRdKafka.MockClusterDestroy(cluster);
            NativeLibRdKafka.Destroy(handle);
            throw;
        }

        return new EmbeddedKafkaCluster(handle, cluster, settings.Brokers, bootstraps, forwarders);
    }

    /// <summary>Creates a topic (or checks it exists). Replication is capped at the number of brokers.</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 3)
    {
        if (partitions < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(partitions), partitions, $"Topic '{topic}' needs at least one partition (Kafka:Topics:Partitions).");
        }

        var err = NativeLibRdKafka.MockTopicCreate(_cluster, topic, partitions, Math.Min(replicationFactor, Brokers));
        Check(err, $"create topic '{topic}' with {partitions} partitions");
    }

    /// <summary>Takes a broker down: its connections close and it accepts none until <see cref="SetBrokerUp"/>.</summary>
    public void SetBrokerDown(int brokerId) =>
        Check(NativeLibRdKafka.MockBrokerSetDown(_cluster, brokerId), $"set broker {brokerId} down");

    public void SetBrokerUp(int brokerId) =>
        Check(NativeLibRdKafka.MockBrokerSetUp(_cluster, brokerId), $"set broker {brokerId} up");

    /// <summary>Delays every response of a broker by this round-trip time.</summary>
    public void SetBrokerRoundTripTime(int brokerId, TimeSpan rtt) =>
        Check(NativeLibRdKafka.MockBrokerSetRtt(_cluster, brokerId, (int)rtt.TotalMilliseconds), $"set broker {brokerId} round-trip time");

    /// <summary>Makes the next requests of this type, cluster-wide, fail with these errors, one request each.</summary>
    public void PushRequestErrors(KafkaApiKey apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var codes = errors.Select(e => (int)e).ToArray();
        NativeLibRdKafka.MockPushRequestErrors(_cluster, (short)apiKey, (nuint)codes.Length, codes);
    }

    /// <summary>Drops the injected errors not yet served for this request type.</summary>
    public void ClearRequestErrors(KafkaApiKey apiKey) =>
        NativeLibRdKafka.MockClearRequestErrors(_cluster, (short)apiKey);

    /// <summary>Moves a partition's leadership to another broker.</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(NativeLibRdKafka.MockPartitionSetLeader(_cluster, topic, partition, brokerId),
            $"move the leader of {topic}/{partition} to broker {brokerId}");

    private static void Check(int err, string what)
    {
        if (err != 0)
        {
            throw new InvalidOperationException($"The embedded Kafka cluster could not {what}: {NativeLibRdKafka.ErrorText(err)}.");
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _forwarders.ForEach(f => f.Dispose());
        NativeLibRdKafka.MockClusterDestroy(_cluster);
        NativeLibRdKafka.Destroy(_handle);
    }
}
