using Microsoft.Extensions.Configuration;

namespace StreamEngine.Connectors.Sms;

/// <summary>How SMS are sent: section <c>Sms</c>, with the Twilio account in <c>Sms:Twilio</c>.</summary>
public sealed record SmsSettings
{
    public const string SectionName = "Sms";

    public TwilioSettings Twilio { get; init; } = new();

    /// <summary>The most messages per second sent from this process, all recipients together (protects the account).</summary>
    public double RatePerSecond { get; init; } = 10;

    /// <summary>How many messages may go at once after a quiet spell, before <see cref="RatePerSecond"/> applies.</summary>
    public int Burst { get; init; } = 10;

    /// <summary>Attempts per message, the first included, for failures that may pass (429, 5xx, connection errors).</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>How long one message may keep being retried before the sender gives up and throws.</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait before the first retry; it doubles each retry, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one HTTP request may take before it counts as a failed attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads the <c>Sms</c> section; missing keys keep their defaults.</summary>
    public static SmsSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(SectionName).Get<SmsSettings>() ?? new SmsSettings();
    }
}
