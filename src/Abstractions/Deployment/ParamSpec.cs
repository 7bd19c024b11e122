namespace StreamEngine.Abstractions.Deployment;

/// <summary>
/// One param a built-in topology kind takes: its camelCase name (the settings property's name), its type, its default
/// and, for numbers and durations, the smallest and largest value allowed (durations in seconds).
/// </summary>
public sealed record ParamSpec(string Name, ParamType Type, object Default)
{
    /// <summary>The smallest value allowed; null = no limit. Durations are always longer than zero.</summary>
    public double? Minimum { get; init; }

    /// <summary>The largest value allowed; null = no limit.</summary>
    public double? Maximum { get; init; }
}
