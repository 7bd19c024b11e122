using StreamEngine.Abstractions.Alerts;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Topologies.Alarms;

namespace StreamEngine.Topologies.Rules;

/// <summary>
/// What the condition stage hands on for a record of <c>readings</c> or a silence check: the offset to pass on (the
/// loader's for a silence), the record's source, its dead letter if it was not a reading, the alert it raised, and for a
/// silence the mark to confirm once the alert is delivered or dropped by its cooldown.
/// </summary>
internal sealed record RuleOutcome(CommittableOffset Offset, string Source, ProducerRecord? DeadLetter, Alert? Alert, SilenceMark? Mark = null);
