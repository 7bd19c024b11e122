namespace StreamEngine.Abstractions.Alerts;

/// <summary>
/// One alert (topic <c>alerts</c>, key = device id), serialized by <see cref="AlertJson"/>:
/// <c>{"alertId":…,"kind":…,"deviceId":…,"value":…,"limit":…,"time":…,"device":{…},"text":…}</c>.
/// </summary>
/// <param name="AlertId">Stable for the same cause, so that a replay produces the same id (e.g. kind and reading source).</param>
/// <param name="Kind">One of <see cref="AlertKind"/>.</param>
/// <param name="DeviceId">The device it is about.</param>
/// <param name="Value">The measured value (°C, % battery, or minutes of silence), when there is one.</param>
/// <param name="Limit">The limit it crossed, in the unit of <see cref="Value"/>, when there is one.</param>
/// <param name="Time">When it happened, Unix milliseconds (the reading's time, or the clock's for a silence).</param>
/// <param name="Device">Who and what it is about, from the registry.</param>
/// <param name="Text">The text sent by SMS.</param>
public sealed record Alert(string AlertId, string Kind, long DeviceId, double? Value, double? Limit, long Time, AlertDevice Device, string Text);
