using StreamEngine.Abstractions.Notifications;

namespace StreamEngine.Host.Topologies;

/// <summary>Passes each SMS to another sender and counts what the provider accepted and rejected, for the live counts.</summary>
public sealed class CountingSmsSender(ISmsSender inner) : ISmsSender
{
    private long _accepted;
    private long _rejected;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Sends through the inner sender; its exceptions pass through uncounted.</summary>
    public async Task<SmsResult> Send(SmsMessage message, CancellationToken cancellation = default)
    {
        var result = await inner.Send(message, cancellation).ConfigureAwait(false);
        if (result is SmsAccepted)
        {
            Interlocked.Increment(ref _accepted);
        }
        else
        {
            Interlocked.Increment(ref _rejected);
        }

        return result;
    }
}
