using System.Globalization;
using Microsoft.Data.Sqlite;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Connectors.Storage;

namespace StreamEngine.Connectors.Metrics;

/// <summary>
/// The metric store on SQLite, laid out as KairosDB lays out Cassandra: a row key (<c>metric_rows</c>: metric, tag
/// set, row time = the timestamp rounded down to 3 weeks) and the row's points (<c>metric_points</c>, clustered by
/// row key id and offset in the row), so one series' points over a time range are one contiguous range of the
/// table. <c>metric_row_tags</c> indexes row keys by metric, tag name and value, so a query for one device reads its
/// row keys directly instead of every row key of the metric.
/// </summary>
/// <remarks>
/// <para>Tables have their own names, so the store may share its file with the registry and the raw store.</para>
/// <para>
/// Two connections in WAL mode (synchronous=NORMAL): one writes (a batch is one transaction of prepared, reused
/// statements, the per-point one a <see cref="SqliteStatement"/>; writing the same metric, tags and timestamp again
/// replaces the point), the other reads, so queries do not wait for writes. Calls on each connection are serialized
/// by a lock; one instance may be shared. A <see cref="SqliteCheckpointer"/> copies the log into the file off the
/// writer's thread. A value keeps its type: longs are stored as SQLite integers, doubles as reals.
/// </para>
/// </remarks>
public sealed partial class SqliteMetricStore : IMetricStore, IDisposable
{
    /// <summary>KairosDB's row width: 3 weeks in milliseconds. A row holds one series' points of one such span.</summary>
    public const long RowWidthMs = 1_814_400_000;

