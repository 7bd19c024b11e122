using System.Collections.Concurrent;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Abstractions.State;
using StreamEngine.Topologies.Registry;

namespace StreamEngine.Topologies.Alarms;

/// <summary>
/// Device configs from the registry kept in memory (the thesis' Config Bolt, 7.3.4): one registry call per unknown
/// device (concurrent asks for it share the call; "not registered" is remembered too), every known device reloaded
/// every <c>refresh</c> in the background, and a device reloaded at once when <see cref="IRegistryChanges"/> announces
/// it. A background reload that fails keeps the config it had; the next period or change tries again. A change feed that
/// cannot be reached at start (Redis still starting) is subscribed in the background with backoff; once it is, every
/// known device is reloaded, since changes published meanwhile were missed.
/// </summary>
public sealed class DeviceConfigCache : IAsyncDisposable
{
    private readonly Func<long, CancellationToken, Task<DeviceRecord?>> _lookup;
    private readonly double _defaultMinBattery;
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly ConcurrentDictionary<long, Task<Entry>> _loading = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ITimer _timer;
    private RegistryChangeSubscription? _subscription;
    private long _tickets;
    private long _registryCalls;

    private DeviceConfigCache(
        Func<long, CancellationToken, Task<DeviceRecord?>> lookup, double defaultMinBattery, TimeSpan refresh, TimeProvider clock)
    {
        _lookup = lookup;
        _defaultMinBattery = defaultMinBattery;
        _timer = clock.CreateTimer(_ => _ = RefreshAll(), null, refresh, refresh);
    }

    /// <summary>How many times the registry was asked, for tests and metrics.</summary>
    public long RegistryCalls => Interlocked.Read(ref _registryCalls);

    /// <summary>Starts a cache over <see cref="IRegistry.FindDevice"/>.</summary>
    public static Task<DeviceConfigCache> Start(
        IRegistry registry, IRegistryChanges? changes, TimeSpan refresh, double defaultMinBattery, TimeProvider? clock = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return Start(registry.FindDevice, changes, refresh, defaultMinBattery, clock, cancellation);
    }

    /// <summary>
    /// Starts a cache over <paramref name="lookup"/> (null = not registered), subscribed to <paramref name="changes"/>
    /// when given: at once when the feed is reachable, else in the background as soon as it is.
    /// </summary>
    public static async Task<DeviceConfigCache> Start(
        Func<long, CancellationToken, Task<DeviceRecord?>> lookup, IRegistryChanges? changes, TimeSpan refresh,
        double defaultMinBattery, TimeProvider? clock = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(refresh, TimeSpan.Zero);
        var cache = new DeviceConfigCache(lookup, defaultMinBattery, refresh, clock ?? TimeProvider.System);
        if (changes is not null)
        {
            cache._subscription = await RegistryChangeSubscription.Start(changes, cache.OnChange, cache.RefreshAll, cancellation).ConfigureAwait(false);
        }

        return cache;
    }

    /// <summary>The device's config, or null when it is not registered. Throws what the registry throws for an unknown device.</summary>
    public ValueTask<DeviceConfig?> Get(long deviceId, CancellationToken cancellation = default)
    {
        if (_entries.TryGetValue(deviceId, out var entry))
        {
            return ValueTask.FromResult(entry.Config);
        }

        return GetAfterLoading(deviceId, cancellation);
    }

    /// <summary>Stops the refresh timer and the change subscription; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _timer.DisposeAsync().ConfigureAwait(false);
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private int _disposed;

    private async ValueTask<DeviceConfig?> GetAfterLoading(long deviceId, CancellationToken cancellation)
    {
        var loading = _loading.GetOrAdd(deviceId, id => Load(id, cancellation));
        try
        {
            return (await loading.ConfigureAwait(false)).Config;
        }
        finally
        {
            _loading.TryRemove(new KeyValuePair<long, Task<Entry>>(deviceId, loading));
        }
    }

    private async Task<Entry> Load(long deviceId, CancellationToken cancellation)
    {
        // A ticket per load: of two loads of one device racing, the one that started last wins.
        var ticket = Interlocked.Increment(ref _tickets);
        Interlocked.Increment(ref _registryCalls);
        var record = await _lookup(deviceId, cancellation).ConfigureAwait(false);
        var loaded = new Entry(record is null ? null : DeviceConfig.From(record, _defaultMinBattery), ticket);
        return _entries.AddOrUpdate(deviceId, loaded, (_, current) => current.Ticket > ticket ? current : loaded);
    }

    private void OnChange(long deviceId)
    {
        if (_entries.ContainsKey(deviceId))
        {
            _ = Reload(deviceId);
        }
    }

    private async Task RefreshAll()
    {
        foreach (var deviceId in _entries.Keys)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            await Reload(deviceId).ConfigureAwait(false);
        }
    }

    private async Task Reload(long deviceId)
    {
        try
        {
            await Load(deviceId, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Keep the config we have: the next refresh or change notice asks again.
        }
    }

    private sealed record Entry(DeviceConfig? Config, long Ticket);
}
