using System.Globalization;

namespace StreamEngine.Host.Simulator;

/// <summary>
/// What the in-host simulator's fleet does so that a person sees alarms happen: on the first gateway, the first device
/// warms up past its maxTemperature once every <see cref="SimulatorSettings.BreachEvery"/>, the second runs on a low
/// battery, and the third falls silent <see cref="SimulatorSettings.SilentDeviceAfter"/> into the run for
/// <see cref="SimulatorSettings.SilentDeviceFor"/>. A gateway with fewer devices has fewer of these roles.
/// </summary>
public sealed class AlarmScenario
{
    /// <summary>The warm device's temperature at the start of each round, °C.</summary>
    public const double CoolStart = 5;

    /// <summary>How far above its maxTemperature the warm device gets at the end of each round, °C.</summary>
    public const double Overshoot = 1;

    /// <summary>The low-battery device's battery, percent: below <see cref="SimulatedDeviceConfig.MinBattery"/>.</summary>
    public const int LowBattery = 15;

    private readonly TimeSpan _breachEvery;
    private readonly TimeSpan _silentAfter;
    private readonly TimeSpan _silentFor;

    private AlarmScenario(long? warm, long? lowBattery, long? silent, TimeSpan breachEvery, TimeSpan silentAfter, TimeSpan silentFor)
    {
        WarmDevice = warm;
        LowBatteryDevice = lowBattery;
        SilentDevice = silent;
        _breachEvery = breachEvery;
        _silentAfter = silentAfter;
        _silentFor = silentFor;
    }

    /// <summary>The device that gets too warm now and then; null when <see cref="SimulatorSettings.BreachEvery"/> is zero.</summary>
    public long? WarmDevice { get; }

    /// <summary>The device whose battery is low; null when <see cref="SimulatorSettings.BreachEvery"/> is zero or the gateway has one device.</summary>
    public long? LowBatteryDevice { get; }

    /// <summary>The device that falls silent; null when <see cref="SimulatorSettings.SilentDeviceAfter"/> is zero or the gateway has under three devices.</summary>
    public long? SilentDevice { get; }

    /// <summary>Picks the roles among the first gateway's devices.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A duration is negative, or positive but under a second.</exception>
    public static AlarmScenario For(IReadOnlyList<SimulatedGateway> gateways, SimulatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        ArgumentNullException.ThrowIfNull(settings);
        Check(settings.BreachEvery, "Simulator:BreachEvery", "no breaches");
        Check(settings.SilentDeviceAfter, "Simulator:SilentDeviceAfter", "no silent device");
        Check(settings.SilentDeviceFor, "Simulator:SilentDeviceFor", "silent for good");
        var devices = gateways.Count > 0 ? gateways[0].Devices : [];
        var breaches = settings.BreachEvery > TimeSpan.Zero;
        return new AlarmScenario(
            breaches && devices.Count > 0 ? devices[0].Id : null,
            breaches && devices.Count > 1 ? devices[1].Id : null,
            settings.SilentDeviceAfter > TimeSpan.Zero && devices.Count > 2 ? devices[2].Id : null,
            settings.BreachEvery,
            settings.SilentDeviceAfter,
            settings.SilentDeviceFor);
    }

    /// <summary>False while the silent device is silent: <paramref name="elapsedSeconds"/> after the run's first report.</summary>
    public bool Reports(long deviceId, long elapsedSeconds)
    {
        if (deviceId != SilentDevice || elapsedSeconds < _silentAfter.TotalSeconds)
        {
            return true;
        }

        return _silentFor > TimeSpan.Zero && elapsedSeconds >= (_silentAfter + _silentFor).TotalSeconds;
    }

    /// <summary>The reading the device sends instead of <paramref name="normal"/>: the warm device's temperature, the low battery.</summary>
    public SimulatedReading Apply(long deviceId, SimulatedReading normal, long elapsedSeconds)
    {
        ArgumentNullException.ThrowIfNull(normal);
        if (deviceId == WarmDevice)
        {
            // Readings come in whole seconds: the round's last second reaches the peak, so even a short round breaches.
            var round = ((elapsedSeconds % _breachEvery.TotalSeconds) + 1) / _breachEvery.TotalSeconds;
            var peak = SimulatedDeviceConfig.MaxTemperature + Overshoot;
            return normal with { Temp = Math.Round(CoolStart + ((peak - CoolStart) * round), 2) };
        }

        return deviceId == LowBatteryDevice ? normal with { Batt = LowBattery } : normal;
    }

    /// <summary>The start-up line that tells a person which device does what.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (WarmDevice is { } warm)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"device {warm} warms past {SimulatedDeviceConfig.MaxTemperature} C every {_breachEvery:c}"));
        }

        if (LowBatteryDevice is { } battery)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"device {battery} runs on a {LowBattery} % battery"));
        }

        if (SilentDevice is { } silent)
        {
            var back = _silentFor > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $" for {_silentFor:c}") : " for good";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"device {silent} falls silent {_silentAfter:c} into the run{back}"));
        }

        return parts.Count == 0 ? "every device stays within its limits" : string.Join(", ", parts);
    }

    private static void Check(TimeSpan value, string key, string zeroMeans)
    {
        if (value < TimeSpan.Zero || (value > TimeSpan.Zero && value < TimeSpan.FromSeconds(1)))
        {
            throw new ArgumentOutOfRangeException(key, value,
                $"{key} must be 00:00:00 ({zeroMeans}) or at least 00:00:01; it was {value:c}. Set it in whole seconds, e.g. --{key}=00:01:00.");
        }
    }
}
