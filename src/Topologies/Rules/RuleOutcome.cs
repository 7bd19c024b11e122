using StreamEngine.Abstractions.Alerts;
using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Topologies.Rules;

/// <summary>
/// What the condition stage hands on for a record of <c>readings</c> or a silence check: the offset to pass on (the
/// loader's for a silence), the record's source, its dead letter if it was not a reading, and the alert it raised.
/// </summary>
internal sealed record RuleOutcome(CommittableOffset Offset, string Source, ProducerRecord? DeadLetter, Alert? Alert);
