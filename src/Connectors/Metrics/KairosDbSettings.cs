namespace StreamEngine.Connectors.Metrics;

/// <summary>A real KairosDB to write datapoints to: section <c>Metrics:KairosDb</c>.</summary>
public sealed record KairosDbSettings
{
    /// <summary>KairosDB's base address, e.g. <c>http://kairosdb:8080</c> (key <c>Metrics:KairosDb:Url</c>); empty = none.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>How long one write may take before it fails. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
