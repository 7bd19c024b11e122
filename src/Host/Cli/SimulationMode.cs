namespace StreamEngine.Host.Cli;

/// <summary>What <c>simulate</c> sends.</summary>
public enum SimulationMode
{
    /// <summary>A fixed scenario with every bad-input class, then its expected outcome.</summary>
    Deterministic,

    /// <summary>Reports at a rate for a duration, a share of them bad.</summary>
    Random,
}
