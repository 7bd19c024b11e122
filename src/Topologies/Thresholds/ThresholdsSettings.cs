namespace StreamEngine.Topologies.Thresholds;

/// <summary>Parameters of the thresholds topology (thesis 7.3.4), with the defaults of DESIGN.md section 4.</summary>
public sealed record ThresholdsSettings
{
    public string AlertsTopic { get; init; } = "alerts";

    public string DeadLettersTopic { get; init; } = "deadletters";

    /// <summary>Text each alert to the device's phone; false = only write it to <see cref="AlertsTopic"/>. Default true.</summary>
    public bool SendSms { get; init; } = true;

    /// <summary>How often every known device's config is reloaded from the registry. Default 10 minutes, as the thesis.</summary>
    public TimeSpan ConfigRefresh { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The battery limit, in percent, of a device whose config sets no <c>minBattery</c>. Default 20.</summary>
    public double DefaultMinBattery { get; init; } = 20;

    /// <summary>At most one alert per device per kind within this time. Default 1 hour, as the thesis.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Readings whose cooldown claims go to the state store in one batch, at most. Default 1,024.</summary>
    public int ClaimBatch { get; init; } = 1_024;

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
