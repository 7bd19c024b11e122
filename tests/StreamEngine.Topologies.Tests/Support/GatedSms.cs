using StreamEngine.Abstractions.Notifications;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>
/// An SMS sender in front of another that holds the messages <paramref name="held"/> picks until <see cref="Release"/>,
/// and notes how many sends were under way at once at most.
/// </summary>
public sealed class GatedSms(ISmsSender inner, Func<SmsMessage, bool> held) : ISmsSender
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _underWay;
    private int _mostAtOnce;
    private int _waiting;

    /// <summary>Sends held at the gate now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>The most sends under way at the same time so far.</summary>
    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    /// <summary>Lets every held send, and every later one, through.</summary>
    public void Release() => _gate.TrySetResult();

    public async Task<SmsResult> Send(SmsMessage message, CancellationToken cancellation = default)
    {
        var underWay = Interlocked.Increment(ref _underWay);
        int most;
        while (underWay > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, underWay, most) != most)
        {
        }

        try
        {
            if (held(message))
            {
                Interlocked.Increment(ref _waiting);
                await _gate.Task.WaitAsync(cancellation);
                Interlocked.Decrement(ref _waiting);
            }

            return await inner.Send(message, cancellation);
        }
        finally
        {
            Interlocked.Decrement(ref _underWay);
        }
    }
}
