namespace StreamEngine.Topologies.Rules;

/// <summary>
/// The operational knobs of a rule topology, the same for every rule (what a rule watches and whom it tells is its
/// <see cref="Abstractions.Deployment.RuleDefinition"/>), with the defaults of the thresholds topology.
/// </summary>
public sealed record RuleSettings
{
    public string AlertsTopic { get; init; } = "alerts";

    public string DeadLettersTopic { get; init; } = "deadletters";

    /// <summary>How often a <c>silence</c> rule looks for devices that fell silent. Default 15 s, as the alerts topology's loader.</summary>
    public TimeSpan SilenceCheckInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Readings whose device config is being looked up at once. Default 8.</summary>
    public int LookupParallelism { get; init; } = 8;

    /// <summary>SMS being sent at once, at most. Default 8.</summary>
    public int SmsParallelism { get; init; } = 8;

    /// <summary>
    /// The readings on their way through the notify stage at most: they come out in order, so those behind an SMS being
    /// sent wait for it, while the SMS of those behind go out meanwhile. Default 10,000.
    /// </summary>
    public int NotifyWindow { get; init; } = 10_000;

    /// <summary>The first wait after the SMS provider, the registry or the state store failed; doubled each time. Default 200 ms.</summary>
    public TimeSpan RetryFirstBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two tries. Default 30 s.</summary>
    public TimeSpan RetryMaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
