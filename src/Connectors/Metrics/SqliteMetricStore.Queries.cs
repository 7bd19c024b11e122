using System.Globalization;
using Microsoft.Data.Sqlite;
using StreamEngine.Abstractions.Metrics;

namespace StreamEngine.Connectors.Metrics;

/// <summary>The read side of the metric store: queries, tags and names, on the reader connection.</summary>
public sealed partial class SqliteMetricStore
{
    /// <inheritdoc />
    public Task<MetricQueryResult> Query(MetricQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return Task.Run(() => MetricQueryEngine.Run(query, ReadSeries(query, cancellation)), cancellation);
    }

    /// <inheritdoc />
    public Task<MetricTagsResult> QueryTags(MetricQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return Task.Run(
            () =>
            {
                lock (readGate)
                {
                    ObjectDisposedException.ThrowIf(disposed, this);
                    var series = MatchingRows(reader, query)
                        .Where(row => HasPoints(row, query))
                        .Select(row => new MetricSeries(row.Tags, []))
                        .ToList();
                    return new MetricTagsResult(query.Metric, MetricQueryEngine.TagsOf(series));
                }
            },
            cancellation);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> MetricNames(string? prefix = null, CancellationToken cancellation = default) =>
        Task.Run(
            () => Distinct("SELECT DISTINCT metric FROM metric_rows")
                .Where(name => prefix is null || name.StartsWith(prefix, StringComparison.Ordinal))
                .ToList() as IReadOnlyList<string>,
            cancellation);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> TagNames(CancellationToken cancellation = default) =>
        Task.Run(() => Distinct("SELECT DISTINCT name FROM metric_row_tags") as IReadOnlyList<string>, cancellation);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> TagValues(CancellationToken cancellation = default) =>
        Task.Run(() => Distinct("SELECT DISTINCT value FROM metric_row_tags") as IReadOnlyList<string>, cancellation);

    private static (long From, long To) Offsets(long rowTime, MetricQuery query) =>
        (Math.Max(0, query.StartMs - rowTime), Math.Min(RowWidthMs - 1, query.EndMs - rowTime));

    /// <summary>The row keys of the query's metric and time range whose tags pass its filters, in (tags, row time) order.</summary>
    private static List<Row> MatchingRows(SqliteConnection connection, MetricQuery query, SqliteTransaction? transaction = null)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.Parameters.AddWithValue("$metric", query.Metric);
        select.Parameters.AddWithValue("$from", RowTime(query.StartMs));
        select.Parameters.AddWithValue("$to", RowTime(query.EndMs));
        if (query.Tags.Count == 0)
        {
            select.CommandText = $"SELECT {RowColumns} FROM metric_rows r WHERE r.metric = $metric AND r.row_time BETWEEN $from AND $to";
        }
        else
        {
            // The index narrows by the most selective filter; the others are checked on the decoded tags.
            var (name, values) = query.Tags.MinBy(t => t.Value.Count);
            var names = new List<string>(values.Count);
            foreach (var value in values)
            {
                var parameter = "$v" + names.Count.ToString(CultureInfo.InvariantCulture);
                names.Add(parameter);
                select.Parameters.AddWithValue(parameter, value);
            }

            select.Parameters.AddWithValue("$name", name);
            select.CommandText = $"""
                SELECT {RowColumns} FROM metric_row_tags t JOIN metric_rows r ON r.id = t.row_id
                WHERE t.metric = $metric AND t.name = $name AND t.value IN ({string.Join(", ", names)})
                AND r.row_time BETWEEN $from AND $to
                """;
        }

        var rows = new List<Row>();
        using (var result = select.ExecuteReader())
        {
            while (result.Read())
            {
                var tags = TagString.Decode(result.GetString(2));
                if (query.Matches(tags))
                {
                    rows.Add(new Row(result.GetInt64(0), result.GetInt64(1), result.GetString(2), tags));
                }
            }
        }

        rows.Sort((a, b) => a.TagString.Equals(b.TagString, StringComparison.Ordinal)
            ? a.RowTime.CompareTo(b.RowTime)
            : string.CompareOrdinal(a.TagString, b.TagString));
        return rows;
    }

    private List<MetricSeries> ReadSeries(MetricQuery query, CancellationToken cancellation)
    {
        lock (readGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var series = new List<MetricSeries>();
            List<TimestampedValue>? points = null;
            Row? previous = null;
            foreach (var row in MatchingRows(reader, query))
            {
                cancellation.ThrowIfCancellationRequested();
                if (previous is null || !previous.TagString.Equals(row.TagString, StringComparison.Ordinal))
                {
                    points = [];
                    series.Add(new MetricSeries(row.Tags, points));
                }

                ReadPoints(row, query, points!);
                previous = row;
            }

            return series;
        }
    }

    private void ReadPoints(Row row, MetricQuery query, List<TimestampedValue> points)
    {
        var (from, to) = Offsets(row.RowTime, query);
        readPoints.Parameters[0].Value = row.Id;
        readPoints.Parameters[1].Value = from;
        readPoints.Parameters[2].Value = to;
        using var result = readPoints.ExecuteReader();
        while (result.Read())
        {
            var value = result.GetValue(1) is long integer ? MetricValue.Of(integer) : MetricValue.Of(result.GetDouble(1));
            points.Add(new TimestampedValue(row.RowTime + result.GetInt64(0), value));
        }
    }

    private bool HasPoints(Row row, MetricQuery query)
    {
        var (from, to) = Offsets(row.RowTime, query);
        using var exists = reader.CreateCommand();
        exists.CommandText = "SELECT EXISTS (SELECT 1 FROM metric_points WHERE row_id = $row_id AND time_offset BETWEEN $from AND $to)";
        exists.Parameters.AddWithValue("$row_id", row.Id);
        exists.Parameters.AddWithValue("$from", from);
        exists.Parameters.AddWithValue("$to", to);
        return Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
    }

    private List<string> Distinct(string sql)
    {
        lock (readGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var select = reader.CreateCommand();
            select.CommandText = sql;
            var values = new List<string>();
            using var result = select.ExecuteReader();
            while (result.Read())
            {
                values.Add(result.GetString(0));
            }

            values.Sort(StringComparer.Ordinal);
            return values;
        }
    }
}
