namespace StreamEngine.Host.Simulator;

/// <summary>The gateway simulator of the main job (section <c>Simulator</c>; thesis 8.1.1).</summary>
public sealed record SimulatorSettings
{
    public const string SectionName = "Simulator";

    /// <summary>Run the simulator inside the engine. Default false.</summary>
    public bool Enabled { get; init; }

    public int Gateways { get; init; } = 3;

    public int DevicesPerGateway { get; init; } = 10;

    /// <summary>Reports published per second, all gateways together. Default 20.</summary>
    public int ReportsPerSecond { get; init; } = 20;

    /// <summary>Every Nth report carries a wrong device token, so dead letters show up too; 0 = never. Default 25.</summary>
    public int BadReportEvery { get; init; } = 25;
}
