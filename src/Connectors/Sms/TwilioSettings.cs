namespace StreamEngine.Connectors.Sms;

/// <summary>
/// The Twilio account that sends the SMS: section <c>Sms:Twilio</c>. No <see cref="AccountSid"/> = print each SMS
/// instead. Exactly one of <see cref="From"/> and <see cref="MessagingServiceSid"/> must be set.
/// </summary>
public sealed record TwilioSettings
{
    /// <summary>The account SID (<c>AC…</c>); the user name of Basic auth and part of the URL.</summary>
    public string AccountSid { get; init; } = "";

    /// <summary>The account's auth token; the password of Basic auth.</summary>
    public string AuthToken { get; init; } = "";

    /// <summary>The sending number in E.164, or an alphanumeric sender id.</summary>
    public string From { get; init; } = "";

    /// <summary>A Messaging Service (<c>MG…</c>) that picks the sender, instead of <see cref="From"/>.</summary>
    public string MessagingServiceSid { get; init; } = "";

    /// <summary>Where the Twilio REST API is; tests point it at a local stand-in.</summary>
    public Uri BaseUrl { get; init; } = new("https://api.twilio.com");

    /// <summary>True when an account is configured and SMS go to Twilio.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid);
}
