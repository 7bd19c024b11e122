using System.Text;
using Microsoft.Data.Sqlite;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.Storage;
using StreamEngine.Connectors.Storage;

namespace StreamEngine.Connectors.Tests.Storage;

public sealed class SqliteRawStoreSpec : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "se-raw-" + Guid.NewGuid().ToString("N"));

    private string File => Path.Combine(directory, "nested", "raw.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_batch_is_stored_with_the_readings_json_as_message()
    {
        var readings = Readings(device: 123, from: 0, count: 3);
        using var store = new SqliteRawStore(File);

        Assert.Equal(3, await store.Write(readings));

        Assert.Equal(3, await store.Count());
        var rows = Rows(123);
        Assert.Equal(3, rows.Count);
        foreach (var (reading, json) in readings)
        {
            var row = Assert.Single(rows, r => r.Source == reading.Source);
            Assert.Equal(Encoding.UTF8.GetString(json.Span), row.Message);
            Assert.Equal(reading, ReadingJson.Deserialize(Encoding.UTF8.GetBytes(row.Message)));
        }
    }

    [Fact]
    public async Task A_message_is_stored_byte_for_byte_as_it_was_read()
    {
        var reading = new Reading(77, GatewayId: 9, Time: 1_732_291_200_000, Temp: 4.5, Batt: 75, ReceivedAt: 1_732_291_201_123, Source: "reports/0/0/0");
        var asSent = """
            { "source": "reports/0/0/0", "deviceId": 77, "gatewayId": 9,
              "time": 1732291200000, "temp": 4.50, "batt": 75, "receivedAt": 1732291201123, "note": "Kühlraum" }
            """;
        using var store = new SqliteRawStore(File);

        await store.Write([new RawMessage(reading, Encoding.UTF8.GetBytes(asSent))]);

        Assert.Equal(asSent, Assert.Single(Rows(77)).Message);
    }

    [Fact]
    public async Task A_replayed_batch_stores_nothing_new()
    {
        var readings = Readings(device: 1, from: 0, count: 10);
        using var store = new SqliteRawStore(File);
        await store.Write(readings);

        Assert.Equal(0, await store.Write(readings));

        Assert.Equal(10, await store.Count());
    }

    [Fact]
    public async Task A_batch_mixing_new_and_replayed_readings_stores_only_the_new_ones()
    {
        using var store = new SqliteRawStore(File);
        await store.Write(Readings(device: 1, from: 0, count: 5));
        var mixed = Readings(device: 1, from: 3, count: 5); // 3 and 4 were stored, 5..7 are new

        Assert.Equal(3, await store.Write([.. mixed, mixed[^1]])); // a duplicate inside the batch counts once

        Assert.Equal(8, await store.Count());
        Assert.Equal(
            Enumerable.Range(0, 8).Select(i => $"reports/0/{i}/0"),
            Rows(1).Select(r => r.Source).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Rows_of_one_device_come_back_in_insertion_order()
    {
        using var store = new SqliteRawStore(File);
        var written = new List<string>();
        for (var batch = 0; batch < 5; batch++)
        {
            var readings = Readings(device: 7, from: batch * 100, count: 100)
                .Concat(Readings(device: 8, from: 10_000 + (batch * 100), count: 10))
                .ToList();
            await store.Write(readings);
            written.AddRange(readings.Where(r => r.Reading.DeviceId == 7).Select(r => r.Reading.Source));
        }

        var rows = Rows(7);

        Assert.Equal(written, rows.Select(r => r.Source));
        var times = rows.Select(r => TimeUuid.Timestamp(r.InsertionTime)).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(times.Count, times.Distinct().Count());
    }

    [Fact]
    public async Task Data_survives_reopening()
    {
        var readings = Readings(device: 42, from: 0, count: 20);
        using (var store = new SqliteRawStore(File))
        {
            await store.Write(readings);
        }

        using var reopened = new SqliteRawStore(File);

        Assert.Equal(20, await reopened.Count());
        Assert.Equal(0, await reopened.Write(readings));
        Assert.Equal(readings.Select(r => r.Reading.Source), Rows(42).Select(r => r.Source));
    }

    [Fact]
    public async Task An_empty_batch_stores_nothing()
    {
        using var store = new SqliteRawStore(File);

        Assert.Equal(0, await store.Write([]));
        Assert.Equal(0, await store.Count());
    }

    [Fact]
    public async Task A_batch_that_finds_the_file_locked_fails_whole_after_the_busy_timeout_and_can_be_written_again()
    {
        using var store = new SqliteRawStore(File, busyTimeout: TimeSpan.FromMilliseconds(100));
        var readings = Readings(device: 5, from: 0, count: 10);
        using (var other = new SqliteConnection($"Data Source={File};Pooling=False"))
        {
            other.Open();
            using var locking = other.BeginTransaction(deferred: false);

            var waiting = System.Diagnostics.Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<SqliteException>(() => store.Write(readings));

            Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY
            Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(15), $"gave up after {waiting.Elapsed}, not near its busy timeout but near Microsoft.Data.Sqlite's 30 s");
        }

        Assert.Equal(0, await store.Count());
        Assert.Equal(10, await store.Write(readings));
        Assert.Equal(readings.Select(r => r.Reading.Source), Rows(5).Select(r => r.Source));
    }

    [Fact]
    public async Task Concurrent_writers_store_every_reading_once()
    {
        using var store = new SqliteRawStore(File);
        var batches = Enumerable.Range(0, 8).Select(b => Readings(device: b, from: b * 1000, count: 500)).ToList();

        var added = await Task.WhenAll(batches.Concat(batches).Select(b => store.Write(b)));

        Assert.Equal(8 * 500, added.Sum());
        Assert.Equal(8 * 500, await store.Count());
    }

    [Fact]
    public void Time_uuids_are_version_1_and_increase_with_time()
    {
        var before = DateTime.UtcNow;
        var uuids = Enumerable.Range(0, 10_000).Select(_ => NewTimeUuid()).ToList();
        var after = DateTime.UtcNow;

        foreach (var uuid in uuids)
        {
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", uuid);
            var guid = Guid.Parse(uuid);
            Assert.Equal(1, guid.Version);
            Assert.Equal(uuid, guid.ToString());
        }

        var stamps = uuids.Select(TimeUuid.Timestamp).ToList();
        Assert.All(stamps.Zip(stamps.Skip(1)), pair => Assert.True(pair.Second > pair.First));
        Assert.InRange(TimeUuid.Time(uuids[0]), before.AddMilliseconds(-1), after.AddSeconds(1));
        Assert.Equal(uuids.Count, uuids.Distinct().Count());
    }

    [Fact]
    public void Time_uuid_fields_hold_the_timestamp_since_the_gregorian_epoch()
    {
        // 1970-01-01 is 0x01B21DD213814000 intervals of 100 ns after 1582-10-15.
        var uuid = TimeUuid.Format(0x01B21DD213814000);

        Assert.StartsWith("13814000-1dd2-11b2-", uuid, StringComparison.Ordinal);
        Assert.Equal(DateTime.UnixEpoch, TimeUuid.Time(uuid));
        Assert.True(
            string.CompareOrdinal(SortKey(TimeUuid.Format(0x0000_0001_0000_0000)), SortKey(TimeUuid.Format(0x0000_0000_FFFF_FFFF))) > 0,
            "the sort key orders by time even where time_low wraps");
    }

    private static string NewTimeUuid()
    {
        var ascii = new byte[TimeUuid.Length];
        TimeUuid.WriteNew(ascii);
        return Encoding.ASCII.GetString(ascii);
    }

    private static string SortKey(string uuid) => string.Concat(uuid.AsSpan(15, 3), uuid.AsSpan(9, 4), uuid.AsSpan(0, 8));

    private static List<RawMessage> Readings(long device, int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i =>
            new Reading(device, GatewayId: 9, Time: 1_732_291_200_000 + i, Temp: 4.5 + i, Batt: 75, ReceivedAt: 1_732_291_201_123, Source: $"reports/0/{i}/0"))
            .Select(r => new RawMessage(r, ReadingJson.Serialize(r)))];

    private List<(string InsertionTime, string Message, string Source)> Rows(long device)
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT insertion_time, message, source FROM raw WHERE device_id = $device ORDER BY {TimeUuid.SortKeySql("insertion_time")}";
        command.Parameters.AddWithValue("$device", device);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }
}
