namespace StreamEngine.Host.Simulator;

/// <summary>One measurement as a gateway sends it: °C, Unix seconds, battery percent.</summary>
public sealed record SimulatedReading(double Temp, long Time, int Batt);
