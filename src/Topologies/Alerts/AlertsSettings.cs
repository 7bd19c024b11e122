namespace StreamEngine.Topologies.Alerts;

/// <summary>Parameters of the alerts (no-communication) topology (thesis 7.3.5), with the defaults of DESIGN.md section 4.</summary>
public sealed record AlertsSettings
{
    public string AlertsTopic { get; init; } = "alerts";

    public string DeadLettersTopic { get; init; } = "deadletters";

    /// <summary>Text each alert to the device's phone; false = only write it to <see cref="AlertsTopic"/>. Default true.</summary>
    public bool SendSms { get; init; } = true;

    /// <summary>A device with no reading for longer than this is silent. Default 1 hour, as the thesis.</summary>
    public TimeSpan Silence { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often the loader looks for devices that fell silent. Default 15 s, as the thesis.</summary>
    public TimeSpan LoaderInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Newly silent devices the loader reports per tick at most; the rest come at the next ticks. Default 1,000.</summary>
    public int LoaderLimit { get; init; } = 1_000;

    /// <summary>Readings whose times go to the state store in one batch, at most. Default 1,024.</summary>
    public int SeenBatch { get; init; } = 1_024;

    /// <summary>
    /// A reading no more than this newer than the time a worker last recorded for its device is not recorded again:
    /// the state store's last-seen times then lag the newest readings by at most this, so a silence may be found up to
    /// this much early, and a device reporting every few seconds costs the store one write per this period instead
    /// of one per reading. Default 10 s, and never more than a tenth of <see cref="Silence"/>; zero records every reading.
    /// </summary>
    public TimeSpan SeenResolution { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often every known device's config is reloaded from the registry. Default 10 minutes.</summary>
    public TimeSpan ConfigRefresh { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Alerts whose device info is being looked up at once. Default 8.</summary>
    public int LookupParallelism { get; init; } = 8;

    /// <summary>SMS being sent at once, at most. Default 8.</summary>
    public int SmsParallelism { get; init; } = 8;

    /// <summary>
    /// The readings and silences on their way through the notify stage at most: they come out in order, so those behind
    /// an SMS being sent wait for it, while the SMS of those behind go out meanwhile. Default 10,000.
    /// </summary>
    public int NotifyWindow { get; init; } = 10_000;

    /// <summary>The first wait after the SMS provider, the registry or the state store failed; doubled each time. Default 200 ms.</summary>
    public TimeSpan RetryFirstBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two tries. Default 30 s.</summary>
    public TimeSpan RetryMaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
