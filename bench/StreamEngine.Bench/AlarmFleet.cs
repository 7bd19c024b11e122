using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Abstractions.State;
using StreamEngine.Topologies.Alarms;

namespace StreamEngine.Bench;

/// <summary>
/// The devices of the alarm topologies and their readings. Every device is registered with limits 2–8 °C, a name and
/// a phone that spells its id (<c>+1</c> and ten digits), so an SMS tells which device it is about. Readings are 4.25 °C
/// and 80 % battery, except that <c>breachPercent</c> of the thresholds readings, spread evenly over sequence numbers,
/// are 12.5 °C; for the alerts topology, <c>breachPercent</c> of the devices were last seen 2 hours ago
/// (<see cref="SeedSilence"/>), so their first reading ends a silence. The fleet notes, per device, the Kafka
/// timestamp of the first reading that should raise an alert: the one that takes the cooldown, or ends the silence.
/// </summary>
internal sealed class AlarmFleet(int devices, double breachPercent)
{
    public const double MaxTemperature = 8;

    private const double NormalTemp = 4.25;
    private const double BreachTemp = 12.5;
    private const int Battery = 80;
    private const long PhoneBase = 10_000_000_000;

    private readonly ConcurrentDictionary<long, long> _firstAlarmMs = new();
    private readonly int _breachesPer10K = (int)Math.Round(breachPercent * 100);
    private readonly int _silentEvery = breachPercent > 0 ? Math.Max(1, (int)Math.Round(100 / breachPercent)) : int.MaxValue;
    private long _alarmReadings;

    public int Devices => devices;

    /// <summary>Readings made that should raise an alert, were there no cooldown.</summary>
    public long AlarmReadings => Interlocked.Read(ref _alarmReadings);

    /// <summary>Per device, the Kafka timestamp of its first reading that should raise an alert.</summary>
    public IReadOnlyDictionary<long, long> FirstAlarmMs => _firstAlarmMs;

    /// <summary>The device a phone number belongs to, or null when it is none of the fleet's.</summary>
    public static long? DeviceOfPhone(string phone) =>
        phone.StartsWith("+1", StringComparison.Ordinal)
        && long.TryParse(phone.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number - PhoneBase
            : null;

    /// <summary>The registry entry of a device (an in-memory registry: every id from 1 to <see cref="Devices"/>).</summary>
    public Task<DeviceRecord?> Lookup(long id, CancellationToken cancellation) =>
        Task.FromResult(id >= 1 && id <= devices ? Record(id) : null);

    /// <summary>Loads every device's config into the cache, as a running engine has it, before the clock starts.</summary>
    public async Task WarmUp(DeviceConfigCache configs)
    {
        for (var id = 1; id <= devices; id++)
        {
            await configs.Get(id).ConfigureAwait(false);
        }
    }

    /// <summary>Marks the alerts topology's silent devices as last seen 2 hours ago.</summary>
    public async Task SeedSilence(IDeviceActivity activity)
    {
        var twoHoursAgo = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeMilliseconds();
        var silent = Enumerable.Range(1, devices).Where(id => IsSilent(id)).Select(id => new DeviceSeen(id, twoHoursAgo)).ToList();
        foreach (var chunk in silent.Chunk(1_000))
        {
            await activity.RecordSeen(chunk).ConfigureAwait(false);
        }
    }

    /// <summary>Thresholds reading number <paramref name="sequence"/>; <paramref name="nowMs"/> is also its Kafka timestamp.</summary>
    public InputRecord ThresholdsReading(long sequence, long nowMs)
    {
        var device = DeviceOf(sequence);
        var breaches = Spread(sequence) < _breachesPer10K;
        if (breaches)
        {
            NoteAlarm(device, nowMs);
        }

        return Input(sequence, device, nowMs, breaches ? BreachTemp : NormalTemp);
    }

    /// <summary>Alerts reading number <paramref name="sequence"/>: the first reading of a silent device ends its silence.</summary>
    public InputRecord AlertsReading(long sequence, long nowMs)
    {
        var device = DeviceOf(sequence);
        if (sequence < devices && IsSilent(device))
        {
            NoteAlarm(device, nowMs);
        }

        return Input(sequence, device, nowMs, NormalTemp);
    }

    /// <summary>A plain reading, for the legacy topology.</summary>
    public InputRecord PlainReading(long sequence, long nowMs) => Input(sequence, DeviceOf(sequence), nowMs, NormalTemp);

    private static DeviceRecord Record(long id) => new(id, "-", true, new Dictionary<string, string>
    {
        [DeviceConfig.MinTemperatureKey] = "2",
        [DeviceConfig.MaxTemperatureKey] = MaxTemperature.ToString(CultureInfo.InvariantCulture),
        [DeviceConfig.NameKey] = string.Create(CultureInfo.InvariantCulture, $"Fridge {id}"),
        [DeviceConfig.OwnerKey] = "bench",
        [DeviceConfig.PhoneKey] = string.Create(CultureInfo.InvariantCulture, $"+1{PhoneBase + id}"),
    });

    private static InputRecord Input(long sequence, long device, long nowMs, double temp)
    {
        var reading = new Reading(device, (device % 1_000) + 1, nowMs, temp, Battery, nowMs,
            string.Create(CultureInfo.InvariantCulture, $"readings/0/{sequence}/0"));
        return new InputRecord(Encoding.UTF8.GetBytes(device.ToString(CultureInfo.InvariantCulture)), ReadingJson.Serialize(reading));
    }

    /// <summary>Spreads sequence numbers evenly over 0–9,999 (Fibonacci hashing), so breaches fall on ever other devices.</summary>
    private static long Spread(long sequence) => (long)(((ulong)sequence * 0x9E3779B97F4A7C15UL) >> 40) % 10_000;

    private long DeviceOf(long sequence) => (sequence % devices) + 1;

    private bool IsSilent(long device) => device % _silentEvery == 0;

    private void NoteAlarm(long device, long nowMs)
    {
        Interlocked.Increment(ref _alarmReadings);
        _firstAlarmMs.TryAdd(device, nowMs);
    }
}
