using Microsoft.Data.Sqlite;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.Storage;
using StreamEngine.Connectors.Storage;
using StreamEngine.Testing;

namespace StreamEngine.Connectors.Tests.Storage;

public sealed class SqliteCheckpointerSpec : IDisposable
{
    private const int PageBytes = 4096;

    private readonly string directory = Path.Combine(Path.GetTempPath(), "se-checkpoint-" + Guid.NewGuid().ToString("N"));

    private string File => Path.Combine(directory, "store.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_stores_commits_reach_its_database_file_while_it_stays_open_long_before_the_log_holds_1000_pages()
    {
        using var store = new SqliteRawStore(File);
        var empty = new FileInfo(File).Length;

        for (var batch = 0; batch < 3; batch++)
        {
            await store.Write(Readings(from: batch * 300, count: 300));
        }

        // About 900 rows of some 200 bytes: a few dozen pages, all in the log until SQLite's own checkpoint at 1,000.
        await Eventually.True(() => new FileInfo(File).Length >= empty + (40 * PageBytes), "the rows copied into the database file");
        Assert.Equal(900, await store.Count());
        Assert.Equal(900, CountWithNewConnection());
    }

    [Fact]
    public void Under_commits_that_never_pause_the_log_is_rewound_instead_of_growing()
    {
        Directory.CreateDirectory(directory);
        using var writer = Open();
        SqliteFile.Execute(writer, "PRAGMA journal_mode = WAL; CREATE TABLE t (payload BLOB NOT NULL);");
        using var checkpointer = new SqliteCheckpointer(writer, File, busyTimeout: null, rewindAfterFrames: 50);
        using var insert = writer.CreateCommand();
        insert.CommandText = "INSERT INTO t (payload) VALUES (randomblob(3000))";
        Commit(writer, insert);
        var firstLog = LogSequence();

        // Back-to-back commits of 4 pages or more each, as a store's writer makes when it falls behind: 12,000 pages,
        // the threshold 240 times over. The log was rewound 263–330 times in four runs; without the writer's own copy
        // of the rest, 0 times in four.
        const int Commits = 3_000;
        for (var i = 0; i < Commits; i++)
        {
            Commit(writer, insert);
            checkpointer.Written();
        }

        var rewinds = LogSequence() - firstLog;
        Assert.True(rewinds >= 5, $"the log was rewound {rewinds} times in {Commits} commits");
        Assert.Equal((Commits + 1) * 4, CountWithNewConnection("t"));
    }

    private static void Commit(SqliteConnection writer, SqliteCommand insert)
    {
        using var transaction = writer.BeginTransaction();
        insert.Transaction = transaction;
        for (var row = 0; row < 4; row++)
        {
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The log's checkpoint sequence number (its header's bytes 12–15): it changes each time the log is rewound.</summary>
    private uint LogSequence()
    {
        using var log = new FileStream(File + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[16];
        log.ReadExactly(header);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        return connection;
    }

    private long CountWithNewConnection(string table = "raw")
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    private static List<RawMessage> Readings(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i =>
            new Reading(i % 10, GatewayId: 9, Time: 1_732_291_200_000 + i, Temp: 4.5, Batt: 75, ReceivedAt: 1_732_291_201_123, Source: $"reports/0/{i}/0"))
            .Select(r => new RawMessage(r, ReadingJson.Serialize(r)))];
}
