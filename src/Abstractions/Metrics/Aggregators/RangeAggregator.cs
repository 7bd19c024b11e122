namespace StreamEngine.Abstractions.Metrics.Aggregators;

/// <summary>
/// One of KairosDB's range aggregators (<c>{"name": "avg", "sampling": {...}, "align_sampling": true}</c>): it cuts
/// the points into ranges of <see cref="Sampling"/> and turns each range that has points into one point.
/// </summary>
/// <remarks>
/// As KairosDB's <c>RangeAggregator</c>: ranges are laid from the query's start (aligned to whole units when
/// <see cref="AlignSampling"/> or <see cref="AlignEndTime"/> is set, see <see cref="Sampling.AlignBoundary"/>); a
/// range without points yields nothing. A range's point carries the time of its first point, or of its last point
/// for <see cref="AggregatorKind.Last"/>; the range's start with <see cref="AlignStartTime"/>; the range's end (the
/// next range's start) with <see cref="AlignEndTime"/>. Values become doubles, except counts, which are longs.
/// KairosDB calls the three align flags mutually exclusive; here the start time wins over the end time.
/// </remarks>
/// <param name="Kind">What to compute over a range.</param>
/// <param name="Sampling">The length of a range.</param>
public sealed record RangeAggregator(AggregatorKind Kind, Sampling Sampling)
{
    /// <summary>Lay ranges from the query's start aligned to whole units of the sampling, not from the query's start itself.</summary>
    public bool AlignSampling { get; init; }

    /// <summary>Give each range's point the range's start time.</summary>
    public bool AlignStartTime { get; init; }

    /// <summary>Give each range's point the range's end time (the start of the next range); ranges are aligned as with <see cref="AlignSampling"/>.</summary>
    public bool AlignEndTime { get; init; }

    /// <summary>Throws when the aggregator cannot run, saying what to change.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentException($"The aggregator {(int)Kind} is unknown: use avg, min, max, sum, count, first or last.");
        }

        Sampling.Validate();
    }

    /// <summary>Aggregates <paramref name="points"/>, which must be in ascending time order, with ranges laid from <paramref name="queryStartMs"/>.</summary>
    /// <returns>One point per range that has points, in ascending time order.</returns>
    public IReadOnlyList<TimestampedValue> Aggregate(IReadOnlyList<TimestampedValue> points, long queryStartMs)
    {
        ArgumentNullException.ThrowIfNull(points);
        Validate();
        var origin = AlignSampling || AlignEndTime ? Sampling.AlignBoundary(queryStartMs) : queryStartMs;
        var result = new List<TimestampedValue>();
        var first = 0;
        while (first < points.Count)
        {
            var timestamp = points[first].TimestampMs;
            var rangeEnd = Sampling.RangeEnd(timestamp, origin);
            var end = first + 1;
            while (end < points.Count && points[end].TimestampMs < rangeEnd)
            {
                end++;
            }

            var time = AlignStartTime ? Sampling.RangeStart(timestamp, origin)
                : AlignEndTime ? rangeEnd
                : Kind == AggregatorKind.Last ? points[end - 1].TimestampMs
                : timestamp;
            result.Add(new TimestampedValue(time, Compute(points, first, end)));
            first = end;
        }

        return result;
    }

    private MetricValue Compute(IReadOnlyList<TimestampedValue> points, int first, int end)
    {
        switch (Kind)
        {
            case AggregatorKind.Count:
                return MetricValue.Of((long)(end - first));
            case AggregatorKind.First:
                return MetricValue.Of(points[first].Value.DoubleValue);
            case AggregatorKind.Last:
                return MetricValue.Of(points[end - 1].Value.DoubleValue);
            default:
                var sum = 0d;
                var min = double.PositiveInfinity;
                var max = double.NegativeInfinity;
                for (var i = first; i < end; i++)
                {
                    var value = points[i].Value.DoubleValue;
                    sum += value;
                    min = Math.Min(min, value);
                    max = Math.Max(max, value);
                }

                return MetricValue.Of(Kind switch
                {
                    AggregatorKind.Avg => sum / (end - first),
                    AggregatorKind.Min => min,
                    AggregatorKind.Max => max,
                    _ => sum,
                });
        }
    }
}
