using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Topologies.Alarms;

namespace StreamEngine.Topologies.Thresholds;

/// <summary>A record of <c>readings</c> in the thresholds topology: the reading and its device config, or its dead letter.</summary>
internal sealed record ThresholdReading(CommittableOffset Offset, string Source, Reading? Reading, DeviceConfig? Config, ProducerRecord? DeadLetter);
