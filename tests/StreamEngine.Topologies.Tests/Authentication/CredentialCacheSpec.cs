using StreamEngine.Testing;
using StreamEngine.Topologies.Authentication;

namespace StreamEngine.Topologies.Tests.Authentication;

public sealed class CredentialCacheSpec
{
    private readonly FakeHasher _hasher = new();
    private readonly Dictionary<long, StoredCredential> _registry = [];
    private long _now;
    private int _lookups;

    private CredentialCache Cache() => new((id, _) =>
    {
        Interlocked.Increment(ref _lookups);
        return Task.FromResult(_registry.GetValueOrDefault(id));
    }, _hasher, TimeSpan.FromSeconds(5), () => _now);

    [Fact]
    public async Task One_registry_call_and_one_bcrypt_per_id_however_many_messages()
    {
        _registry[7] = new StoredCredential(_hasher.Hash("secret"), Active: true);
        var cache = Cache();

        var checks = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => cache.Check(7, "secret").AsTask()));

        Assert.All(checks, c => Assert.Equal(CredentialCheck.Valid, c));
        Assert.Equal(1, _lookups);
        Assert.Equal(1, _hasher.Verifications);
    }

    [Fact]
    public async Task An_unknown_id_is_looked_up_once_per_refresh_period()
    {
        var cache = Cache();

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(CredentialCheck.Unknown, await cache.Check(99, "x"));
        }

        Assert.Equal(1, _lookups);
        _now += 5_000;
        await cache.Check(99, "x");
        Assert.Equal(2, _lookups);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_not_verified_again()
    {
        _registry[7] = new StoredCredential(_hasher.Hash("secret"), Active: true);
        var cache = Cache();

        Assert.Equal(CredentialCheck.BadToken, await cache.Check(7, "guess"));
        Assert.Equal(CredentialCheck.BadToken, await cache.Check(7, "guess"));
        Assert.Equal(CredentialCheck.Valid, await cache.Check(7, "secret"));
        Assert.Equal(2, _hasher.Verifications);
    }

    [Fact]
    public async Task The_last_eight_wrong_tokens_of_an_id_are_remembered_and_older_ones_verified_again()
    {
        _registry[7] = new StoredCredential(_hasher.Hash("secret"), Active: true);
        var cache = Cache();
        var guesses = Enumerable.Range(1, 9).Select(i => $"guess {i}").ToList();
        foreach (var guess in guesses)
        {
            Assert.Equal(CredentialCheck.BadToken, await cache.Check(7, guess));
        }

        foreach (var guess in guesses.Skip(1))
        {
            Assert.Equal(CredentialCheck.BadToken, await cache.Check(7, guess));
        }

        Assert.Equal(9, _hasher.Verifications);
        Assert.Equal(CredentialCheck.BadToken, await cache.Check(7, guesses[0]));
        Assert.Equal(10, _hasher.Verifications);
    }

    [Fact]
    public async Task A_registry_change_is_seen_once_the_refresh_period_has_passed()
    {
        _registry[7] = new StoredCredential(_hasher.Hash("secret"), Active: false);
        var cache = Cache();
        Assert.Equal(CredentialCheck.Inactive, await cache.Check(7, "secret"));

        _registry[7] = new StoredCredential(_hasher.Hash("secret"), Active: true);
        Assert.Equal(CredentialCheck.Inactive, await cache.Check(7, "secret"));
        _now += 5_000;
        Assert.Equal(CredentialCheck.Valid, await cache.Check(7, "secret"));
        Assert.Equal(1, _hasher.Verifications);

        _registry[7] = new StoredCredential(_hasher.Hash("rotated"), Active: true);
        _now += 5_000;
        Assert.Equal(CredentialCheck.BadToken, await cache.Check(7, "secret"));
        Assert.Equal(CredentialCheck.Valid, await cache.Check(7, "rotated"));
    }

    [Fact]
    public async Task An_id_in_use_is_reloaded_in_the_background_before_it_expires_and_its_checks_never_wait()
    {
        _registry[7] = new StoredCredential(_hasher.Hash("secret"), Active: true);
        var lookup = new TaskCompletionSource();
        var lookups = 0;
        var cache = new CredentialCache(async (id, _) =>
        {
            if (Interlocked.Increment(ref lookups) > 1)
            {
                await lookup.Task;
            }

            return _registry.GetValueOrDefault(id);
        }, _hasher, TimeSpan.FromSeconds(5), () => _now);
        Assert.Equal(CredentialCheck.Valid, await cache.Check(7, "secret"));

        _registry[7] = new StoredCredential(_hasher.Hash("secret"), Active: false);
        _now = 4_000;
        var whileReloading = cache.Check(7, "secret").AsTask();

        Assert.True(whileReloading.IsCompleted, "a check during the background reload answers from the cache at once");
        Assert.Equal(CredentialCheck.Valid, await whileReloading);
        Assert.Equal(2, lookups);
        Assert.True(cache.Check(7, "secret").AsTask().IsCompleted);
        Assert.Equal(2, lookups);
        lookup.SetResult();
        await Eventually.True(
            () => cache.Check(7, "secret").AsTask() is { IsCompletedSuccessfully: true, Result: CredentialCheck.Inactive }, "the reloaded entry answering", TimeSpan.FromSeconds(5));
        _now = 7_000;
        Assert.Equal(CredentialCheck.Inactive, await cache.Check(7, "secret"));
        Assert.Equal(2, lookups);
    }

    [Fact]
    public async Task A_forgotten_id_is_looked_up_again_at_its_next_check_however_fresh_it_was()
    {
        _registry[7] = new StoredCredential(_hasher.Hash("secret"), Active: true);
        _registry[8] = new StoredCredential(_hasher.Hash("other"), Active: true);
        var cache = Cache();
        Assert.Equal(CredentialCheck.Valid, await cache.Check(7, "secret"));
        Assert.Equal(CredentialCheck.Valid, await cache.Check(8, "other"));

        _registry[7] = new StoredCredential(_hasher.Hash("secret"), Active: false);
        _registry.Remove(8);
        cache.Forget(7);

        Assert.Equal(CredentialCheck.Inactive, await cache.Check(7, "secret"));
        Assert.Equal(CredentialCheck.Valid, await cache.Check(8, "other"));
        Assert.Equal(3, _lookups);
        cache.ForgetAll();
        Assert.Equal(CredentialCheck.Unknown, await cache.Check(8, "other"));
        Assert.Equal(4, _lookups);
    }

    [Fact]
    public async Task A_load_under_way_when_its_id_is_forgotten_answers_its_own_check_but_is_not_kept()
    {
        _registry[7] = new StoredCredential(_hasher.Hash("secret"), Active: true);
        var slow = new TaskCompletionSource();
        var lookups = 0;
        var cache = new CredentialCache(async (id, _) =>
        {
            var answer = _registry.GetValueOrDefault(id);
            if (Interlocked.Increment(ref lookups) == 1)
            {
                await slow.Task;
            }

            return answer;
        }, _hasher, TimeSpan.FromSeconds(5), () => _now);

        // The registry answered "active" just before the device was deactivated and the change announced.
        var first = cache.Check(7, "secret").AsTask();
        _registry[7] = new StoredCredential(_hasher.Hash("secret"), Active: false);
        cache.Forget(7);
        slow.SetResult();

        Assert.Equal(CredentialCheck.Valid, await first);
        Assert.Equal(CredentialCheck.Inactive, await cache.Check(7, "secret"));
        Assert.Equal(2, lookups);
    }
}
