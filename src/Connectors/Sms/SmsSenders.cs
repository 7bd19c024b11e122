using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.Notifications;

namespace StreamEngine.Connectors.Sms;

/// <summary>Makes the SMS sender the configuration asks for: Twilio when <c>Sms:Twilio:AccountSid</c> is set, else the console.</summary>
public static class SmsSenders
{
    public static ISmsSender Create(SmsSettings settings, HttpClient http, TimeProvider? clock = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Twilio.IsConfigured
            ? new TwilioSmsSender(http, settings, clock, logger)
            : new ConsoleSmsSender();
    }
}
