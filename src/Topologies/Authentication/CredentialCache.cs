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
/// <c>refresh</c>. Either way a change in the registry is seen within that time.
/// </summary>
public sealed class CredentialCache(
    Func<long, CancellationToken, Task<StoredCredential?>> lookup, ITokenHasher hasher, TimeSpan refresh, Func<long>? clockMs = null)
{
    private const int RememberedBadTokens = 8;

    /// <summary>The fraction of <c>refresh</c> after which a check of an id reloads it in the background.</summary>
    private const double RefreshAheadAt = 0.75;

    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly ConcurrentDictionary<long, Task<Entry>> _loading = new();
    private readonly Func<long> _clockMs = clockMs ?? (() => Environment.TickCount64);

    /// <summary>How many times the registry was asked: one per id per refresh period, whatever the message rate.</summary>
    public long RegistryCalls => Interlocked.Read(ref _registryCalls);

    private long _registryCalls;

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
        var credential = await lookup(id, cancellation).ConfigureAwait(false);
        var loaded = new Entry(credential, _clockMs());
        if (_entries.TryGetValue(id, out var previous) && credential is not null
            && previous.Credential?.TokenHash == credential.TokenHash)
        {
            // Same hash: what was verified against it still holds.
            loaded.TakeDigestsFrom(previous);
        }

        _entries[id] = loaded;
        return loaded;
    }

    private CredentialCheck Judge(Entry entry, string token)
    {
        if (entry.Credential is not { } credential)
        {
            return CredentialCheck.Unknown;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var verdict = entry.Recall(digest);
        if (verdict is null)
        {
            verdict = hasher.Verify(token, credential.TokenHash);
            entry.Remember(digest, verdict.Value);
        }

        return !verdict.Value ? CredentialCheck.BadToken : credential.Active ? CredentialCheck.Valid : CredentialCheck.Inactive;
    }

    private sealed class Entry(StoredCredential? credential, long loadedAt)
    {
        private readonly Lock _lock = new();
        private byte[]? _good;
        private List<byte[]> _bad = [];

        public StoredCredential? Credential { get; } = credential;

        public long LoadedAt { get; } = loadedAt;

        public bool? Recall(byte[] digest)
        {
            lock (_lock)
            {
                if (_good is not null && CryptographicOperations.FixedTimeEquals(_good, digest))
                {
                    return true;
                }

                return _bad.Exists(b => CryptographicOperations.FixedTimeEquals(b, digest)) ? false : null;
            }
        }

        public void Remember(byte[] digest, bool verified)
        {
            lock (_lock)
            {
                if (verified)
                {
                    _good = digest;
                }
                else
                {
                    if (_bad.Count == RememberedBadTokens)
                    {
                        _bad.RemoveAt(0);
                    }

                    _bad.Add(digest);
                }
            }
        }

        public void TakeDigestsFrom(Entry previous)
        {
            lock (previous._lock)
            {
                _good = previous._good;
                _bad = [.. previous._bad];
            }
        }
    }
}
