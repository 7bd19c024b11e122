namespace StreamEngine.Host.Kafka;

/// <summary>The topics of DESIGN.md section 3 the engine creates at start.</summary>
public static class EngineTopics
{
    public const string Reports = "reports";
    public const string Readings = "readings";
    public const string Alerts = "alerts";
    public const string DeadLetters = "deadletters";

    public static IReadOnlyList<string> All { get; } = [Reports, Readings, Alerts, DeadLetters];
}
