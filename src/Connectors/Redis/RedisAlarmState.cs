using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using StreamEngine.Abstractions.State;

namespace StreamEngine.Connectors.Redis;

/// <summary>
/// The alarm state in Redis (7.0 or later). Last-seen times are one sorted set scored by time, the silent set a hash
/// beside it (device id → the id of the call that marked it, and when, until that call confirms it), the silences
/// ended by readings and not yet confirmed in another hash, and for ten
/// minutes after a device is cleared a key naming the call that cleared it (all under one hash tag, so the scripts that
/// read several also run on a Redis Cluster);
/// each cooldown is a key holding its end and holder, taken by a script that compares the end with the given clock (and
/// expiring with <c>PX</c>); registry changes go over a pub/sub channel. Batches of last-seen times are split into
/// script calls of <see cref="RedisSettings.BatchSize"/> devices that are pipelined, never one awaited round trip per
/// device; a mark or clear of the silent set is one script, applied entirely or not at all.
/// </summary>
/// <remarks>
/// The connection reconnects by itself after Redis restarts; while it is down, operations fail at once with
/// <see cref="StateUnavailableException"/> instead of queueing, so the caller's backoff decides when to retry.
/// </remarks>
public sealed partial class RedisAlarmState : IAlarmState
{
    private readonly ConnectionMultiplexer _connection;
    private readonly RedisSettings _settings;
    private readonly ConcurrentDictionary<string, RedisAlarmState> _ruleActivity = new(StringComparer.Ordinal);
    private readonly IDatabase _database;
    private readonly ILogger _logger;
    private readonly int _batchSize;
    private readonly string _prefix;
    private readonly RedisKey _lastSeenKey;
    private readonly RedisKey _silentKey;
    private readonly RedisKey _endedKey;
    private readonly string _clearedByPrefix;
    private readonly RedisChannel _changesChannel;
    private readonly string _endpoint;
    private readonly TimeProvider _clock;

    /// <summary>How long a clear is remembered for its retries: longer than any backoff between them.</summary>
    private static readonly long ClearedMemoryMs = (long)TimeSpan.FromMinutes(10).TotalMilliseconds;

    // activityScope: whose last-seen times and silent set this instance's IDeviceActivity reads and writes: "alarms"
    // (the alerts topology's), or "rule:NAME" for a rule's own (Activity), which shares the connection and does not
    // watch it.
    private RedisAlarmState(
        ConnectionMultiplexer connection, RedisSettings settings, string endpoint, TimeProvider clock, ILogger logger, string activityScope = "alarms")
    {
        _connection = connection;
        _settings = settings;
        _clock = clock;
        _database = connection.GetDatabase();
        _logger = logger;
        _batchSize = Math.Max(1, settings.BatchSize);
        _prefix = settings.KeyPrefix;
        // The braces are a hash tag: a script touches both keys, which Redis Cluster then keeps in one slot.
        _lastSeenKey = $"{_prefix}{{{activityScope}}}:last-seen";
        // Not ":silent", the set of older versions: a key of another type would fail every script with WRONGTYPE.
        _silentKey = $"{_prefix}{{{activityScope}}}:silent-marks";
        _endedKey = $"{_prefix}{{{activityScope}}}:silences-ended";
        _clearedByPrefix = $"{_prefix}{{{activityScope}}}:silent-cleared:";
        _changesChannel = RedisChannel.Literal($"{_prefix}registry-changes");
        _endpoint = endpoint;
        if (activityScope == "alarms")
        {
            _connection.ConnectionFailed += OnConnectionFailed;
            _connection.ConnectionRestored += OnConnectionRestored;
        }
    }

