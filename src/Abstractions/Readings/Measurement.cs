namespace StreamEngine.Abstractions.Readings;

/// <summary>One measurement as a gateway sends it.</summary>
/// <param name="Temp">Temperature in °C.</param>
/// <param name="Time">Unix seconds, integer or fractional.</param>
/// <param name="Batt">Battery level in percent.</param>
public sealed record Measurement(double Temp, double Time, int Batt)
{
    /// <summary><see cref="Time"/> in Unix milliseconds, rounded to the nearest millisecond.</summary>
    public long TimeMs => (long)Math.Round(Time * 1000d, MidpointRounding.AwayFromZero);
}
