namespace StreamEngine.Abstractions.Readings;

/// <summary>
/// One authenticated measurement (topic <c>readings</c>, key = device id), serialized by <see cref="ReadingJson"/>.
/// </summary>
/// <param name="DeviceId">The device that measured.</param>
/// <param name="GatewayId">The gateway that reported it.</param>
/// <param name="Time">When it was measured, Unix milliseconds.</param>
/// <param name="Temp">Temperature in °C.</param>
/// <param name="Batt">Battery level in percent.</param>
/// <param name="ReceivedAt">When the engine read the report, Unix milliseconds.</param>
/// <param name="Source">
/// <c>topic/partition/offset/index</c> of the measurement in its report: a stable identity that makes downstream
/// writes idempotent under replay.
/// </param>
public sealed record Reading(long DeviceId, long GatewayId, long Time, double Temp, int Batt, long ReceivedAt, string Source);
