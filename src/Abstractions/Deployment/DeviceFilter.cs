namespace StreamEngine.Abstractions.Deployment;

/// <summary>
/// The devices a rule watches: those among <see cref="Ids"/> (all when empty) whose registry config has every
/// key/value of <see cref="Config"/> (any config when empty). Equal when ids and config are equal.
/// </summary>
public sealed record DeviceFilter
{
    public DeviceFilter(IEnumerable<long> ids, IEnumerable<KeyValuePair<string, string>> config)
    {
        Ids = [.. ids.Distinct().Order()];
        Config = new SortedDictionary<string, string>(config.ToDictionary(), StringComparer.Ordinal);
    }

    /// <summary>Every device.</summary>
    public static DeviceFilter All { get; } = new([], []);

    public IReadOnlyList<long> Ids { get; }

    public IReadOnlyDictionary<string, string> Config { get; }

    /// <summary>Whether the device with this id and registry config is one the rule watches.</summary>
    public bool Matches(long deviceId, IReadOnlyDictionary<string, string> deviceConfig)
    {
        ArgumentNullException.ThrowIfNull(deviceConfig);
        return (Ids.Count == 0 || Ids.Contains(deviceId))
            && Config.All(entry => deviceConfig.TryGetValue(entry.Key, out var value) && value == entry.Value);
    }

    public bool Equals(DeviceFilter? other) =>
        other is not null && Ids.SequenceEqual(other.Ids) && Config.SequenceEqual(other.Config);

    public override int GetHashCode() => HashCode.Combine(Ids.Count, Config.Count);
}
