using StreamEngine.Abstractions.Readings;
using StreamEngine.Topologies.Alarms;

namespace StreamEngine.Topologies.Rules;

/// <summary>
/// What a rule remembers of one device between its readings: the newest reading's time and config, the newest time
/// it recorded in the shared state, since when its readings have all been beyond the limit (and what the shared state
/// holds of that), and its recent temperatures.
/// </summary>
internal sealed class DeviceWindow(DeviceConfig config)
{
    public DeviceConfig Config { get; private set; } = config;

    /// <summary>The time of the newest reading, Unix milliseconds; null before the first.</summary>
    public long? LastSeenMs { get; private set; }

    /// <summary>The newest reading time this worker recorded in a silence rule's shared activity; null before the first.</summary>
    public long? RecordedMs { get; set; }

    /// <summary>The time of the first of the readings that have all been beyond the limit up to the newest; null when the newest was not.</summary>
    public long? BeyondSinceMs { get; set; }

    /// <summary>What the shared state holds for <see cref="BeyondSinceMs"/>, as far as this worker knows.</summary>
    public long? StoredBeyondSinceMs { get; set; }

    /// <summary>The temperatures of the newest readings, oldest first, for <c>rise-rate</c>.</summary>
    public Queue<(long TimeMs, double Temp)> Recent { get; } = new();

    /// <summary>
    /// Takes a reading in: true when it is the device's newest so far (it then moves the last-seen time), false for a
    /// reading as old as or older than one already seen (a replay or a late one).
    /// </summary>
    public bool See(Reading reading, DeviceConfig config)
    {
        Config = config;
        if (LastSeenMs is { } last && reading.Time <= last)
        {
            return false;
        }

        LastSeenMs = reading.Time;
        return true;
    }
}
