namespace StreamEngine.Abstractions.Messaging;

/// <summary>A record to write: topic, key (null for none) and value.</summary>
public sealed record ProducerRecord(string Topic, byte[]? Key, byte[] Value);
