using StreamEngine.Abstractions.State;

namespace StreamEngine.Topologies.Alerts;

/// <summary>
/// The last-seen time the state store held for each device after this worker's last write, so that readings close
/// behind it need no write. Kafka keys readings by device, so one worker writes a device's times; a time another
/// worker wrote meanwhile is newer and only makes a skipped reading older than what the store holds.
/// </summary>
internal sealed class RecordedTimes
{
    private readonly Dictionary<long, long> _times = [];

    /// <summary>Whether <paramref name="timeMs"/> is at most <paramref name="resolution"/> newer than the device's recorded time.</summary>
    public bool Covers(long deviceId, long timeMs, TimeSpan resolution)
    {
        lock (_times)
        {
            return resolution > TimeSpan.Zero
                && _times.TryGetValue(deviceId, out var recorded)
                && timeMs - recorded <= (long)resolution.TotalMilliseconds;
        }
    }

    /// <summary>Takes in what the store holds after a write.</summary>
    public void Remember(IEnumerable<LastSeenChange> changes)
    {
        lock (_times)
        {
            foreach (var change in changes)
            {
                _times[change.DeviceId] = change.CurrentMs;
            }
        }
    }
}
