namespace StreamEngine.Abstractions.Notifications;

/// <summary>
/// The provider refused the message for good (for Twilio: 21211 invalid To number, 21610 recipient unsubscribed);
/// sending it again would be refused again. <see cref="Code"/> and <see cref="Message"/> are the provider's own.
/// </summary>
public sealed record SmsRejected(int Code, string Message) : SmsResult;
