namespace StreamEngine.Abstractions.Messaging;

/// <summary>
/// Zero or more records to write and a value to pass on once all of them are acknowledged by Kafka
/// (typically the offset of the source record they came from).
/// </summary>
public sealed record ProducerEnvelope<TPass>(IReadOnlyList<ProducerRecord> Records, TPass PassThrough);
