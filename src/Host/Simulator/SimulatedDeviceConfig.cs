using System.Globalization;

namespace StreamEngine.Host.Simulator;

/// <summary>
/// A simulated device's contact and limits, the same for both simulators: a fridge named after its place in the
/// fleet, owner <c>Simulator</c>, its own phone number, 2…8 °C and a battery warning under 20 %.
/// </summary>
public static class SimulatedDeviceConfig
{
    public const double MinTemperature = 2;
    public const double MaxTemperature = 8;
    public const double MinBattery = 20;

    /// <summary>The config map of the <paramref name="device"/>-th device (from 0) of the <paramref name="gateway"/>-th gateway (from 0).</summary>
    public static Dictionary<string, object> For(int gateway, int device) => new()
    {
        ["name"] = string.Create(CultureInfo.InvariantCulture, $"Simulated fridge {gateway + 1}.{device + 1}"),
        ["owner"] = "Simulator",
        ["phone"] = string.Create(CultureInfo.InvariantCulture, $"+3519{(gateway * 1000) + device:D8}"),
        ["minTemperature"] = MinTemperature,
        ["maxTemperature"] = MaxTemperature,
        ["minBattery"] = MinBattery,
    };

    /// <summary>The same map as the registry keeps it: every value as invariant text.</summary>
    public static Dictionary<string, string> AsText(int gateway, int device) =>
        For(gateway, device).ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "");
}
