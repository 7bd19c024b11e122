using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Host.Kafka;

namespace StreamEngine.Host.Topologies;

/// <summary>Consumer settings for topologies on the embedded cluster.</summary>
public static class EmbeddedTuning
{
    /// <summary>
    /// The embedded mock finishes a rebalance only after session timeout − 1 s and holds an empty fetch for the
    /// whole fetch wait: short ones keep restarts and latency low there. A real Kafka keeps the defaults.
    /// </summary>
    public static ConsumerSettings Apply(ConsumerSettings settings, KafkaBackbone backbone) => backbone.IsEmbedded
        ? settings with
        {
            SessionTimeout = TimeSpan.FromSeconds(3),
            HeartbeatInterval = TimeSpan.FromMilliseconds(500),
            Properties = new Dictionary<string, string>(settings.Properties) { ["fetch.wait.max.ms"] = "10" },
        }
        : settings;
}
