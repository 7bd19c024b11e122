using Microsoft.Data.Sqlite;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Metrics.Aggregators;
using StreamEngine.Connectors.Metrics;
using StreamEngine.Connectors.Storage;

namespace StreamEngine.Connectors.Tests.Metrics;

public sealed class SqliteMetricStoreSpec : IDisposable
{
    private const long T0 = 1_704_067_200_000;
    private const long Week = 604_800_000;

    private readonly string directory = Path.Combine(Path.GetTempPath(), "se-metrics-" + Guid.NewGuid().ToString("N"));

    private string File => Path.Combine(directory, "nested", "streamengine.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Written_points_come_back_in_time_order_with_their_types()
    {
        using var store = new SqliteMetricStore(File);
        await store.Write([Point("temperature", "1", T0 + 2, 4.5), Point("temperature", "1", T0, 3L), Point("temperature", "1", T0 + 1, 3.0)]);

        var result = await store.Query(new MetricQuery("temperature", T0, T0 + 10));

        var values = Assert.Single(result.Results).Values;
        Assert.Equal([T0, T0 + 1, T0 + 2], values.Select(v => v.TimestampMs));
        Assert.Equal([MetricValue.Of(3L), MetricValue.Of(3.0), MetricValue.Of(4.5)], values.Select(v => v.Value));
        Assert.True(values[0].Value.IsLong);
        Assert.False(values[1].Value.IsLong);
        Assert.Equal(3, result.SampleSize);
        Assert.Equal(["integer", "real", "real"], StoredTypes());
    }

    [Fact]
    public async Task Writing_the_same_point_twice_keeps_one_point_with_the_last_value()
    {
        using var store = new SqliteMetricStore(File);
        await store.Write([Point("temperature", "1", T0, 1.0)]);
        await store.Write([Point("temperature", "1", T0, 2.0), Point("temperature", "1", T0, 3.0)]);

        var values = (await store.Query(new MetricQuery("temperature", T0, T0))).Results[0].Values;

        Assert.Equal(3.0, Assert.Single(values).Value.DoubleValue);
        Assert.Equal(1, Count("metric_points"));
    }

    [Fact]
    public async Task A_series_spanning_several_three_week_rows_reads_as_one_series()
    {
        using var store = new SqliteMetricStore(File);
        var times = Enumerable.Range(0, 10).Select(i => T0 + (i * Week)).ToList();
        await store.Write([.. times.Select((t, i) => Point("temperature", "1", t, (long)i))]);

        var result = await store.Query(new MetricQuery("temperature", T0 + Week, T0 + (8 * Week)).WithTag("device_id", "1"));

        Assert.Equal(times.Skip(1).Take(8), Assert.Single(result.Results).Values.Select(v => v.TimestampMs));
        Assert.Equal(times.Select(SqliteMetricStore.RowTime).Distinct().Count(), Count("metric_rows"));
        Assert.True(Count("metric_rows") >= 4);
    }

    [Fact]
    public void Row_times_are_timestamps_rounded_down_to_three_weeks()
    {
        Assert.Equal(0, SqliteMetricStore.RowTime(0));
        Assert.Equal(0, SqliteMetricStore.RowTime(SqliteMetricStore.RowWidthMs - 1));
        Assert.Equal(SqliteMetricStore.RowWidthMs, SqliteMetricStore.RowTime(SqliteMetricStore.RowWidthMs));
        Assert.Equal(-SqliteMetricStore.RowWidthMs, SqliteMetricStore.RowTime(-1));
        Assert.Equal(T0 - (T0 % 1_814_400_000), SqliteMetricStore.RowTime(T0));
    }

    [Fact]
    public async Task Tag_filters_with_several_values_select_those_series()
    {
        using var store = new SqliteMetricStore(File);
        await store.Write([.. Enumerable.Range(1, 5).SelectMany(d => Enumerable.Range(0, 3).Select(i => Point("temperature", $"{d}", T0 + i, (long)((d * 10) + i))))]);

        var result = await store.Query(new MetricQuery("temperature", T0, T0 + 10).WithTag("device_id", "2", "4"));

        var only = Assert.Single(result.Results);
        Assert.Equal(["2", "4"], only.Tags["device_id"]);
        Assert.Equal([20L, 40L, 21L, 41L, 22L, 42L], only.Values.Select(v => v.Value.LongValue));
    }

    [Fact]
    public async Task Group_by_and_aggregators_run_over_stored_series()
    {
        using var store = new SqliteMetricStore(File);
        await store.Write(
        [
            Point("temperature", "1", T0, 1.0, site: "a"),
            Point("temperature", "1", T0 + 30_000, 3.0, site: "a"),
            Point("temperature", "2", T0 + 10_000, 5.0, site: "a"),
            Point("temperature", "3", T0 + 70_000, 7.0, site: "b"),
        ]);
        var query = new MetricQuery("temperature", T0, T0 + 120_000)
        {
            GroupByTags = ["site"],
            Aggregators = [new RangeAggregator(AggregatorKind.Avg, Sampling.Of(SamplingUnit.Minutes)) { AlignSampling = true, AlignStartTime = true }],
        };

        var result = await store.Query(query);

        Assert.Equal(["a", "b"], result.Results.Select(r => r.TagGroup!.Group["site"]));
        Assert.Equal([new TimestampedValue(T0, MetricValue.Of(3.0))], result.Results[0].Values);
        Assert.Equal([new TimestampedValue(T0 + 60_000, MetricValue.Of(7.0))], result.Results[1].Values);
    }

    [Fact]
    public async Task Limit_and_order_pick_the_latest_points()
    {
        using var store = new SqliteMetricStore(File);
        await store.Write([.. Enumerable.Range(0, 100).Select(i => Point("temperature", "1", T0 + (i * 1000L), (long)i))]);

        var result = await store.Query(new MetricQuery("temperature", T0, T0 + 1_000_000) { Limit = 3, Order = SortOrder.Descending });

        Assert.Equal([99L, 98L, 97L], result.Results[0].Values.Select(v => v.Value.LongValue));
    }

    [Fact]
    public async Task One_device_of_many_reads_its_thousand_points_only()
    {
        using var store = new SqliteMetricStore(File);
        for (var batch = 0; batch < 10; batch++)
        {
            await store.Write([.. Enumerable.Range(batch * 20, 20).SelectMany(d => Enumerable.Range(0, 1_000).Select(i => Point("temperature", $"{d}", T0 + (i * 60_000L), (double)d)))]);
        }

        var result = await store.Query(new MetricQuery("temperature", T0, T0 + (1_000 * 60_000L)).WithTag("device_id", "123"));

        var values = Assert.Single(result.Results).Values;
        Assert.Equal(1_000, values.Count);
        Assert.All(values, v => Assert.Equal(123.0, v.Value.DoubleValue));
        Assert.Equal(1_000, result.SampleSize);
    }

    [Fact]
    public async Task Metric_names_tag_names_and_tag_values_list_what_was_written()
    {
        using var store = new SqliteMetricStore(File);
        await store.Write([Point("temperature", "1", T0, 1.0, site: "a"), Point("battery", "2", T0, 90L), Point("temp.max", "1", T0, 5L)]);

        Assert.Equal(["battery", "temp.max", "temperature"], await store.MetricNames());
        Assert.Equal(["temp.max", "temperature"], await store.MetricNames("temp"));
        Assert.Equal(["device_id", "site"], await store.TagNames());
        Assert.Equal(["1", "2", "a"], await store.TagValues());
    }

    [Fact]
    public async Task Query_tags_gives_the_tags_of_matching_series_in_range()
    {
        using var store = new SqliteMetricStore(File);
        await store.Write([Point("temperature", "1", T0, 1.0, site: "a"), Point("temperature", "2", T0 + (5 * Week), 1.0, site: "a"), Point("temperature", "3", T0, 1.0, site: "b")]);

        var tags = await store.QueryTags(new MetricQuery("temperature", T0, T0 + Week).WithTag("site", "a"));

        Assert.Equal("temperature", tags.Name);
        Assert.Equal(["1"], tags.Tags["device_id"]);
        Assert.Equal(["a"], tags.Tags["site"]);
    }

    [Fact]
    public async Task Deleting_datapoints_by_query_removes_only_the_selected_points()
    {
        using var store = new SqliteMetricStore(File);
        await store.Write([.. Enumerable.Range(0, 10).SelectMany(i => new[] { Point("temperature", "1", T0 + i, (long)i), Point("temperature", "2", T0 + i, (long)i) })]);

        var deleted = await store.DeleteDataPoints(new MetricQuery("temperature", T0 + 2, T0 + 5).WithTag("device_id", "1"));

        Assert.Equal(4, deleted);
        var one = await store.Query(new MetricQuery("temperature", T0, T0 + 10).WithTag("device_id", "1"));
        Assert.Equal([0L, 1L, 6L, 7L, 8L, 9L], one.Results[0].Values.Select(v => v.Value.LongValue));
        var two = await store.Query(new MetricQuery("temperature", T0, T0 + 10).WithTag("device_id", "2"));
        Assert.Equal(10, two.Results[0].Values.Count);
    }

    [Fact]
    public async Task Deleting_every_point_of_a_series_removes_its_row_and_a_later_write_recreates_it()
    {
        using var store = new SqliteMetricStore(File);
        await store.Write([Point("temperature", "1", T0, 1L)]);

        Assert.Equal(1, await store.DeleteDataPoints(new MetricQuery("temperature", T0, T0)));
        Assert.Equal(0, Count("metric_rows"));
        Assert.Empty(await store.MetricNames());

        await store.Write([Point("temperature", "1", T0, 2L)]);
        Assert.Equal(2L, (await store.Query(new MetricQuery("temperature", T0, T0))).Results[0].Values[0].Value.LongValue);
    }

    [Fact]
    public async Task Deleting_a_metric_removes_its_points_rows_and_tags_and_leaves_other_metrics()
    {
        using var store = new SqliteMetricStore(File);
        await store.Write([Point("temperature", "1", T0, 1.0), Point("temperature", "1", T0 + (4 * Week), 1.0), Point("battery", "1", T0, 80L)]);

        await store.DeleteMetric("temperature");

        Assert.Equal(["battery"], await store.MetricNames());
        Assert.Empty((await store.Query(new MetricQuery("temperature", 0, T0 + (5 * Week)))).Results[0].Values);
        Assert.Equal(1, Count("metric_points"));
        Assert.Equal(1, Count("metric_rows"));

        await store.Write([Point("temperature", "1", T0, 5.0)]);
        Assert.Single((await store.Query(new MetricQuery("temperature", T0, T0))).Results[0].Values);
    }

    [Fact]
    public async Task Tags_with_separator_characters_round_trip()
    {
        using var store = new SqliteMetricStore(File);
        var tags = TagSet.Of([new("path", @"a=b:c\d"), new("x:y", "=")]);
        await store.Write([new DataPoint("temperature", T0, MetricValue.Of(1L), tags)]);

        var result = await store.Query(new MetricQuery("temperature", T0, T0).WithTag("path", @"a=b:c\d"));

        Assert.Equal([@"a=b:c\d"], result.Results[0].Tags["path"]);
        Assert.Equal(["="], result.Results[0].Tags["x:y"]);
    }

    [Fact]
    public async Task Data_survives_reopening_and_shares_the_file_with_the_raw_store()
    {
        using (var raw = new SqliteRawStore(File))
        using (var store = new SqliteMetricStore(File))
        {
            await store.Write([Point("temperature", "1", T0, 1L)]);
            Assert.Equal(0, await raw.Count());
        }

        using var reopened = new SqliteMetricStore(File);
        await reopened.Write([Point("temperature", "1", T0, 1L)]);

        Assert.Single((await reopened.Query(new MetricQuery("temperature", T0, T0))).Results[0].Values);
        Assert.Equal(1, Count("metric_rows"));
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_see_every_point_once()
    {
        using var store = new SqliteMetricStore(File);
        var batches = Enumerable.Range(0, 8).Select(d => Enumerable.Range(0, 500).Select(i => Point("temperature", $"{d}", T0 + i, (long)i)).ToList()).ToList();

        var writes = batches.Concat(batches).Select(b => store.Write(b));
        var reads = Enumerable.Range(0, 8).Select(_ => store.Query(new MetricQuery("temperature", T0, T0 + 1_000)));
        await Task.WhenAll(writes.Concat(reads));

        Assert.Equal(8 * 500, (await store.Query(new MetricQuery("temperature", T0, T0 + 1_000))).SampleSize);
        Assert.Equal(8 * 500, Count("metric_points"));
    }

    [Theory]
    [InlineData("", "1", 1.0, "no metric name")]
    [InlineData("temperature", "", 1.0, "empty tag")]
    [InlineData("temperature", "1", double.NaN, "finite")]
    public async Task A_batch_with_an_invalid_point_is_refused_whole(string metric, string device, double value, string says)
    {
        using var store = new SqliteMetricStore(File);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.Write([Point("temperature", "1", T0, 1.0), Point(metric, device, T0 + 1, value)]));

        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Count("metric_points"));
    }

    [Fact]
    public async Task A_point_without_tags_is_refused()
    {
        using var store = new SqliteMetricStore(File);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.Write([new DataPoint("temperature", T0, MetricValue.Of(1L), TagSet.Of([]))]));

        Assert.Contains("at least one tag", error.Message, StringComparison.Ordinal);
    }

    private static DataPoint Point(string metric, string device, long time, double value, string? site = null) =>
        new(metric, time, MetricValue.Of(value), Tags(device, site));

    private static DataPoint Point(string metric, string device, long time, long value, string? site = null) =>
        new(metric, time, MetricValue.Of(value), Tags(device, site));

    private static TagSet Tags(string device, string? site) =>
        site is null ? TagSet.Of("device_id", device) : TagSet.Of([new("device_id", device), new("site", site)]);

    private List<string> StoredTypes()
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT typeof(value) FROM metric_points ORDER BY time_offset";
        using var reader = select.ExecuteReader();
        var types = new List<string>();
        while (reader.Read())
        {
            types.Add(reader.GetString(0));
        }

        return types;
    }

    private long Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)count.ExecuteScalar()!;
    }
}
