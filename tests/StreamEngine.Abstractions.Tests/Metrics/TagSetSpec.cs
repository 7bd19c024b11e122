using StreamEngine.Abstractions.Metrics;

namespace StreamEngine.Abstractions.Tests.Metrics;

public sealed class TagSetSpec
{
    [Fact]
    public void Equal_sets_in_any_order_are_equal_and_hash_alike()
    {
        var one = TagSet.Of([new("site", "a"), new("device_id", "1")]);
        var other = TagSet.Of([new("device_id", "1"), new("site", "a")]);

        Assert.Equal(one, other);
        Assert.Equal(one.GetHashCode(), other.GetHashCode());
        Assert.Equal("device_id=1,site=a", one.ToString());
    }

    [Fact]
    public void Sets_differing_only_in_values_hash_apart()
    {
        var hashes = Enumerable.Range(0, 10_000).Select(d => TagSet.Of("device_id", $"{d}").GetHashCode()).Distinct().Count();

        Assert.True(hashes > 9_900, $"only {hashes} distinct hash codes for 10,000 devices");
    }
}
