using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Readings;

namespace StreamEngine.Topologies.Alarms;

/// <summary>
/// A record of <c>readings</c> in an alarm topology that checks readings against a device's config (thresholds,
/// rules): the reading and its device config (null when the device is not registered), or its dead letter.
/// </summary>
internal sealed record ConfiguredReading(CommittableOffset Offset, string Source, Reading? Reading, DeviceConfig? Config, ProducerRecord? DeadLetter);
