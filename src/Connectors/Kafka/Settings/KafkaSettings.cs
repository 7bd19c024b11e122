using Microsoft.Extensions.Configuration;

namespace StreamEngine.Connectors.Kafka.Settings;

/// <summary>
/// Where Kafka is and how clients talk to it: section <c>Kafka</c>. No bootstrap servers means the embedded cluster.
/// </summary>
public sealed record KafkaSettings
{
    public const string SectionName = "Kafka";

    /// <summary>Brokers of a real Kafka, comma separated. Empty = start the embedded cluster.</summary>
    public string BootstrapServers { get; init; } = "";

    public EmbeddedKafkaSettings Embedded { get; init; } = new();

    public TopicSettings Topics { get; init; } = new();

    /// <summary>
    /// librdkafka properties passed unchanged to every client (for example <c>security.protocol</c>,
    /// <c>sasl.mechanism</c>, <c>ssl.ca.location</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>True when no bootstrap servers are configured and the embedded cluster must be started.</summary>
    public bool UsesEmbeddedCluster => string.IsNullOrWhiteSpace(BootstrapServers);

    /// <summary>Reads the <c>Kafka</c> section; missing keys keep their defaults.</summary>
    public static KafkaSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var settings = section.Get<KafkaSettings>() ?? new KafkaSettings();
        var properties = section.GetSection(nameof(Properties)).GetChildren()
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
        return settings with { Properties = properties };
    }
}
