namespace StreamEngine.Topologies.Authentication;

/// <summary>Parameters of the authentication topology, with the defaults of DESIGN.md section 4.</summary>
public sealed record AuthenticationSettings
{
    public string ReadingsTopic { get; init; } = "readings";

    public string DeadLettersTopic { get; init; } = "deadletters";

    /// <summary>How long a registry answer is trusted: a change in the registry is seen within this time. Default 5 s.</summary>
    public TimeSpan CredentialRefresh { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reports whose credentials are being looked up at once, per branch. Default 8.</summary>
    public int LookupParallelism { get; init; } = 8;
}
