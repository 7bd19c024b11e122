using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Bench;

/// <summary>
/// What the Akka path passes through the producer flow: the source offset, plus the record's Kafka timestamp so
/// the sink can tell its age. A struct, so it costs no allocation over passing the offset alone.
/// </summary>
internal readonly record struct OffsetWithTimestamp(CommittableOffset Offset, long TimestampMs);
