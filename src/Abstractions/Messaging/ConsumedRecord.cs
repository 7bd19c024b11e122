namespace StreamEngine.Abstractions.Messaging;

/// <summary>A record as read from a topic: where it was, its key and value, and the time Kafka gave it.</summary>
/// <param name="Topic">The topic it was read from.</param>
/// <param name="Partition">The partition it was read from.</param>
/// <param name="Offset">Its offset in that partition.</param>
/// <param name="Key">The raw key, or null when the record has none.</param>
/// <param name="Value">The raw value (empty for a null value).</param>
/// <param name="TimestampMs">The record's Kafka timestamp, Unix milliseconds.</param>
public sealed record ConsumedRecord(string Topic, int Partition, long Offset, byte[]? Key, byte[] Value, long TimestampMs)
{
    /// <summary>The stable identity of the record: <c>topic/partition/offset</c>.</summary>
    public string Source => $"{Topic}/{Partition}/{Offset}";
}
