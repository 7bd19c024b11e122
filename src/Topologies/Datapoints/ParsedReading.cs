using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Readings;

namespace StreamEngine.Topologies.Datapoints;

/// <summary>
/// A record of <c>readings</c> after the parse stage: the reading and the tags its two points share, or the dead letter
/// of what it was instead.
/// </summary>
public sealed record ParsedReading(CommittableOffset Offset, Reading? Reading, TagSet? Tags, ProducerRecord? DeadLetter);