    private const int MaxCachedRows = 200_000;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS metric_rows (
            id INTEGER PRIMARY KEY,
            metric TEXT NOT NULL,
            row_time INTEGER NOT NULL,
            tags TEXT NOT NULL,
            UNIQUE (metric, row_time, tags)
        );
        CREATE TABLE IF NOT EXISTS metric_row_tags (
            metric TEXT NOT NULL,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            PRIMARY KEY (metric, name, value, row_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS metric_row_tags_row ON metric_row_tags (row_id);
        CREATE TABLE IF NOT EXISTS metric_points (
            row_id INTEGER NOT NULL,
            time_offset INTEGER NOT NULL,
            value NOT NULL,
            PRIMARY KEY (row_id, time_offset)
        ) WITHOUT ROWID;
        """;

    private const string RowColumns = "r.id, r.row_time, r.tags";

    private readonly Lock writeGate = new();
    private readonly Lock readGate = new();
    private readonly SqliteConnection writer;
    private readonly SqliteConnection reader;
    private readonly SqliteCheckpointer checkpointer;
    private readonly Dictionary<RowKey, long> rowIds = [];

    private readonly SqliteCommand findRow;
    private readonly SqliteCommand insertRow;
    private readonly SqliteCommand insertRowTag;
    private readonly SqliteStatement upsertPoint;
    private readonly SqliteCommand readPoints;
    private bool disposed;

    /// <summary>Opens (and creates, with its directory and tables) the metric store in the SQLite file at <paramref name="path"/>.</summary>
    /// <param name="path">The database file, e.g. <c>Storage:Sqlite:Path</c>.</param>
    /// <param name="busyTimeout">How long a statement waits for another connection's lock; 5 seconds by default.</param>
    public SqliteMetricStore(string path, TimeSpan? busyTimeout = null)
    {
        writer = SqliteFile.Open(path, busyTimeout);
        try
        {
            // 128 MiB wrote no faster than 32 MiB (a window of 50,000 points over 20,000 series: 459 against 426 ms),
            // nor 32 MiB than 16 (the datapoints topology on Kafka: 55,300 against 56,000 readings/s).
            SqliteFile.Execute(writer, "PRAGMA journal_mode = WAL; PRAGMA cache_size = -16384;");
            SqliteFile.Execute(writer, Schema);
            reader = SqliteFile.Open(path, busyTimeout);

            findRow = Prepare(writer, "SELECT id FROM metric_rows WHERE metric = $metric AND row_time = $row_time AND tags = $tags", "$metric", "$row_time", "$tags");
            insertRow = Prepare(writer, "INSERT INTO metric_rows (metric, row_time, tags) VALUES ($metric, $row_time, $tags) RETURNING id", "$metric", "$row_time", "$tags");
            insertRowTag = Prepare(writer, "INSERT OR IGNORE INTO metric_row_tags (metric, name, value, row_id) VALUES ($metric, $name, $value, $row_id)", "$metric", "$name", "$value", "$row_id");
            upsertPoint = new SqliteStatement(
                writer,
                """
                INSERT INTO metric_points (row_id, time_offset, value) VALUES ($row_id, $time_offset, $value)
                ON CONFLICT (row_id, time_offset) DO UPDATE SET value = excluded.value
                """);
            readPoints = Prepare(
                reader,
                "SELECT time_offset, value FROM metric_points WHERE row_id = $row_id AND time_offset BETWEEN $from AND $to ORDER BY time_offset",
                "$row_id",
                "$from",
                "$to");
            checkpointer = new SqliteCheckpointer(writer, path, busyTimeout);
        }
        catch
        {
            reader?.Dispose();
            writer.Dispose();
            throw;
        }
    }

    /// <summary>The row time of a timestamp: the timestamp rounded down to a multiple of <see cref="RowWidthMs"/>.</summary>
    public static long RowTime(long timestampMs) => timestampMs - (((timestampMs % RowWidthMs) + RowWidthMs) % RowWidthMs);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A point has no metric name, no tags, an empty tag or a NaN or infinite value; nothing of the batch is stored.</exception>
    public Task Write(IReadOnlyList<DataPoint> points, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var point in points)
        {
            Check(point);
        }

        return Task.Run(() => WriteBatch(points, cancellation), cancellation);
    }

    /// <inheritdoc />
    public Task<long> DeleteDataPoints(MetricQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return Task.Run(() => DeleteMatching(query, cancellation), cancellation);
    }

    /// <inheritdoc />
    public Task DeleteMetric(string metric, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        return Task.Run(
            () =>
            {
                lock (writeGate)
                {
                    ObjectDisposedException.ThrowIf(disposed, this);
                    using var transaction = writer.BeginTransaction();
                    using var delete = writer.CreateCommand();
                    delete.Transaction = transaction;
                    delete.CommandText = """
                        DELETE FROM metric_points WHERE row_id IN (SELECT id FROM metric_rows WHERE metric = $metric);
                        DELETE FROM metric_row_tags WHERE metric = $metric;
                        DELETE FROM metric_rows WHERE metric = $metric;
                        """;
                    delete.Parameters.AddWithValue("$metric", metric);
                    delete.ExecuteNonQuery();
                    transaction.Commit();
                    checkpointer.Written();
                    rowIds.Clear();
                }
            },
            cancellation);
    }

    public void Dispose()
    {
        lock (writeGate)
        {
            lock (readGate)
            {
                if (disposed)
                {
                    return;
                }

                disposed = true;
                checkpointer.Dispose();
                foreach (var command in new[] { findRow, insertRow, insertRowTag, readPoints })
                {
                    command.Dispose();
                }

                upsertPoint.Dispose();

                reader.Dispose();
                writer.Dispose();
            }
        }
    }

    private static void Check(DataPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (string.IsNullOrWhiteSpace(point.Metric))
        {
            throw new ArgumentException($"A datapoint at {point.TimestampMs} has no metric name: give every datapoint a metric name.", nameof(point));
        }

        if (point.Tags.Count == 0)
        {
            throw new ArgumentException($"The datapoint of '{point.Metric}' at {point.TimestampMs} has no tags: give it at least one tag, as KairosDB requires.", nameof(point));
        }

        foreach (var (name, value) in point.Tags)
        {
            if (name.Length == 0 || value.Length == 0)
            {
                throw new ArgumentException($"The datapoint of '{point.Metric}' at {point.TimestampMs} has an empty tag name or value ('{name}'='{value}'): give every tag a name and a value.", nameof(point));
            }
        }

        if (!point.Value.IsLong && !double.IsFinite(point.Value.DoubleValue))
        {
            throw new ArgumentException($"The datapoint of '{point.Metric}' ({point.Tags}) at {point.TimestampMs} has value {point.Value}: only finite numbers can be stored; drop the point or send a number.", nameof(point));
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private void WriteBatch(IReadOnlyList<DataPoint> points, CancellationToken cancellation)
    {
        lock (writeGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            cancellation.ThrowIfCancellationRequested();
            var commands = new[] { findRow, insertRow, insertRowTag };
            var created = new Dictionary<RowKey, long>();
            var tagStrings = new Dictionary<TagSet, string>();
            using var transaction = writer.BeginTransaction();
            foreach (var command in commands)
            {
                command.Transaction = transaction;
            }

            try
            {
                // Points go in row order, then time order: each row's points land on neighbouring pages, as
                // KairosDB's rows do in Cassandra, instead of one page per point in arrival order.
                var located = new (long RowId, long Offset, MetricValue Value)[points.Count];
                for (var i = 0; i < points.Count; i++)
                {
                    var point = points[i];
                    if (!tagStrings.TryGetValue(point.Tags, out var tags))
                    {
                        tags = TagString.Encode(point.Tags);
                        tagStrings.Add(point.Tags, tags);
                    }

                    var rowTime = RowTime(point.TimestampMs);
                    var key = new RowKey(point.Metric, rowTime, tags);
                    if (!rowIds.TryGetValue(key, out var rowId) && !created.TryGetValue(key, out rowId))
                    {
                        rowId = FindOrInsertRow(key, point.Tags);
                        created.Add(key, rowId);
                    }

                    located[i] = (rowId, point.TimestampMs - rowTime, point.Value);
                }

                Array.Sort(located, static (a, b) => a.RowId != b.RowId ? a.RowId.CompareTo(b.RowId) : a.Offset.CompareTo(b.Offset));
                foreach (var (rowId, offset, value) in located)
                {
                    upsertPoint.Bind(1, rowId).Bind(2, offset);
                    if (value.IsLong)
                    {
                        upsertPoint.Bind(3, value.LongValue); // an integer, as it came
                    }
                    else
                    {
                        upsertPoint.Bind(3, value.DoubleValue);
                    }

                    upsertPoint.Execute();
                }

                // Last chance to give up: nothing is stored unless the whole batch commits.
                cancellation.ThrowIfCancellationRequested();
                transaction.Commit();
                checkpointer.Written();
            }
            finally
            {
                foreach (var command in commands)
                {
                    command.Transaction = null;
                }
            }

            // Row ids are cached only once committed: a rolled-back batch's rows do not exist.
            if (rowIds.Count + created.Count > MaxCachedRows)
            {
                rowIds.Clear();
            }

            foreach (var (key, id) in created)
            {
                rowIds[key] = id;
            }
        }
    }

    private long FindOrInsertRow(RowKey key, TagSet tags)
    {
        findRow.Parameters[0].Value = key.Metric;
        findRow.Parameters[1].Value = key.RowTime;
        findRow.Parameters[2].Value = key.Tags;
        if (findRow.ExecuteScalar() is long existing)
        {
            return existing;
        }

        insertRow.Parameters[0].Value = key.Metric;
        insertRow.Parameters[1].Value = key.RowTime;
        insertRow.Parameters[2].Value = key.Tags;
        var id = Convert.ToInt64(insertRow.ExecuteScalar(), CultureInfo.InvariantCulture);
        foreach (var (name, value) in tags)
        {
            insertRowTag.Parameters[0].Value = key.Metric;
            insertRowTag.Parameters[1].Value = name;
            insertRowTag.Parameters[2].Value = value;
            insertRowTag.Parameters[3].Value = id;
            insertRowTag.ExecuteNonQuery();
        }

        return id;
    }

    private long DeleteMatching(MetricQuery query, CancellationToken cancellation)
    {
        lock (writeGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var transaction = writer.BeginTransaction();
            using var deletePoints = writer.CreateCommand();
            deletePoints.Transaction = transaction;
            deletePoints.CommandText = "DELETE FROM metric_points WHERE row_id = $row_id AND time_offset BETWEEN $from AND $to";
            var rowId = deletePoints.Parameters.Add(new SqliteParameter { ParameterName = "$row_id" });
            var from = deletePoints.Parameters.Add(new SqliteParameter { ParameterName = "$from" });
            var to = deletePoints.Parameters.Add(new SqliteParameter { ParameterName = "$to" });

            using var deleteEmptyRow = writer.CreateCommand();
            deleteEmptyRow.Transaction = transaction;
            deleteEmptyRow.CommandText = """
                DELETE FROM metric_row_tags WHERE row_id = $row_id AND NOT EXISTS (SELECT 1 FROM metric_points WHERE row_id = $row_id);
                DELETE FROM metric_rows WHERE id = $row_id AND NOT EXISTS (SELECT 1 FROM metric_points WHERE row_id = $row_id);
                """;
            var emptyRowId = deleteEmptyRow.Parameters.Add(new SqliteParameter { ParameterName = "$row_id" });

            var deleted = 0L;
            foreach (var row in MatchingRows(writer, query, transaction))
            {
                cancellation.ThrowIfCancellationRequested();
                (from.Value, to.Value) = Offsets(row.RowTime, query);
                rowId.Value = row.Id;
                deleted += deletePoints.ExecuteNonQuery();
                emptyRowId.Value = row.Id;
                deleteEmptyRow.ExecuteNonQuery();
            }

            transaction.Commit();
            checkpointer.Written();
            rowIds.Clear();
            return deleted;
        }
    }

    private readonly record struct RowKey(string Metric, long RowTime, string Tags);

    private sealed record Row(long Id, long RowTime, string TagString, TagSet Tags);
}
