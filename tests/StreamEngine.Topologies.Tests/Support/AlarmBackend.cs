using StreamEngine.Abstractions.Notifications;
using StreamEngine.Abstractions.State;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>
/// The state store and SMS provider an alarm topology spec runs against, with what the spec needs to see and to
/// break: the messages the provider accepted, how often it was asked, and failures for the next attempts.
/// </summary>
public abstract class AlarmBackend : IAsyncDisposable
{
    public abstract IAlarmState State { get; }

    public abstract ISmsSender Sms { get; }

    /// <summary>The messages the provider accepted, in order (their alert ids only where the provider sees them).</summary>
    public abstract IReadOnlyList<SmsMessage> Sent { get; }

    /// <summary>Every attempt that reached the provider, accepted or not.</summary>
    public abstract int SmsAttempts { get; }

    /// <summary>The provider is unavailable (a 5xx) for its next <paramref name="attempts"/> attempts.</summary>
    public abstract void SmsUnavailableFor(int attempts);

    /// <summary>The provider refuses the next message for good, with this error code and message.</summary>
    public abstract void SmsRejectsNext(int code, string message);

    public abstract ValueTask DisposeAsync();
}
