using StreamEngine.Abstractions.Messaging;
using StreamEngine.Topologies.Alarms;

namespace StreamEngine.Topologies.Alerts;

/// <summary>
/// What the time stage or the loader hands on: the offset to pass on (the loader's own for its findings), the record's
/// source, its dead letter if it was not a reading, the silence events it raised, and for the loader's findings the
/// silent mark to confirm once their alert is delivered.
/// </summary>
internal sealed record TimedEntry(
    CommittableOffset Offset, string Source, ProducerRecord? DeadLetter, IReadOnlyList<SilenceEvent> Events, SilenceMark? Mark = null);