    /// <summary>
    /// Connects to the Redis of <paramref name="settings"/>. Returns even when Redis is not reachable yet: the
    /// connection keeps trying in the background and operations throw <see cref="StateUnavailableException"/> until
    /// it is up. Throws <see cref="ArgumentException"/> when the configuration string cannot be parsed. Cooldowns are
    /// measured on <paramref name="clock"/> (default: the system clock), like the in-process state's.
    /// </summary>
    public static async Task<RedisAlarmState> Connect(RedisSettings settings, ILogger? logger = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.UsesInProcessState)
        {
            throw new ArgumentException(
                "Redis:Configuration is empty. Set it to a StackExchange.Redis configuration string such as 'localhost:6379', or use the in-process state.",
                nameof(settings));
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(settings.Configuration);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException(
                $"Redis:Configuration '{settings.Configuration}' is not a valid StackExchange.Redis configuration string ({error.Message}). Fix it, for example 'localhost:6379,password=…', or leave it empty for the in-process state.",
                nameof(settings),
                error);
        }

        // Keep reconnecting instead of failing the start, and fail operations fast while disconnected: the topology's
        // backoff, not a hidden queue, decides when work is retried.
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        var state = new RedisAlarmState(connection, settings, options.ToString(includePassword: false), clock ?? TimeProvider.System, logger ?? NullLogger.Instance);
        await state.AwaitSubscriptionConnection(TimeSpan.FromMilliseconds(options.ConnectTimeout)).ConfigureAwait(false);
        return state;
    }

    /// <summary>
    /// The multiplexer's connect returns once commands can run, while the separate pub/sub connection may still be
    /// shaking hands; a subscribe in that moment fails. When Redis answered, wait (at most <paramref name="limit"/>)
    /// for the pub/sub connection too, so that a freshly connected adapter can subscribe at once.
    /// </summary>
    private async Task AwaitSubscriptionConnection(TimeSpan limit)
    {
        if (!_connection.IsConnected)
        {
            return;
        }

        var subscriber = _connection.GetSubscriber();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        var deadline = DateTime.UtcNow + limit;
        while (!subscriber.IsConnected(_changesChannel) && DateTime.UtcNow < deadline)
        {
            await poll.WaitForNextTickAsync().ConfigureAwait(false);
        }
    }

    /// <summary>True while the connection to Redis is up.</summary>
    public bool IsConnected => _connection.IsConnected;

    public async Task<IReadOnlyList<LastSeenChange>> RecordSeen(IReadOnlyCollection<DeviceSeen> seen, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var newest = new Dictionary<long, long>(seen.Count);
        foreach (var (deviceId, timeMs) in seen)
        {
            newest[deviceId] = newest.TryGetValue(deviceId, out var known) ? Math.Max(known, timeMs) : timeMs;
        }

        var chunks = newest.Chunk(_batchSize).ToList();
        var calls = chunks.Select(chunk =>
        {
            var values = new RedisValue[chunk.Length * 2];
            for (var i = 0; i < chunk.Length; i++)
            {
                values[2 * i] = chunk[i].Key;
                values[(2 * i) + 1] = chunk[i].Value;
            }

            return _database.ScriptEvaluateAsync(RedisStateScripts.RecordSeen, [_lastSeenKey], values);
        }).ToList();
        var results = await Run(Task.WhenAll(calls), "record last-seen times", cancellation).ConfigureAwait(false);

        var changes = new List<LastSeenChange>(newest.Count);
        for (var c = 0; c < chunks.Count; c++)
        {
            var previous = (RedisResult[])results[c]!;
            for (var i = 0; i < chunks[c].Length; i++)
            {
                var (deviceId, timeMs) = chunks[c][i];
                long? before = previous[i].IsNull ? null : (long)(double)previous[i];
                changes.Add(new LastSeenChange(deviceId, before, before is { } b ? Math.Max(b, timeMs) : timeMs));
            }
        }

        return changes;
    }

    public async Task<IReadOnlyDictionary<long, long>> LastSeen(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        var ids = deviceIds.Distinct().ToArray();
        var chunks = ids.Chunk(_batchSize).ToList();
        var calls = chunks.Select(chunk => _database.SortedSetScoresAsync(_lastSeenKey, [.. chunk.Select(id => (RedisValue)id)])).ToList();
        var results = await Run(Task.WhenAll(calls), "read last-seen times", cancellation).ConfigureAwait(false);
        var found = new Dictionary<long, long>(ids.Length);
        for (var c = 0; c < chunks.Count; c++)
        {
            for (var i = 0; i < chunks[c].Length; i++)
            {
                if (results[c][i] is { } score)
                {
                    found[chunks[c][i]] = (long)score;
                }
            }
        }

        return found;
    }

    public async Task Forget(IReadOnlyCollection<long> deviceIds, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        if (deviceIds.Count == 0)
        {
            return;
        }

        RedisValue[] members = [.. deviceIds.Distinct().Select(id => (RedisValue)id)];
        await Run(
            Task.WhenAll(
                _database.SortedSetRemoveAsync(_lastSeenKey, members),
                _database.HashDeleteAsync(_silentKey, members),
                _database.HashDeleteAsync(_endedKey, members)),
            "forget devices",
            cancellation).ConfigureAwait(false);
    }

    public Task Publish(long deviceId, CancellationToken cancellation = default) =>
        Run(_connection.GetSubscriber().PublishAsync(_changesChannel, deviceId), "publish a registry change", cancellation);

    public async Task<IAsyncDisposable> Subscribe(Action<long> onChange, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        var subscriber = _connection.GetSubscriber();
        void Handler(RedisChannel channel, RedisValue message)
        {
            if (!long.TryParse(message.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var deviceId))
            {
                RedisLog.BadChangeMessage(_logger, message.ToString());
                return;
            }

            try
            {
                onChange(deviceId);
            }
#pragma warning disable CA1031 // One failing subscriber must not stop the others or the connection's reader.
            catch (Exception error)
#pragma warning restore CA1031
            {
                RedisLog.SubscriberFailed(_logger, error, deviceId);
            }
        }

        await Run(subscriber.SubscribeAsync(_changesChannel, Handler), "subscribe to registry changes", cancellation).ConfigureAwait(false);
        return new Unsubscription(() => subscriber.UnsubscribeAsync(_changesChannel, Handler));
    }

    public async ValueTask DisposeAsync()
    {
        _connection.ConnectionFailed -= OnConnectionFailed;
        _connection.ConnectionRestored -= OnConnectionRestored;
        await _connection.CloseAsync().ConfigureAwait(false);
        _connection.Dispose();
    }

    private static long ParseLong(RedisResult value) =>
        long.Parse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture);

    private async Task Run(Task operation, string what, CancellationToken cancellation)
    {
        try
        {
            await operation.WaitAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception error) when (error is RedisException or RedisTimeoutException)
        {
            throw Unavailable(what, error);
        }
    }

    private async Task<T> Run<T>(Task<T> operation, string what, CancellationToken cancellation)
    {
        try
        {
            return await operation.WaitAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception error) when (error is RedisException or RedisTimeoutException)
        {
            throw Unavailable(what, error);
        }
    }

    private StateUnavailableException Unavailable(string what, Exception error) => new(
        $"Could not {what}: Redis at '{_endpoint}' failed ({error.Message}). Back off and retry; if it persists, check that Redis is running and that Redis:Configuration points at it.",
        error);

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        RedisLog.ConnectionFailed(_logger, e.Exception, e.EndPoint, e.FailureType);

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) =>
        RedisLog.ConnectionRestored(_logger, e.EndPoint);

    private sealed class Unsubscription(Func<Task> unsubscribe) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                try
                {
                    await unsubscribe().ConfigureAwait(false);
                }
                catch (Exception error) when (error is RedisException or RedisTimeoutException)
                {
                    // Unsubscribing while disconnected: the handler is dropped locally all the same.
                }
            }
        }
    }
}
