using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Metrics;

namespace StreamEngine.Topologies.Datapoints;

/// <summary>
/// One record of <c>readings</c> as it enters a window: its two points when it is a reading, its dead letter when not.
/// </summary>
public sealed record WindowEntry(CommittableOffset Offset, DataPoint? Temperature, DataPoint? Battery, ProducerRecord? DeadLetter);
