using Microsoft.Extensions.Logging;

namespace StreamEngine.Connectors.Sms;

/// <summary>The SMS connectors' log messages. Phone numbers and texts are not logged, only alert ids and message SIDs.</summary>
internal static partial class SmsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "SMS for alert {AlertId} accepted by Twilio as {Sid}")]
    public static partial void Accepted(ILogger logger, string alertId, string sid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS for alert {AlertId} rejected by Twilio: {Code} {Message}")]
    public static partial void Rejected(ILogger logger, string alertId, int code, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS for alert {AlertId}, attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string alertId, int attempt, string reason, TimeSpan delay);
}
