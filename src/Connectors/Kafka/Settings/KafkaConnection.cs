namespace StreamEngine.Connectors.Kafka.Settings;

/// <summary>Where the clients connect (a real Kafka, or the embedded cluster once started) and the properties every client gets.</summary>
public sealed record KafkaConnection(string BootstrapServers, IReadOnlyDictionary<string, string> Properties)
{
    public static KafkaConnection To(string bootstrapServers) =>
        new(bootstrapServers, new Dictionary<string, string>());
}
