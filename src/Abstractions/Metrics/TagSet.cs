using System.Collections;

namespace StreamEngine.Abstractions.Metrics;

/// <summary>
/// A datapoint's tags, sorted by name so that equal tag sets compare, hash and print equal (the row key of a series
/// is metric + tag set, as KairosDB's).
/// </summary>
public sealed class TagSet : IReadOnlyList<KeyValuePair<string, string>>, IEquatable<TagSet>
{
    private readonly KeyValuePair<string, string>[] tags;

    private TagSet(KeyValuePair<string, string>[] tags) => this.tags = tags;

    public int Count => tags.Length;

    public KeyValuePair<string, string> this[int index] => tags[index];

    /// <summary>The tag set of one tag, e.g. <c>device_id=17</c>.</summary>
    public static TagSet Of(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        return new TagSet([new KeyValuePair<string, string>(name, value)]);
    }

    /// <summary>The tag set of these tags; a name given twice keeps its last value.</summary>
    public static TagSet Of(IEnumerable<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in tags)
        {
            byName[name] = value;
        }

        return new TagSet([.. byName]);
    }

    /// <summary>The value of a tag, or null when the set has no tag of that name.</summary>
    public string? Get(string name)
    {
        foreach (var (key, value) in tags)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }

    public bool Equals(TagSet? other)
    {
        // Name by name: a KeyValuePair is not IEquatable, so comparing pairs would box both and compare them by
        // reflection (a tenth of what the datapoints topology allocated).
        if (other is null || other.tags.Length != tags.Length)
        {
            return false;
        }

        for (var i = 0; i < tags.Length; i++)
        {
            if (!string.Equals(tags[i].Key, other.tags[i].Key, StringComparison.Ordinal)
                || !string.Equals(tags[i].Value, other.tags[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as TagSet);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        // Name and value each: a KeyValuePair's own hash code is its key's alone, so sets differing only in
        // values (every device's device_id) would all collide.
        foreach (var (name, value) in tags)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Tags as <c>name=value</c> joined by commas, in name order.</summary>
    public override string ToString() => string.Join(',', tags.Select(t => $"{t.Key}={t.Value}"));

    /// <summary>The tags in name order; <c>foreach</c> over a tag set takes this one and allocates no enumerator.</summary>
    public ReadOnlySpan<KeyValuePair<string, string>>.Enumerator GetEnumerator() => new ReadOnlySpan<KeyValuePair<string, string>>(tags).GetEnumerator();

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, string>>)tags).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => tags.GetEnumerator();
}
