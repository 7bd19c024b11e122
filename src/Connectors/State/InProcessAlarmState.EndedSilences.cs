using StreamEngine.Abstractions.State;

namespace StreamEngine.Connectors.State;

/// <summary>
/// Recording reading times together with the silences they end (<see cref="IDeviceActivity.RecordSeenEndingSilences"/>),
/// and the ended silences not confirmed yet, as in Redis.
/// </summary>
public sealed partial class InProcessAlarmState
{
    public Task<SeenOutcome> RecordSeenEndingSilences(
        IReadOnlyCollection<DeviceSeen> seen, TimeSpan silence, long silentBeforeMs, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(silence, TimeSpan.Zero);
        var silenceMs = (long)silence.TotalMilliseconds;
        var changes = new List<LastSeenChange>();
        var ended = new List<SilenceEnded>();
        lock (_gate)
        {
            foreach (var device in seen.GroupBy(s => s.DeviceId))
            {
                var times = device.Select(s => s.TimeMs).Distinct().Order().ToList();
                var newest = times[^1];
                if (!_lastSeen.TryGetValue(device.Key, out var last))
                {
                    _lastSeen[device.Key] = newest;
                    changes.Add(new LastSeenChange(device.Key, null, newest));
                    continue;
                }

                if (_unconfirmedEnds.TryGetValue(device.Key, out var unconfirmed))
                {
                    ended.AddRange(unconfirmed.Where(e => times.Contains(e.TimeMs)));
                }

                if (newest > last)
                {
                    _lastSeen[device.Key] = newest;
                    var reported = newest >= silentBeforeMs && _silentMarkedBy.Remove(device.Key);
                    var found = SilencesEnded(device.Key, times, last, silenceMs, silentBeforeMs, reported);
                    if (found.Count > 0)
                    {
                        _unconfirmedEnds[device.Key] = [.. unconfirmed ?? [], .. found];
                        ended.AddRange(found);
                    }
                }

                changes.Add(new LastSeenChange(device.Key, last, Math.Max(last, newest)));
            }
        }

        return Task.FromResult(new SeenOutcome(changes, ended));
    }

    public Task ConfirmEnded(IReadOnlyCollection<SilenceEnded> ended, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(ended);
        lock (_gate)
        {
            foreach (var end in ended)
            {
                if (_unconfirmedEnds.TryGetValue(end.DeviceId, out var unconfirmed)
                    && unconfirmed.RemoveAll(e => e.TimeMs == end.TimeMs) > 0 && unconfirmed.Count == 0)
                {
                    _unconfirmedEnds.Remove(end.DeviceId);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The readings among <paramref name="times"/> (ascending) that end a silence after <paramref name="lastMs"/>, the
    /// time stored before: each newer one more than the silence after the one before it, and, when the device was
    /// <paramref name="reported"/> silent, the first at or after <paramref name="silentBeforeMs"/> unless a gap came first.
    /// </summary>
    private static List<SilenceEnded> SilencesEnded(long deviceId, List<long> times, long lastMs, long silenceMs, long silentBeforeMs, bool reported)
    {
        var found = new List<SilenceEnded>();
        var previous = lastMs;
        foreach (var time in times.Where(t => t > lastMs))
        {
            if (time - previous > silenceMs || (reported && time >= silentBeforeMs))
            {
                reported = false;
                found.Add(new SilenceEnded(deviceId, time, previous));
            }

            previous = time;
        }

        return found;
    }
}
