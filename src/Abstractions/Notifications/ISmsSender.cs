namespace StreamEngine.Abstractions.Notifications;

/// <summary>Sends text messages to the people who must act on an alert.</summary>
/// <remarks>
/// <see cref="Send"/> returns <see cref="SmsAccepted"/> with the provider's message id, or <see cref="SmsRejected"/>
/// when the provider refuses the message for good (do not retry it). Failures that may pass (provider down, rate
/// limited, network) are retried inside the sender within its configured budget; when that runs out it throws
/// <see cref="SmsUnavailableException"/>. Safe to call concurrently; implementations limit the global send rate.
/// </remarks>
public interface ISmsSender
{
    Task<SmsResult> Send(SmsMessage message, CancellationToken cancellation = default);
}
