using Microsoft.Extensions.Configuration;

namespace StreamEngine.Host.Simulator;

/// <summary>
/// With the simulator on, a person watching should see alarms within minutes, not after the production hour: the
/// alerts topology's silence and the thresholds topology's cooldown shrink to the simulator's durations, unless the
/// configuration sets them. With the simulator off nothing changes.
/// </summary>
public static class SimulatorAlarmDefaults
{
    public const string SilenceKey = "Alerts:Silence";
    public const string CooldownKey = "Thresholds:Cooldown";

    /// <summary>The keys to add to the configuration: the ones it does not set, with the simulator's durations.</summary>
    public static IReadOnlyDictionary<string, string?> For(IConfiguration configuration, SimulatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        var shortened = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!settings.Enabled)
        {
            return shortened;
        }

        foreach (var (key, value) in new[] { (SilenceKey, settings.AlertsSilence), (CooldownKey, settings.ThresholdsCooldown) })
        {
            if (string.IsNullOrEmpty(configuration[key]))
            {
                shortened[key] = value.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return shortened;
    }

    /// <summary>The start-up line that says which durations were shortened and how to choose others.</summary>
    public static string Describe(IReadOnlyDictionary<string, string?> shortened)
    {
        ArgumentNullException.ThrowIfNull(shortened);
        var keys = string.Join(" and ", shortened.Select(p => $"{p.Key} {p.Value}"));
        return $"Simulator on: {keys} instead of 01:00:00, so alarms show within minutes; set them (e.g. --{shortened.Keys.First()}=01:00:00) to choose others.";
    }
}
