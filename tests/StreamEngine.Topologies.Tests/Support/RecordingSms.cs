using System.Collections.Concurrent;
using StreamEngine.Abstractions.Notifications;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>An SMS sender that keeps what it accepted; it can be told to be unavailable a number of times, or to reject.</summary>
public sealed class RecordingSms : ISmsSender
{
    private int _failuresLeft;
    private int _attempts;

    public ConcurrentQueue<SmsMessage> Sent { get; } = new();

    public int Attempts => Volatile.Read(ref _attempts);

    public SmsRejected? Rejection { get; set; }

    public void FailNext(int times) => Volatile.Write(ref _failuresLeft, times);

    public Task<SmsResult> Send(SmsMessage message, CancellationToken cancellation = default)
    {
        Interlocked.Increment(ref _attempts);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new SmsUnavailableException("the stand-in provider is down");
        }

        if (Rejection is { } rejected)
        {
            return Task.FromResult<SmsResult>(rejected);
        }

        Sent.Enqueue(message);
        return Task.FromResult<SmsResult>(new SmsAccepted($"SM{Sent.Count:D32}"));
    }
}
