using System.Collections.ObjectModel;
using System.Globalization;
using StreamEngine.Abstractions.Alerts;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Topologies.Alarms;

/// <summary>
/// What the alarm topologies need of a device's registry entry: its limits and its contact, read from the config map
/// keys <c>minTemperature</c>, <c>maxTemperature</c>, <c>minBattery</c>, <c>name</c>, <c>owner</c>, <c>phone</c>.
/// A limit that is missing or not a number is not checked (except <c>minBattery</c>, which falls back to the default).
/// <see cref="Values"/> keeps the whole map, for what matches devices on any key (a rule's device filter).
/// </summary>
public sealed record DeviceConfig(
    long DeviceId, bool Active, double? MinTemperature, double? MaxTemperature, double MinBattery, AlertDevice Contact)
{
    public const string NameKey = "name";
    public const string OwnerKey = "owner";
    public const string PhoneKey = "phone";
    public const string MinTemperatureKey = "minTemperature";
    public const string MaxTemperatureKey = "maxTemperature";
    public const string MinBatteryKey = "minBattery";

    /// <summary>The registry's config map as it was read, every key; empty unless read by <see cref="From"/>.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Reads a registry entry; <paramref name="defaultMinBattery"/> applies when it sets no valid <c>minBattery</c>.</summary>
    public static DeviceConfig From(DeviceRecord record, double defaultMinBattery)
    {
        ArgumentNullException.ThrowIfNull(record);
        var config = record.Config;
        return new DeviceConfig(
            record.Id,
            record.State,
            Number(config, MinTemperatureKey),
            Number(config, MaxTemperatureKey),
            Number(config, MinBatteryKey) ?? defaultMinBattery,
            new AlertDevice(Text(config, NameKey), Text(config, OwnerKey), Text(config, PhoneKey)))
        {
            Values = config,
        };
    }

    private static double? Number(IReadOnlyDictionary<string, string> config, string key) =>
        config.TryGetValue(key, out var text)
        && double.TryParse(text.Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && double.IsFinite(value)
            ? value
            : null;

    private static string? Text(IReadOnlyDictionary<string, string> config, string key) =>
        config.TryGetValue(key, out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
