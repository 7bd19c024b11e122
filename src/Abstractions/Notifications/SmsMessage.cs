namespace StreamEngine.Abstractions.Notifications;

/// <summary>One text message: the recipient's number in E.164 (<c>+351…</c>), the text, and the alert it tells about.</summary>
public sealed record SmsMessage(string To, string Body, string AlertId);
