using System.Collections.Concurrent;
using StreamEngine.Abstractions.State;

namespace StreamEngine.Connectors.State;

/// <summary>
/// The alarm state in this process's memory, with the same semantics as the Redis adapter: the embedded default when
/// no Redis is configured. Cooldowns expire on <see cref="TimeProvider"/>. Nothing survives a restart and nothing is
/// shared with other processes, so a one-node run is the only place for it. It never throws
/// <see cref="StateUnavailableException"/>.
/// </summary>
public sealed partial class InProcessAlarmState : IAlarmState
{
    private const int SweepEvery = 4096;

    /// <summary>How long a clear is remembered for its retries, as in Redis.</summary>
    private static readonly TimeSpan ClearedMemory = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly Dictionary<long, long> _lastSeen = [];
    /// <summary>Device → the call that marked it silent, and when while that call has not confirmed it.</summary>
    private readonly Dictionary<long, (string CallId, DateTimeOffset? Unconfirmed)> _silentMarkedBy = [];
    private readonly Dictionary<long, (string CallId, DateTimeOffset Until)> _clearedBy = [];
    /// <summary>Device → the readings that ended its silence and are not confirmed yet.</summary>
    private readonly Dictionary<long, List<SilenceEnded>> _unconfirmedEnds = [];
    private readonly Dictionary<(long DeviceId, string Kind), (string ClaimId, DateTimeOffset Until, bool Confirmed)> _cooldowns = [];
    private readonly Dictionary<(string Rule, long DeviceId), long> _beyondSince = [];
    private readonly ConcurrentDictionary<string, InProcessAlarmState> _ruleActivity = new(StringComparer.Ordinal);
    private readonly List<Action<long>> _subscribers = [];
    private int _claimsSinceSweep;
    private int _clearsSinceSweep;

    public InProcessAlarmState(TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
    }

    public Task<IReadOnlyList<LastSeenChange>> RecordSeen(IReadOnlyCollection<DeviceSeen> seen, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var newest = new Dictionary<long, long>(seen.Count);
        foreach (var (deviceId, timeMs) in seen)
        {
            newest[deviceId] = newest.TryGetValue(deviceId, out var known) ? Math.Max(known, timeMs) : timeMs;
        }

        var changes = new List<LastSeenChange>(newest.Count);
        lock (_gate)
        {
            foreach (var (deviceId, timeMs) in newest)
            {
                long? previous = _lastSeen.TryGetValue(deviceId, out var stored) ? stored : null;
                var current = previous is { } p ? Math.Max(p, timeMs) : timeMs;
                _lastSeen[deviceId] = current;
                changes.Add(new LastSeenChange(deviceId, previous, current));
            }
        }

        return Task.FromResult<IReadOnlyList<LastSeenChange>>(changes);
    }

    public Task<IReadOnlyDictionary<long, long>> LastSeen(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        var found = new Dictionary<long, long>();
        lock (_gate)
        {
            foreach (var id in deviceIds)
            {
                if (_lastSeen.TryGetValue(id, out var time))
                {
                    found[id] = time;
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<long, long>>(found);
    }

    public Task Forget(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        lock (_gate)
        {
            foreach (var id in deviceIds)
            {
                _lastSeen.Remove(id);
                _silentMarkedBy.Remove(id);
                _unconfirmedEnds.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    public async Task<bool> TryClaim(CooldownClaim claim, CancellationToken cancellation = default)
    {
        var results = await TryClaimAll([claim], cancellation).ConfigureAwait(false);
        return results[0];
    }

    public Task<IReadOnlyList<bool>> TryClaimAll(IReadOnlyList<CooldownClaim> claims, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var now = _clock.GetUtcNow();
        var results = new bool[claims.Count];
        var asked = new HashSet<(long, string)>();
        lock (_gate)
        {
            for (var i = 0; i < claims.Count; i++)
            {
                var claim = claims[i];
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(claim.Cooldown, TimeSpan.Zero, nameof(claims));
                var key = (claim.DeviceId, claim.Kind);
                if (!asked.Add(key))
                {
                    continue;
                }

                if (_cooldowns.TryGetValue(key, out var held) && held.Until > now)
                {
                    results[i] = !held.Confirmed && held.ClaimId == claim.ClaimId;
                    continue;
                }

                _cooldowns[key] = (claim.ClaimId, now + claim.Cooldown, false);
                results[i] = true;
            }

            // Sweep expired claims now and then, so the map holds only devices that alerted recently.
            _claimsSinceSweep += claims.Count;
            if (_claimsSinceSweep >= SweepEvery)
            {
                _claimsSinceSweep = 0;
                foreach (var expired in _cooldowns.Where(c => c.Value.Until <= now).Select(c => c.Key).ToList())
                {
                    _cooldowns.Remove(expired);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<bool>>(results);
    }

    public Task<bool> Release(long deviceId, string kind, string claimId, CancellationToken cancellation = default)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            var released = _cooldowns.TryGetValue((deviceId, kind), out var held)
                && held.Until > now
                && held.ClaimId == claimId
                && _cooldowns.Remove((deviceId, kind));
            return Task.FromResult(released);
        }
    }

    public Task<bool> Confirm(long deviceId, string kind, string claimId, CancellationToken cancellation = default)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (_cooldowns.TryGetValue((deviceId, kind), out var held) && held.Until > now && held.ClaimId == claimId)
            {
                _cooldowns[(deviceId, kind)] = held with { Confirmed = true };
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        }
    }

    public Task<long?> BeyondSince(string rule, long deviceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        lock (_gate)
        {
            return Task.FromResult<long?>(_beyondSince.TryGetValue((rule, deviceId), out var since) ? since : null);
        }
    }

    public Task SetBeyondSince(string rule, long deviceId, long? sinceMs, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        lock (_gate)
        {
            if (sinceMs is { } since)
            {
                _beyondSince[(rule, deviceId)] = since;
            }
            else
            {
                _beyondSince.Remove((rule, deviceId));
            }
        }

        return Task.CompletedTask;
    }

    public IDeviceActivity Activity(string rule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        return _ruleActivity.GetOrAdd(rule, _ => new InProcessAlarmState(_clock));
    }

    public Task Publish(long deviceId, CancellationToken cancellation = default)
    {
        Action<long>[] subscribers;
        lock (_gate)
        {
            subscribers = [.. _subscribers];
        }

        // Delivered off the publisher's thread, as Redis pub/sub is.
        _ = Task.Run(
            () =>
            {
                foreach (var subscriber in subscribers)
                {
                    try
                    {
                        subscriber(deviceId);
                    }
#pragma warning disable CA1031 // One failing subscriber must not stop the others.
                    catch (Exception)
#pragma warning restore CA1031
                    {
                    }
                }
            },
            CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task<IAsyncDisposable> Subscribe(Action<long> onChange, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_gate)
        {
            _subscribers.Add(onChange);
        }

        return Task.FromResult<IAsyncDisposable>(new Unsubscription(this, onChange));
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _subscribers.Clear();
        }

        return ValueTask.CompletedTask;
    }

    private sealed class Unsubscription(InProcessAlarmState state, Action<long> onChange) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (state._gate)
            {
                state._subscribers.Remove(onChange);
            }

            return ValueTask.CompletedTask;
        }
    }
}
