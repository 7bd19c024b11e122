using System.Collections.Immutable;

namespace StreamEngine.Abstractions.Deployment;

/// <summary>
/// The params a definition sets, by name, each already of its <see cref="ParamType"/>'s .NET type (<see cref="string"/>,
/// <see cref="int"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="TimeSpan"/>). Params left out are not here:
/// their defaults are the settings record's. Equal when they hold the same names and values.
/// </summary>
public sealed class TopologyParams : IEquatable<TopologyParams>
{
    private readonly ImmutableSortedDictionary<string, object> values;

    public TopologyParams(IEnumerable<KeyValuePair<string, object>> values) =>
        this.values = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, values);

    public static TopologyParams Empty { get; } = new([]);

    public IReadOnlyDictionary<string, object> Values => values;

    public bool Equals(TopologyParams? other) =>
        other is not null
        && values.Count == other.values.Count
        && values.All(entry => other.values.TryGetValue(entry.Key, out var value) && Equals(entry.Value, value));

    public override bool Equals(object? obj) => Equals(obj as TopologyParams);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, value) in values)
        {
            hash.Add(name);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(", ", values.Select(entry => $"{entry.Key}={entry.Value}"));
}
