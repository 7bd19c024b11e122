namespace StreamEngine.Abstractions.State;

/// <summary>
/// A reading that ended its device's silence (<see cref="IDeviceActivity.RecordSeenEndingSilences"/>): its time, and the
/// time of the device's reading before it, in Unix milliseconds.
/// </summary>
public readonly record struct SilenceEnded(long DeviceId, long TimeMs, long PreviousMs);
