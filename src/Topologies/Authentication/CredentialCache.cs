using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Topologies.Authentication;

/// <summary>
/// Checks tokens against the registry without paying the registry or bcrypt per message. Per id it keeps what the
/// registry said (also "unknown") for <c>refresh</c>, and the SHA-256 of the token that verified and of a few that
/// did not, compared in constant time. Concurrent checks of one id share one registry call. An id checked in the last
/// quarter of <c>refresh</c> is reloaded in the background; one not checked then is reloaded, waiting, after
/// <c>refresh</c>. Either way a change in the registry is seen within that time, and at once when it is announced
/// (<see cref="Forget"/>).
/// </summary>
public sealed class CredentialCache(
    Func<long, CancellationToken, Task<StoredCredential?>> lookup, ITokenHasher hasher, TimeSpan refresh, Func<long>? clockMs = null)
{
    private const int RememberedBadTokens = 8;

    /// <summary>Tokens up to this many UTF-8 bytes are hashed from the stack; longer ones (none the engine issues) from the heap.</summary>
    private const int MaxStackTokenBytes = 256;

    /// <summary>The fraction of <c>refresh</c> after which a check of an id reloads it in the background.</summary>
    private const double RefreshAheadAt = 0.75;

    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly ConcurrentDictionary<long, Task<Entry>> _loading = new();
    private readonly Func<long> _clockMs = clockMs ?? (() => Environment.TickCount64);

    /// <summary>How many times the registry was asked: one per id per refresh period, whatever the message rate.</summary>
    public long RegistryCalls => Interlocked.Read(ref _registryCalls);

    private long _registryCalls;

    /// <summary>Counts <see cref="Forget"/>s: a load that began before one does not keep what it read.</summary>
    private long _generation;

    /// <summary>Drops what is known of <paramref name="id"/>: its next check asks the registry, waiting.</summary>
    public void Forget(long id)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(id, out _);
        _loading.TryRemove(id, out _);
    }

    /// <summary>Drops what is known of every id, for changes that may have been missed.</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
        _loading.Clear();
    }

    public ValueTask<CredentialCheck> Check(long id, string token, CancellationToken cancellation = default)
    {
        if (_entries.TryGetValue(id, out var entry))
        {
            var age = _clockMs() - entry.LoadedAt;
            if (age < refresh.TotalMilliseconds)
            {
                if (age >= refresh.TotalMilliseconds * RefreshAheadAt)
                {
                    RefreshInBackground(id);
                }

                return ValueTask.FromResult(Judge(entry, token));
            }
        }

        return CheckAfterLoading(id, token, cancellation);
    }

    /// <summary>
    /// Reloads an id that is still fresh but will not be for long, without making its checks wait: an id in use never
    /// expires, so messages do not queue behind its registry call. A failed reload keeps the entry; once it expires the
    /// next check loads it again and waits.
    /// </summary>
    private void RefreshInBackground(long id)
    {
        if (_loading.ContainsKey(id))
        {
            return;
        }

        var loading = _loading.GetOrAdd(id, key => Load(key, CancellationToken.None));
        _ = loading.ContinueWith(
            done => _loading.TryRemove(new KeyValuePair<long, Task<Entry>>(id, done)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async ValueTask<CredentialCheck> CheckAfterLoading(long id, string token, CancellationToken cancellation)
    {
        var loading = _loading.GetOrAdd(id, key => Load(key, cancellation));
        try
        {
            return Judge(await loading.ConfigureAwait(false), token);
        }
        finally
        {
            _loading.TryRemove(new KeyValuePair<long, Task<Entry>>(id, loading));
        }
    }

    private async Task<Entry> Load(long id, CancellationToken cancellation)
    {
        Interlocked.Increment(ref _registryCalls);
        var generation = Interlocked.Read(ref _generation);
        var credential = await lookup(id, cancellation).ConfigureAwait(false);
        var loaded = new Entry(credential, _clockMs());
        if (_entries.TryGetValue(id, out var previous) && credential is not null && previous.HashIs(credential.TokenHash))
        {
            // Same hash: what was verified against it still holds.
            loaded.TakeDigestsFrom(previous);
        }

        if (generation == Interlocked.Read(ref _generation))
        {
            _entries[id] = loaded;
        }

        return loaded;
    }

    private CredentialCheck Judge(Entry entry, string token)
    {
        if (!entry.Known)
        {
            return CredentialCheck.Unknown;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        Digest(token, digest);
        var verdict = entry.Recall(digest);
        if (verdict is null)
        {
            verdict = hasher.Verify(token, entry.TokenHash());
            entry.Remember(digest.ToArray(), verdict.Value);
        }

        return !verdict.Value ? CredentialCheck.BadToken : entry.Active ? CredentialCheck.Valid : CredentialCheck.Inactive;
    }

    private static void Digest(string token, Span<byte> digest)
    {
        var length = Encoding.UTF8.GetByteCount(token);
        var utf8 = length <= MaxStackTokenBytes ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(token, utf8);
        SHA256.HashData(utf8, digest);
    }

    /// <summary>
    /// One id's credential, kept small: a node holds one per device and gateway it has seen (110,000 for 100,000 devices
    /// behind 10,000 gateways), about 260 bytes each where it was 430. The hash is kept as its ASCII bytes, not a string
    /// (half the size); the remembered digests are arrays swapped whole, so reading them takes no lock.
    /// </summary>
    private sealed class Entry(StoredCredential? credential, long loadedAt)
    {
        private readonly byte[]? _hash = credential is null ? null : Encoding.UTF8.GetBytes(credential.TokenHash);
        private byte[]? _good;
        private byte[][] _bad = [];

        /// <summary>False when the registry does not know the id.</summary>
        public bool Known => _hash is not null;

        public bool Active { get; } = credential?.Active ?? false;

        public long LoadedAt { get; } = loadedAt;

        public string TokenHash() => Encoding.UTF8.GetString(_hash!);

        /// <summary>Whether <paramref name="tokenHash"/> is the hash kept (hashes are ASCII; anything else never matches, and is verified again).</summary>
        public bool HashIs(string tokenHash) => _hash is not null && Ascii.Equals(_hash, tokenHash);

        public bool? Recall(ReadOnlySpan<byte> digest)
        {
            if (Volatile.Read(ref _good) is { } good && CryptographicOperations.FixedTimeEquals(good, digest))
            {
                return true;
            }

            foreach (var bad in Volatile.Read(ref _bad))
            {
                if (CryptographicOperations.FixedTimeEquals(bad, digest))
                {
                    return false;
                }
            }

            return null;
        }

        public void Remember(byte[] digest, bool verified)
        {
            if (verified)
            {
                Volatile.Write(ref _good, digest);
                return;
            }

            byte[][] seen, remembered;
            do
            {
                seen = Volatile.Read(ref _bad);
                remembered = seen.Length == RememberedBadTokens ? [.. seen.AsSpan(1), digest] : [.. seen, digest];
            }
            while (Interlocked.CompareExchange(ref _bad, remembered, seen) != seen);
        }

        public void TakeDigestsFrom(Entry previous)
        {
            _good = Volatile.Read(ref previous._good);
            _bad = Volatile.Read(ref previous._bad);
        }
    }
}
