namespace StreamEngine.Abstractions.Metrics.Aggregators;

/// <summary>
/// The length of an aggregation range, KairosDB's <c>sampling</c> (<c>{"value": 10, "unit": "minutes"}</c>). Times
/// are UTC; months and years are calendar months and years, the other units fixed lengths.
/// </summary>
/// <param name="Value">How many units; at least 1.</param>
/// <param name="Unit">The unit.</param>
public readonly record struct Sampling(long Value, SamplingUnit Unit)
{
    private const long MaxFixedLengthMs = 100L * 366 * 86_400_000;

    /// <summary>One unit of <paramref name="unit"/>.</summary>
    public static Sampling Of(SamplingUnit unit) => new(1, unit);

    /// <summary>Throws when the value is not positive or the range longer than 100 years, saying what to send instead.</summary>
    public void Validate()
    {
        if (Value < 1)
        {
            throw new ArgumentException($"The sampling value must be at least 1, but was {Value}: send a positive number of {Unit}.");
        }

        if (!Enum.IsDefined(Unit))
        {
            throw new ArgumentException($"The sampling unit {(int)Unit} is unknown: use milliseconds, seconds, minutes, hours, days, weeks, months or years.");
        }

        var tooLong = UnitMs(Unit) is { } unitMs ? Value > MaxFixedLengthMs / unitMs : Value > (Unit == SamplingUnit.Months ? 1200 : 100);
        if (tooLong)
        {
            throw new ArgumentException($"A sampling of {Value} {Unit} is longer than 100 years: use a shorter sampling.");
        }
    }

    /// <summary>
    /// Where ranges start when <c>align_sampling</c> is set, as KairosDB's <c>RangeAggregator.alignRangeBoundary</c>:
    /// milliseconds align to the second; seconds, minutes, hours and days to the start of the day; weeks to Monday;
    /// months to the first of the month; years to the first of January — so ranges fall on whole units.
    /// </summary>
    public long AlignBoundary(long timestampMs)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(timestampMs).UtcDateTime;
        var day = time.Date;
        var aligned = Unit switch
        {
            SamplingUnit.Years => new DateTime(time.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            SamplingUnit.Months => new DateTime(time.Year, time.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            SamplingUnit.Weeks => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            SamplingUnit.Milliseconds => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond)),
            _ => day,
        };
        return new DateTimeOffset(aligned, TimeSpan.Zero).ToUnixTimeMilliseconds();
    }

    /// <summary>The start of the range holding <paramref name="timestampMs"/>, ranges being laid from <paramref name="originMs"/>.</summary>
    public long RangeStart(long timestampMs, long originMs) => Add(originMs, PastRanges(timestampMs, originMs) * Value);

    /// <summary>The end (exclusive) of the range holding <paramref name="timestampMs"/>: the start of the next one.</summary>
    public long RangeEnd(long timestampMs, long originMs) => Add(originMs, (PastRanges(timestampMs, originMs) + 1) * Value);

    private static long? UnitMs(SamplingUnit unit) => unit switch
    {
        SamplingUnit.Milliseconds => 1,
        SamplingUnit.Seconds => 1_000,
        SamplingUnit.Minutes => 60_000,
        SamplingUnit.Hours => 3_600_000,
        SamplingUnit.Days => 86_400_000,
        SamplingUnit.Weeks => 604_800_000,
        _ => null,
    };

    private static DateTime Utc(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;

    private static long Ms(DateTime time) => new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>Whole sampling ranges between the origin and the timestamp, rounded down (a point before the origin falls in range -1).</summary>
    private long PastRanges(long timestampMs, long originMs) => FloorDiv(WholeUnits(timestampMs, originMs), Value);

    private long WholeUnits(long timestampMs, long originMs)
    {
        if (UnitMs(Unit) is { } unitMs)
        {
            return FloorDiv(timestampMs - originMs, unitMs);
        }

        var origin = Utc(originMs);
        var time = Utc(timestampMs);
        var months = ((time.Year - origin.Year) * 12) + time.Month - origin.Month;
        var units = Unit == SamplingUnit.Years ? months / 12 : months;
        while (units > 0 && AddUnits(origin, units) > time)
        {
            units--;
        }

        while (units <= 0 && AddUnits(origin, units) > time)
        {
            units--;
        }

        return units;
    }

    private DateTime AddUnits(DateTime origin, long units) =>
        Unit == SamplingUnit.Years ? origin.AddYears((int)units) : origin.AddMonths((int)units);

    private long Add(long originMs, long units) =>
        UnitMs(Unit) is { } unitMs ? originMs + (units * unitMs) : Ms(AddUnits(Utc(originMs), units));

    private static long FloorDiv(long a, long b) => (a / b) - (((a % b) != 0 && ((a < 0) ^ (b < 0))) ? 1 : 0);
}
