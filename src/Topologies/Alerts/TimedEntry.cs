using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Topologies.Alerts;

/// <summary>
/// What the time stage or the loader hands on: the offset to pass on (the loader's own for its findings), the record's
/// source, its dead letter if it was not a reading, and the silence events it raised.
/// </summary>
internal sealed record TimedEntry(CommittableOffset Offset, string Source, ProducerRecord? DeadLetter, IReadOnlyList<SilenceEvent> Events);
