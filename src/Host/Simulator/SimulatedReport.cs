namespace StreamEngine.Host.Simulator;

/// <summary>
/// A report ready for the <c>reports</c> topic (key = gateway id) with what the engine must make of it: how many
/// readings, and which dead letter, if any.
/// </summary>
/// <param name="Key">The gateway id the report is keyed by.</param>
/// <param name="Json">The report.</param>
/// <param name="Kind"><see cref="Valid"/>, or the dead-letter reason the report was built to provoke.</param>
/// <param name="ExpectedReadings">Readings the authentication topology must emit for it.</param>
/// <param name="ExpectedDeadLetter">The reason of the one dead letter it must cause, or null for none.</param>
public sealed record SimulatedReport(long Key, string Json, string Kind, int ExpectedReadings, string? ExpectedDeadLetter)
{
    /// <summary>The kind of a report whose every reading is good.</summary>
    public const string Valid = "valid";
}
