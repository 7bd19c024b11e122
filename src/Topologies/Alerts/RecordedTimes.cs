using StreamEngine.Abstractions.Readings;
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

    /// <summary>
    /// What of <paramref name="readings"/> must go to the store: each reading more than <paramref name="resolution"/>
    /// newer than its device's recorded time, or of a device not recorded yet. The lock is taken once per batch.
    /// </summary>
    public List<DeviceSeen> ToRecord(IEnumerable<Reading> readings, TimeSpan resolution)
    {
        var toRecord = new List<DeviceSeen>();
        var resolutionMs = (long)resolution.TotalMilliseconds;
        lock (_times)
        {
            foreach (var reading in readings)
            {
                if (resolutionMs <= 0 || !_times.TryGetValue(reading.DeviceId, out var recorded) || reading.Time - recorded > resolutionMs)
                {
                    toRecord.Add(new DeviceSeen(reading.DeviceId, reading.Time));
                }
            }
        }

        return toRecord;
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
