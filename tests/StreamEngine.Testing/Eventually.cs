namespace StreamEngine.Testing;

/// <summary>Waits on a condition, polling it, instead of sleeping a fixed time; fails with what it waited for.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a wait lasts when the caller names no patience.</summary>
    private static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(15);

    /// <summary>Polls until <paramref name="condition"/> holds, for at most <paramref name="patience"/> (15 s when null).</summary>
    public static async Task True(Func<bool> condition, string what, TimeSpan? patience = null)
    {
        await Value(() => Task.FromResult(condition()), done => done, what, patience ?? DefaultPatience);
    }

    /// <summary>Polls until the asynchronous <paramref name="condition"/> holds, for at most <paramref name="patience"/> (15 s when null).</summary>
    public static async Task True(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        await Value(condition, done => done, what, patience ?? DefaultPatience);
    }

    /// <summary>Reads until <paramref name="done"/> holds for the value read, and returns that value.</summary>
    public static async Task<T> Value<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {patience.TotalSeconds:0} s for {what}; last value {value}.");
            }

            await Task.Delay(PollEvery);
        }
    }
}
