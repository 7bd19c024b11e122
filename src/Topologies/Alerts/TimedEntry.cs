using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.State;
using StreamEngine.Topologies.Alarms;

namespace StreamEngine.Topologies.Alerts;

/// <summary>
/// What the time stage or the loader hands on: the offset to pass on (the loader's own for its findings), the record's
/// source, its dead letter if it was not a reading, the silence events it raised, and what to confirm once their alert
/// is delivered: for the loader's findings the silent mark, for a reading the silences it ended.
/// </summary>
internal sealed record TimedEntry(
    CommittableOffset Offset,
    string Source,
    ProducerRecord? DeadLetter,
    IReadOnlyList<SilenceEvent> Events,
    SilenceMark? Mark = null,
    IReadOnlyList<SilenceEnded>? Ended = null);
