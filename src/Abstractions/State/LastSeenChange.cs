namespace StreamEngine.Abstractions.State;

/// <summary>
/// The outcome of recording reading times for one device: its last-seen time before the call (null when the device
/// was never seen) and after it (the greater of the previous time and the newest time recorded).
/// </summary>
public readonly record struct LastSeenChange(long DeviceId, long? PreviousMs, long CurrentMs);
