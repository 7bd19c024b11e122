namespace StreamEngine.Abstractions.Deployment;

/// <summary>
/// <c>rise-rate</c>: a device's temperature rose faster than <paramref name="DegreesPerHour"/> °C per hour, measured
/// from the first to the last reading within the last <paramref name="Window"/> (a door left open, a compressor down).
/// </summary>
public sealed record RiseRateCondition(double DegreesPerHour, TimeSpan Window) : RuleCondition
{
    public const string Name = "rise-rate";

    /// <summary>The window of a <c>rise-rate</c> that names none: 1 hour.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(1);

    public override string Type => Name;
}
