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
    public void Sets_differing_in_a_value_a_name_or_a_tag_more_are_not_equal()
    {
        var set = TagSet.Of([new("device_id", "1"), new("site", "a")]);

        Assert.NotEqual(set, TagSet.Of([new("device_id", "1"), new("site", "b")]));
        Assert.NotEqual(set, TagSet.Of([new("device_id", "1"), new("room", "a")]));
        Assert.NotEqual(set, TagSet.Of("device_id", "1"));
        Assert.NotEqual(TagSet.Of("device_id", "1"), set);
        Assert.False(set.Equals(null));
    }

    [Fact]
    public void Sets_differing_only_in_values_hash_apart()
    {
        var hashes = Enumerable.Range(0, 10_000).Select(d => TagSet.Of("device_id", $"{d}").GetHashCode()).Distinct().Count();

        Assert.True(hashes > 9_900, $"only {hashes} distinct hash codes for 10,000 devices");
    }

    [Fact]
    public void A_set_of_one_tag_equals_the_same_tag_given_as_a_list_and_needs_a_name_and_a_value()
    {
        Assert.Equal(TagSet.Of([new("device_id", "7")]), TagSet.Of("device_id", "7"));
        Assert.Equal("7", TagSet.Of("device_id", "7").Get("device_id"));
        Assert.Throws<ArgumentNullException>(() => TagSet.Of("device_id", null!));
        Assert.Throws<ArgumentNullException>(() => TagSet.Of(null!, "7"));
    }
}
