namespace StreamEngine.Topologies.Authentication;

/// <summary>Parameters of the authentication topology, with the defaults of DESIGN.md section 4.</summary>
public sealed record AuthenticationSettings
{
    public string ReadingsTopic { get; init; } = "readings";

    public string DeadLettersTopic { get; init; } = "deadletters";

    /// <summary>
    /// How long a registry answer is trusted when no change of the id is announced (an announced change is seen at
    /// once): a change whose announcement was lost is seen within this time. Default 10 minutes, as the alarm
    /// topologies' device configs.
    /// </summary>
    public TimeSpan CredentialRefresh { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Reports whose credentials are being looked up at once, per branch. Default 8.</summary>
    public int LookupParallelism { get; init; } = 8;
}
