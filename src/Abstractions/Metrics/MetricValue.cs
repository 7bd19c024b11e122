using System.Globalization;

namespace StreamEngine.Abstractions.Metrics;

/// <summary>A datapoint's value: a long or a double, as KairosDB keeps them apart.</summary>
public readonly record struct MetricValue
{
    private MetricValue(bool isLong, long longValue, double doubleValue)
    {
        IsLong = isLong;
        LongValue = longValue;
        DoubleValue = doubleValue;
    }

    /// <summary>True for a long, false for a double.</summary>
    public bool IsLong { get; }

    /// <summary>The value when <see cref="IsLong"/>; otherwise the double truncated.</summary>
    public long LongValue { get; }

    /// <summary>The value as a double, whichever type it has.</summary>
    public double DoubleValue { get; }

    public static MetricValue Of(long value) => new(true, value, value);

    public static MetricValue Of(double value) => new(false, (long)value, value);

    public override string ToString() =>
        IsLong ? LongValue.ToString(CultureInfo.InvariantCulture) : DoubleValue.ToString("R", CultureInfo.InvariantCulture);
}
