using System.Globalization;
using StackExchange.Redis;
using StreamEngine.Abstractions.State;

namespace StreamEngine.Connectors.Redis;

/// <summary>
/// The silent set of <see cref="IDeviceActivity"/>: a hash of marks (each unconfirmed, with when it was set or last
/// renewed, until its call confirms it) and, for ten minutes after a clear, a key naming the call that cleared it.
/// </summary>
public sealed partial class RedisAlarmState
{
    public async Task<IReadOnlyList<DeviceSeen>> FindNewlySilent(long seenBeforeMs, int limit, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var result = await Run(
            _database.ScriptEvaluateAsync(RedisStateScripts.FindNewlySilent, [_lastSeenKey, _silentKey], [seenBeforeMs, limit, StaleBeforeMs()]),
            "find newly silent devices",
            cancellation).ConfigureAwait(false);
        var flat = (RedisResult[])result!;
        var devices = new List<DeviceSeen>(flat.Length / 2);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            devices.Add(new DeviceSeen(ParseLong(flat[i]), (long)(double)flat[i + 1]));
        }

        return devices;
    }

    public async Task<IReadOnlyList<long>> MarkSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        ArgumentException.ThrowIfNullOrEmpty(callId);
        var ids = deviceIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        // One script for the whole call: it is applied entirely or not at all.
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var added = await Run(
            _database.ScriptEvaluateAsync(
                RedisStateScripts.MarkSilent, [_silentKey], [callId, now, StaleBeforeMs(), .. ids.Select(id => (RedisValue)id)]),
            "add devices to the silent set",
            cancellation).ConfigureAwait(false);
        return [.. ((RedisResult[])added!).Select(ParseLong)];
    }

    public Task<IReadOnlyList<long>> RenewSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default) =>
        OnOwnMarks(RedisStateScripts.RenewSilent, deviceIds, callId, [_clock.GetUtcNow().ToUnixTimeMilliseconds()], "renew silent marks", cancellation);

    public Task<IReadOnlyList<long>> ConfirmSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default) =>
        OnOwnMarks(RedisStateScripts.ConfirmSilent, deviceIds, callId, [], "confirm silent marks", cancellation);

    /// <summary>
    /// Runs <paramref name="script"/> (ARGV: the call id, <paramref name="arguments"/>, the device ids) on the silent marks
    /// hash; returns the device ids it answers with.
    /// </summary>
    private async Task<IReadOnlyList<long>> OnOwnMarks(
        string script, IReadOnlyCollection<long> deviceIds, string callId, RedisValue[] arguments, string what, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        ArgumentException.ThrowIfNullOrEmpty(callId);
        var ids = deviceIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        var held = await Run(
            _database.ScriptEvaluateAsync(script, [_silentKey], [callId, .. arguments, .. ids.Select(id => (RedisValue)id)]),
            what,
            cancellation).ConfigureAwait(false);
        return [.. ((RedisResult[])held!).Select(ParseLong)];
    }

    public async Task<IReadOnlyList<long>> ClearSilent(IReadOnlyCollection<long> deviceIds, string callId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        ArgumentException.ThrowIfNullOrEmpty(callId);
        var ids = deviceIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        var cleared = await Run(
            _database.ScriptEvaluateAsync(
                RedisStateScripts.ClearSilent,
                [_silentKey, .. ids.Select(ClearedByKey)],
                [callId, ClearedMemoryMs, .. ids.Select(id => (RedisValue)id)]),
            "remove devices from the silent set",
            cancellation).ConfigureAwait(false);
        return [.. ((RedisResult[])cleared!).Select(ParseLong)];
    }

    public async Task<IReadOnlyList<long>> WhichSilent(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        var ids = deviceIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        var markedBy = await Run(
            _database.HashGetAsync(_silentKey, [.. ids.Select(id => (RedisValue)id)]),
            "read the silent set",
            cancellation).ConfigureAwait(false);
        return [.. ids.Where((_, i) => !markedBy[i].IsNull)];
    }

    /// <summary>The time before which an unconfirmed silent mark counts as a dead caller's.</summary>
    private long StaleBeforeMs() => (_clock.GetUtcNow() - IDeviceActivity.UnconfirmedMarkLease).ToUnixTimeMilliseconds();

    /// <summary>The key naming the call that cleared a device's silent mark, for as long as its retries may come.</summary>
    private RedisKey ClearedByKey(long deviceId) => string.Create(CultureInfo.InvariantCulture, $"{_clearedByPrefix}{deviceId}");
}
