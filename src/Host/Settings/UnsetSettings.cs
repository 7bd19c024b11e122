using Microsoft.Extensions.Configuration;

namespace StreamEngine.Host.Settings;

/// <summary>
/// Engine settings given without a value: a JSON <c>null</c> (or an empty object) in a configuration file. The binder
/// turns such a key into zero, false or empty, not into the setting's default, so a <c>"CredentialRefresh": null</c>
/// meant as "the default" would ask the registry for every reading and a null duration would make a timer spin; the
/// node refuses to start instead and names the keys.
/// </summary>
public static class UnsetSettings
{
    /// <summary>The top-level sections of the engine's own settings (README.md, "Configuration").</summary>
    public static readonly IReadOnlyList<string> Sections =
    [
        "Admin", "Alerts", "Authentication", "Cluster", "Datapoints", "Kafka", "Legacy", "Metrics", "Raw", "Redis", "Rules",
        "Simulator", "Sms", "Storage", "Thresholds",
    ];

    /// <summary>The keys under <see cref="Sections"/> that are present with no value and no children, in order.</summary>
    public static IReadOnlyList<string> Find(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var unset = new List<string>();
        foreach (var section in configuration.GetChildren().Where(s => Sections.Contains(s.Key, StringComparer.OrdinalIgnoreCase)))
        {
            Collect(section, unset);
        }

        return unset;
    }

    /// <summary>What is wrong with these keys, and what to do.</summary>
    public static string Describe(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Count == 1
            ? $"the setting {keys[0]} has no value (null in a JSON file, or an empty object), which would set it to zero or empty instead of its default. "
                + "Remove the key to keep the default, or give it a value."
            : $"the settings {string.Join(", ", keys)} have no value (null in a JSON file, or an empty object), which would set them to zero or empty instead of their defaults. "
                + "Remove the keys to keep the defaults, or give them values.";
    }

    // Every section reached here is one a provider holds (GetChildren lists only those), so a leaf without a value was
    // given as null.
    private static void Collect(IConfigurationSection section, List<string> unset)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0 && section.Value is null)
        {
            unset.Add(section.Path);
        }

        foreach (var child in children)
        {
            Collect(child, unset);
        }
    }
}
