namespace StreamEngine.Abstractions.Metrics.Aggregators;

/// <summary>The range aggregators the metric store runs, by KairosDB's names (<c>avg</c>, <c>min</c>, …).</summary>
public enum AggregatorKind
{
    /// <summary>The mean of the range's values, a double.</summary>
    Avg,

    /// <summary>The smallest value, a double.</summary>
    Min,

    /// <summary>The largest value, a double.</summary>
    Max,

    /// <summary>The sum of the values, a double.</summary>
    Sum,

    /// <summary>How many points the range has, a long.</summary>
    Count,

    /// <summary>The range's first value, a double.</summary>
    First,

    /// <summary>The range's last value, a double; it carries the last point's time unless the time is aligned.</summary>
    Last,
}
