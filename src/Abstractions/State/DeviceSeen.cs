namespace StreamEngine.Abstractions.State;

/// <summary>A reading time of one device, in Unix milliseconds (the reading's own time, not when it arrived).</summary>
public readonly record struct DeviceSeen(long DeviceId, long TimeMs);
