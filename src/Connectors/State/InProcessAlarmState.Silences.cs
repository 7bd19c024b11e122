using StreamEngine.Abstractions.State;

namespace StreamEngine.Connectors.State;

/// <summary>
/// The silent set of <see cref="IDeviceActivity"/>: the call that marked each device (and when, until it confirms),
/// and for ten minutes after a clear the call that cleared it, as in Redis.
/// </summary>
public sealed partial class InProcessAlarmState
{
    public Task<IReadOnlyList<DeviceSeen>> FindNewlySilent(long seenBeforeMs, int limit, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        List<DeviceSeen> found;
        var staleBefore = StaleBefore();
        lock (_gate)
        {
            found = [.. _lastSeen
                .Where(e => e.Value < seenBeforeMs && !MarkedNow(e.Key, staleBefore))
                .Select(e => new DeviceSeen(e.Key, e.Value))
                .OrderBy(d => d.TimeMs)
                .ThenBy(d => d.DeviceId)
                .Take(limit)];
        }

        return Task.FromResult<IReadOnlyList<DeviceSeen>>(found);
    }

    public Task<IReadOnlyList<long>> MarkSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        ArgumentException.ThrowIfNullOrEmpty(callId);
        var now = _clock.GetUtcNow();
        var staleBefore = StaleBefore();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<long>>([.. deviceIds.Distinct().Where(id =>
            {
                if (!MarkedNow(id, staleBefore))
                {
                    _silentMarkedBy[id] = (callId, now);
                    return true;
                }

                return _silentMarkedBy[id].CallId == callId;
            })]);
        }
    }

    public Task<IReadOnlyList<long>> RenewSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        ArgumentException.ThrowIfNullOrEmpty(callId);
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<long>>([.. deviceIds.Distinct().Where(id =>
            {
                if (!_silentMarkedBy.TryGetValue(id, out var mark) || mark.CallId != callId)
                {
                    return false;
                }

                if (mark.Unconfirmed is not null)
                {
                    _silentMarkedBy[id] = (callId, now);
                }

                return true;
            })]);
        }
    }

    public Task<IReadOnlyList<long>> ConfirmSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        ArgumentException.ThrowIfNullOrEmpty(callId);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<long>>([.. deviceIds.Distinct().Where(id =>
            {
                if (!_silentMarkedBy.TryGetValue(id, out var mark) || mark.CallId != callId)
                {
                    return false;
                }

                _silentMarkedBy[id] = (callId, null);
                return true;
            })]);
        }
    }

    public Task<IReadOnlyList<long>> ClearSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        ArgumentException.ThrowIfNullOrEmpty(callId);
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            var cleared = deviceIds.Distinct().Where(id => ClearedEarlierBy(id, callId, now) || Clear(id, callId, now)).ToList();
            SweepClears(deviceIds.Count, now);
            return Task.FromResult<IReadOnlyList<long>>(cleared);
        }
    }

    public Task<IReadOnlyList<long>> WhichSilent(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<long>>([.. deviceIds.Distinct().Where(_silentMarkedBy.ContainsKey)]);
        }
    }

    /// <summary>Whether the device holds a silent mark that counts: confirmed, or unconfirmed since <paramref name="staleBefore"/> or later.</summary>
    private bool MarkedNow(long deviceId, DateTimeOffset staleBefore) =>
        _silentMarkedBy.TryGetValue(deviceId, out var mark) && !(mark.Unconfirmed < staleBefore);

    private DateTimeOffset StaleBefore() => _clock.GetUtcNow() - IDeviceActivity.UnconfirmedMarkLease;

    private bool ClearedEarlierBy(long deviceId, string callId, DateTimeOffset now) =>
        _clearedBy.TryGetValue(deviceId, out var cleared) && cleared.Until > now && cleared.CallId == callId;

    private bool Clear(long deviceId, string callId, DateTimeOffset now)
    {
        if (!_silentMarkedBy.Remove(deviceId))
        {
            return false;
        }

        _clearedBy[deviceId] = (callId, now + ClearedMemory);
        return true;
    }

    /// <summary>Now and then drops the clears older than <see cref="ClearedMemory"/>, so the map holds only recent ones.</summary>
    private void SweepClears(int cleared, DateTimeOffset now)
    {
        _clearsSinceSweep += cleared;
        if (_clearsSinceSweep >= SweepEvery)
        {
            _clearsSinceSweep = 0;
            foreach (var expired in _clearedBy.Where(c => c.Value.Until <= now).Select(c => c.Key).ToList())
            {
                _clearedBy.Remove(expired);
            }
        }
    }
}
