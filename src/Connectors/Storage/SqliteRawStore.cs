using System.Text;
using Microsoft.Data.Sqlite;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.Storage;

namespace StreamEngine.Connectors.Storage;

/// <summary>
/// The raw store on SQLite (thesis table 5.3): <c>raw(device_id, insertion_time, message, source)</c>, where
/// insertion_time is a version-1 time UUID (Cassandra's timeuuid), message is the reading's JSON as it was read and
/// source its stable identity. A unique index on <c>source</c> makes writes idempotent: a replayed reading is skipped.
/// </summary>
/// <remarks>
/// Rows are kept in insertion order (SQLite's rowid), not in a B-tree keyed by (device_id, insertion_time) as the
/// thesis' Cassandra table: Cassandra appends to a log whatever the key, but a SQLite index keyed by device puts
/// each row of a batch on another page, and writing those pages made the store four times slower (measured:
/// 24,000 against 90,000 rows/s). Sources arrive in offset order per partition, so their index stays cheap.
/// One connection in WAL mode (synchronous=NORMAL) with one prepared INSERT reused for every row; calls are
/// serialized by a lock, so one instance may be shared. Other connections (readers, tools) may open the file at
/// the same time; a <see cref="SqliteCheckpointer"/> copies the log into the file off the writer's thread. The INSERT
/// is a <see cref="SqliteStatement"/>: through <see cref="SqliteCommand"/> each row cost about a quarter more CPU and
/// allocated its parameters' strings (bench/RESULTS.md, issue 3).
/// </remarks>
public sealed class SqliteRawStore : IRawStore, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS raw (
            device_id INTEGER NOT NULL,
            insertion_time TEXT NOT NULL,
            message TEXT NOT NULL,
            source TEXT NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS raw_source ON raw (source);
        """;

    private const string Insert = """
        INSERT INTO raw (device_id, insertion_time, message, source)
        VALUES ($device_id, $insertion_time, $message, $source)
        ON CONFLICT (source) DO NOTHING
        """;

    private readonly Lock gate = new();
    private readonly SqliteConnection connection;
    private readonly SqliteCheckpointer checkpointer;
    private readonly SqliteStatement insert;
    private readonly SqliteCommand count;
    private byte[] sourceBytes = new byte[256];
    private bool disposed;

    /// <summary>Opens (and creates, with its directory and table) the raw store in the SQLite file at <paramref name="path"/>.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="busyTimeout">How long a write waits for another connection's lock; 5 seconds by default.</param>
    public SqliteRawStore(string path, TimeSpan? busyTimeout = null)
    {
        connection = SqliteFile.Open(path, busyTimeout);
        try
        {
            SqliteFile.Execute(connection, "PRAGMA journal_mode = WAL;");
            SqliteFile.Execute(connection, Schema);

            insert = new SqliteStatement(connection, Insert);
            count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM raw";
            checkpointer = new SqliteCheckpointer(connection, path, busyTimeout);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<int> Write(IReadOnlyList<RawMessage> messages, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return Task.FromResult(0);
        }

        return Task.Run(() => WriteBatch(messages, cancellation), cancellation);
    }

    /// <inheritdoc />
    public Task<long> Count(CancellationToken cancellation = default) =>
        Task.Run(
            () =>
            {
                lock (gate)
                {
                    ObjectDisposedException.ThrowIf(disposed, this);
                    return Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                }
            },
            cancellation);

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            checkpointer.Dispose();
            insert.Dispose();
            count.Dispose();
            connection.Dispose();
        }
    }

    private int WriteBatch(IReadOnlyList<RawMessage> messages, CancellationToken cancellation)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            cancellation.ThrowIfCancellationRequested();
            using var transaction = connection.BeginTransaction();
            var added = 0;
            for (var i = 0; i < messages.Count; i++)
            {
                added += InsertRow(messages[i]);
            }

            // Last chance to give up: nothing is stored unless the whole batch commits.
            cancellation.ThrowIfCancellationRequested();
            transaction.Commit();
            checkpointer.Written();
            return added;
        }
    }

    /// <summary>Inserts one row unless its source is stored already; returns 1 if it was new.</summary>
    private int InsertRow(RawMessage message)
    {
        var reading = message.Reading;
        Span<byte> insertionTime = stackalloc byte[TimeUuid.Length];
        TimeUuid.WriteNew(insertionTime);
        return insert
            .Bind(1, reading.DeviceId)
            .BindText(2, insertionTime)
            .BindText(3, message.Json.Span)
            .BindText(4, Utf8(reading.Source))
            .Execute();
    }

    private ReadOnlySpan<byte> Utf8(string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > sourceBytes.Length)
        {
            sourceBytes = new byte[most];
        }

        return sourceBytes.AsSpan(0, Encoding.UTF8.GetBytes(text, sourceBytes));
    }
}
