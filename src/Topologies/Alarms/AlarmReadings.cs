using System.Text.Json;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Topologies.Readings;

namespace StreamEngine.Topologies.Alarms;

/// <summary>
/// The parse and config stages of the alarm topologies that check readings against a device's config: a record becomes
/// a reading or its dead letter, then the reading gets its device's config from the cache, the registry being retried
/// with backoff while it is unavailable.
/// </summary>
internal static class AlarmReadings
{
    public static ConfiguredReading Parse(CommittableMessage message, string deadLettersTopic, string topology, TimeProvider clock)
    {
        try
        {
            return new ConfiguredReading(message.Offset, message.Record.Source, ReadingJson.Deserialize(message.Record.Value), null, null);
        }
        catch (JsonException e)
        {
            var letter = NotAReading.DeadLetter(message.Record, deadLettersTopic, topology, e, clock.GetUtcNow().ToUnixTimeMilliseconds());
            return new ConfiguredReading(message.Offset, message.Record.Source, null, null, letter);
        }
    }

    public static async ValueTask<ConfiguredReading> WithConfig(ConfiguredReading entry, DeviceConfigCache configs, TimeSpan retryFirstBackoff, TimeSpan retryMaxBackoff)
    {
        if (entry.Reading is not { } reading)
        {
            return entry;
        }

        return entry with { Config = await ConfigOf(reading.DeviceId, configs, retryFirstBackoff, retryMaxBackoff).ConfigureAwait(false) };
    }

    /// <summary>A device's config from the cache; a registry that fails is asked again with backoff until it answers.</summary>
    public static ValueTask<DeviceConfig?> ConfigOf(long deviceId, DeviceConfigCache configs, TimeSpan retryFirstBackoff, TimeSpan retryMaxBackoff)
    {
        var pending = configs.Get(deviceId);
        return pending.IsCompletedSuccessfully
            ? pending
            : new ValueTask<DeviceConfig?>(Backoff.UntilDone(
                () => configs.Get(deviceId).AsTask(), e => e is not OperationCanceledException, retryFirstBackoff, retryMaxBackoff));
    }
}
