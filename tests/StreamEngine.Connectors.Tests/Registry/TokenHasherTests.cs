using StreamEngine.Connectors.Registry;

namespace StreamEngine.Connectors.Tests.Registry;

public sealed class TokenHasherTests
{
    [Theory]
    [InlineData(false, "$2")]
    [InlineData(true, "$sha256$")]
    public void A_hash_verifies_its_secret_and_no_other(bool issued, string prefix)
    {
        var hasher = new TokenHasher(workFactor: 4);

        var hash = issued ? hasher.HashIssued("B12F31EBDDF2D982895195964FEAB0065031430B") : hasher.Hash("B12F31EBDDF2D982895195964FEAB0065031430B");

        Assert.StartsWith(prefix, hash, StringComparison.Ordinal);
        Assert.DoesNotContain("B12F31EBDDF2D982895195964FEAB0065031430B", hash, StringComparison.Ordinal);
        Assert.True(hasher.Verify("B12F31EBDDF2D982895195964FEAB0065031430B", hash));
        Assert.False(hasher.Verify("B12F31EBDDF2D982895195964FEAB0065031430C", hash));
    }

    [Fact]
    public void The_same_secret_hashes_differently_each_time()
    {
        var hasher = new TokenHasher(workFactor: 4);

        Assert.NotEqual(hasher.Hash("789"), hasher.Hash("789"));
        Assert.NotEqual(hasher.HashIssued("789"), hasher.HashIssued("789"));
    }

    [Fact]
    public void A_damaged_sha256_hash_never_verifies()
    {
        var hasher = new TokenHasher();
        var hash = hasher.HashIssued("789");

        Assert.False(hasher.Verify("789", hash[..^4]));
        Assert.False(hasher.Verify("789", "$sha256$"));
        Assert.False(hasher.Verify("789", "$sha256$!!!$!!!"));
    }

    [Fact]
    public void The_work_factor_defaults_to_10_and_is_written_into_the_hash()
    {
        Assert.Equal(10, new TokenHasher().WorkFactor);
        Assert.Contains("$05$", new TokenHasher(workFactor: 5).Hash("x"), StringComparison.Ordinal);
    }

    [Fact]
    public void Something_that_is_not_a_bcrypt_hash_never_verifies()
    {
        var hasher = new TokenHasher(workFactor: 4);

        Assert.False(hasher.Verify("789", "789"));
        Assert.False(hasher.Verify("789", ""));
    }

    [Fact]
    public void A_work_factor_outside_4_to_31_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenHasher(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenHasher(32));
    }
}
