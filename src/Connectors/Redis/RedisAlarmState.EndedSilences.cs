using StackExchange.Redis;
using StreamEngine.Abstractions.State;

namespace StreamEngine.Connectors.Redis;

/// <summary>
/// Recording reading times together with the silences they end (<see cref="IDeviceActivity.RecordSeenEndingSilences"/>):
/// one script per batch of devices, which stores the times, lifts the silent marks and holds the ended silences in a
/// hash beside them (device id → "time:previous;…") until they are confirmed.
/// </summary>
public sealed partial class RedisAlarmState
{
    public async Task<SeenOutcome> RecordSeenEndingSilences(
        IReadOnlyCollection<DeviceSeen> seen, TimeSpan silence, long silentBeforeMs, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(silence, TimeSpan.Zero);
        var devices = seen
            .GroupBy(s => s.DeviceId)
            .Select(g => (DeviceId: g.Key, Times: g.Select(s => s.TimeMs).Distinct().Order().ToList()))
            .ToList();
        var calls = devices.Chunk(_batchSize).Select(chunk =>
        {
            var values = new List<RedisValue>(2 + chunk.Sum(d => 2 + d.Times.Count))
            {
                (long)silence.TotalMilliseconds,
                silentBeforeMs,
            };
            foreach (var (deviceId, times) in chunk)
            {
                values.Add(deviceId);
                values.Add(times.Count);
                values.AddRange(times.Select(t => (RedisValue)t));
            }

            return _database.ScriptEvaluateAsync(RedisStateScripts.RecordSeenEndingSilences, [_lastSeenKey, _silentKey, _endedKey], [.. values]);
        }).ToList();
        var results = await Run(Task.WhenAll(calls), "record last-seen times", cancellation).ConfigureAwait(false);

        var changes = new List<LastSeenChange>(devices.Count);
        var ended = new List<SilenceEnded>();
        foreach (var result in results)
        {
            var reply = (RedisResult[])result!;
            var at = 0;
            while (at < reply.Length)
            {
                var deviceId = ParseLong(reply[at]);
                long? before = reply[at + 1].ToString().Length > 0 ? ParseLong(reply[at + 1]) : null;
                changes.Add(new LastSeenChange(deviceId, before, ParseLong(reply[at + 2])));
                var count = (int)reply[at + 3];
                for (var k = 0; k < count; k++)
                {
                    ended.Add(new SilenceEnded(deviceId, ParseLong(reply[at + 4 + (2 * k)]), ParseLong(reply[at + 5 + (2 * k)])));
                }

                at += 4 + (2 * count);
            }
        }

        return new SeenOutcome(changes, ended);
    }

    public async Task ConfirmEnded(IReadOnlyCollection<SilenceEnded> ended, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(ended);
        if (ended.Count == 0)
        {
            return;
        }

        RedisValue[] values = [.. ended.SelectMany(e => new RedisValue[] { e.DeviceId, e.TimeMs })];
        await Run(
            _database.ScriptEvaluateAsync(RedisStateScripts.ConfirmEnded, [_endedKey], values),
            "confirm ended silences",
            cancellation).ConfigureAwait(false);
    }
}
