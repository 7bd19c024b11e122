namespace StreamEngine.Abstractions.Alerts;

/// <summary>The <c>kind</c> values of an <see cref="Alert"/>.</summary>
public static class AlertKind
{
    public const string TemperatureHigh = "temperature-high";
    public const string TemperatureLow = "temperature-low";
    public const string BatteryLow = "battery-low";
    public const string NoCommunication = "no-communication";
    public const string CommunicationRestored = "communication-restored";
}
