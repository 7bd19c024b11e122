namespace StreamEngine.Abstractions.Notifications;

/// <summary>The provider accepted the message for delivery and gave it this id (a Twilio message SID, <c>SM…</c>).</summary>
public sealed record SmsAccepted(string ProviderId) : SmsResult;
