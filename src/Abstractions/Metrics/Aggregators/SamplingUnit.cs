namespace StreamEngine.Abstractions.Metrics.Aggregators;

/// <summary>The unit of a <see cref="Sampling"/>, KairosDB's <c>unit</c> (milliseconds … years).</summary>
public enum SamplingUnit
{
    Milliseconds,
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}
