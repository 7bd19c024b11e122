using Microsoft.Data.Sqlite;

namespace StreamEngine.Connectors.Storage;

/// <summary>
/// Copies a store's write-ahead log into its database file from a thread and a connection of its own, so that the
/// store's writer, which sets a store topology's pace, only appends to the log. Left to itself SQLite checkpoints
/// inside the commit that fills the log past 1,000 pages, on the writer's thread: the raw store alone wrote 13–35 % more
/// rows a second with this, the metric store 11–36 % more points (bench/RESULTS.md, issues 3 and 4).
/// </summary>
/// <remarks>
/// After each commit the writer calls <see cref="Written"/>; the checkpointer then copies what is committed without
/// holding anyone up (a passive checkpoint). A commit rewinds the log only when everything in it is copied, which a
/// writer that never pauses may never let happen (measured: 2,000 back-to-back commits left a log of 8,000–11,000
/// pages, although a restart checkpoint was asked for every 50: it waits for a moment without a writer and never saw
/// one). So once the log holds <see cref="RewindAfterFrames"/> pages, the writer itself copies the little that came
/// since the checkpointer's last pass, at its next <see cref="Written"/>, and its next commit starts the log again
/// from the beginning. A checkpoint that fails (a full disk) is tried again after the next commit; nothing is lost
/// meanwhile, a page not yet copied being read from the log.
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>Pages in the log (4 KiB each) after which the writer copies the rest, so that its next commit rewinds it: 40 MiB.</summary>
    public const int DefaultRewindAfterFrames = 10_000;

    private readonly SqliteConnection writer;
    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim signal = new(0, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread thread;
    private int pending;
    private volatile bool rewindWanted;

    /// <param name="writer">The store's writing connection; its own checkpoints are turned off here.</param>
    /// <param name="path">The store's database file.</param>
    /// <param name="busyTimeout">The store's busy timeout.</param>
    /// <param name="rewindAfterFrames">See <see cref="RewindAfterFrames"/>.</param>
    public SqliteCheckpointer(SqliteConnection writer, string path, TimeSpan? busyTimeout, int rewindAfterFrames = DefaultRewindAfterFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rewindAfterFrames, 1);
        RewindAfterFrames = rewindAfterFrames;
        this.writer = writer;
        connection = SqliteFile.Open(path, busyTimeout);
        SqliteFile.Execute(writer, "PRAGMA wal_autocheckpoint = 0;");
        thread = new Thread(Run) { IsBackground = true, Name = $"sqlite checkpoint {Path.GetFileName(path)}" };
        thread.Start();
    }

    /// <summary>Pages the log may hold before the writer copies the rest itself, so that its next commit rewinds it.</summary>
    public int RewindAfterFrames { get; }

    /// <summary>
    /// Tells the checkpointer that the writer committed. Call it on the writer's thread, between its transactions: it
    /// returns at once unless the log is due to be rewound.
    /// </summary>
    public void Written()
    {
        if (rewindWanted)
        {
            try
            {
                rewindWanted = !CopiedAll(writer);
            }
            catch (SqliteException)
            {
                // Tried again after the next commit.
            }
        }

        if (Interlocked.Exchange(ref pending, 1) == 0)
        {
            signal.Release();
        }
    }

    /// <summary>Stops the checkpointer (after the checkpoint under way) and closes its connection. Call it before the writer's.</summary>
    public void Dispose()
    {
        stopping.Cancel();
        thread.Join();
        connection.Dispose();
        signal.Dispose();
        stopping.Dispose();
    }

    private void Run()
    {
        try
        {
            while (true)
            {
                signal.Wait(stopping.Token);
                Volatile.Write(ref pending, 0);
                try
                {
                    if (Checkpoint(connection).Log >= RewindAfterFrames)
                    {
                        rewindWanted = true;
                    }
                }
                catch (SqliteException)
                {
                    // Tried again after the next commit; until then the log keeps what was not copied.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Runs a passive checkpoint on <paramref name="on"/>; true when it copied everything in the log.</summary>
    private static bool CopiedAll(SqliteConnection on)
    {
        var (busy, log, copied) = Checkpoint(on);
        return !busy && log == copied;
    }

    /// <summary>Runs a passive checkpoint on <paramref name="on"/>: whether another blocked it, pages in the log, pages of it copied.</summary>
    private static (bool Busy, long Log, long Copied) Checkpoint(SqliteConnection on)
    {
        using var command = on.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var result = command.ExecuteReader();
        return result.Read() ? (result.GetInt64(0) != 0, result.GetInt64(1), result.GetInt64(2)) : (true, 0, 0);
    }
}
