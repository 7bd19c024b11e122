using System.Diagnostics;
using StreamEngine.Topologies.Metrics;

namespace StreamEngine.Topologies.Tests.Metrics;

public sealed class StageMeterSpec
{
    private readonly TopologyMetrics _metrics = new();

    [Fact]
    public void A_timed_function_counts_in_out_and_its_latency_on_every_thread()
    {
        var meter = _metrics.Stage("parse");
        var timed = meter.Timed((int i) => i * 2);

        Parallel.For(0, 200_000, i => timed(i));

        var stage = meter.Snapshot();
        Assert.Equal(("parse", 200_000L, 200_000L, 0L), (stage.Name, stage.In, stage.Out, stage.Failures));
        Assert.True(stage.P50Ms > 0 && stage.P99Ms >= stage.P50Ms, $"p50 {stage.P50Ms} ms, p99 {stage.P99Ms} ms");
    }

    [Fact]
    public void A_function_that_throws_counts_a_failure_and_still_throws()
    {
        var meter = _metrics.Stage("parse");
        var timed = meter.Timed<int, int>(_ => throw new InvalidOperationException("bad"));

        Assert.Throws<InvalidOperationException>(() => timed(1));

        Assert.Equal((1L, 0L, 1L), (meter.Snapshot().In, meter.Snapshot().Out, meter.Snapshot().Failures));
    }

    [Fact]
    public async Task An_async_stage_times_each_element_from_its_start_to_its_task_completing()
    {
        var meter = _metrics.Stage("store");
        var pending = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timed = meter.TimedAsync((int _) => pending.Task);

        var running = timed(1);
        Assert.Equal((1L, 0L), (meter.Snapshot().In, meter.Snapshot().Out));
        await Task.Delay(50);
        pending.SetResult(7);

        Assert.Equal(7, await running);
        var stage = meter.Snapshot();
        Assert.Equal(1, stage.Out);
        // At least the 50 ms it waited, less the histogram's bucket error (12.5 %) and the timer's rounding.
        Assert.InRange(stage.P99Ms, 40, 1_000);
    }

    [Fact]
    public async Task A_faulted_task_counts_a_failure_and_the_caller_still_sees_the_fault()
    {
        var meter = _metrics.Stage("store");
        var pending = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timed = meter.TimedAsync((int _) => pending.Task);

        var running = timed(1);
        pending.SetException(new TimeoutException("store down"));

        await Assert.ThrowsAsync<TimeoutException>(() => running);
        Assert.Equal((1L, 0L, 1L), (meter.Snapshot().In, meter.Snapshot().Out, meter.Snapshot().Failures));
    }

    [Fact]
    public async Task A_value_ready_at_once_is_counted_and_timed_without_a_task_and_one_that_waits_when_it_comes()
    {
        var meter = _metrics.Stage("config");
        var pending = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timed = meter.TimedValueAsync((int i) => i == 0 ? new ValueTask<int>(pending.Task) : new ValueTask<int>(i * 2));

        var ready = timed(3).AsTask();
        var waiting = timed(0).AsTask();

        Assert.True(ready.IsCompletedSuccessfully);
        Assert.Equal((2L, 1L), (meter.Snapshot().In, meter.Snapshot().Out));
        pending.SetResult(9);
        Assert.Equal((6, 9), (await ready, await waiting));
        Assert.Equal((2L, 2L, 0L), (meter.Snapshot().In, meter.Snapshot().Out, meter.Snapshot().Failures));
    }

    [Fact]
    public async Task A_value_that_fails_or_a_function_that_throws_counts_a_failure_and_the_caller_still_sees_it()
    {
        var meter = _metrics.Stage("notify");
        var timed = meter.TimedValueAsync<int, int>(i => i == 0
            ? throw new InvalidOperationException("bad input")
            : new ValueTask<int>(Task.FromException<int>(new TimeoutException("sms down"))));

        Action throwing = () => timed(0).AsTask();
        Assert.Throws<InvalidOperationException>(throwing);
        await Assert.ThrowsAsync<TimeoutException>(() => timed(1).AsTask());

        Assert.Equal((2L, 0L, 2L), (meter.Snapshot().In, meter.Snapshot().Out, meter.Snapshot().Failures));
    }

    [Fact]
    public async Task Timing_only_leaves_the_counting_to_entering_and_leaving()
    {
        var meter = _metrics.Stage("cooldown");
        var timed = meter.TimedOnlyAsync((int[] batch) => Task.FromResult(batch));

        var batch = new[] { meter.Entering(1), meter.Entering(2), meter.Entering(3) };
        foreach (var element in await timed(batch))
        {
            meter.Leaving(element);
        }

        Assert.Equal((3L, 3L), (meter.Snapshot().In, meter.Snapshot().Out));
        Assert.True(meter.Snapshot().P50Ms > 0);
    }

    [Fact]
    public void A_batch_stage_counts_every_element_and_shares_the_batchs_time_among_them()
    {
        var meter = _metrics.Stage("parse");
        var timed = meter.TimedBatch((List<int> batch) =>
        {
            var started = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(40))
            {
                Thread.SpinWait(100);
            }

            return batch.Sum();
        });

        Assert.Equal(10, timed([1, 2, 3, 4]));

        var stage = meter.Snapshot();
        Assert.Equal((4L, 4L, 0L), (stage.In, stage.Out, stage.Failures));
        // Each element's latency is a quarter of the 40 ms; the busy time counts the 40 ms once.
        Assert.InRange(stage.P50Ms, 9, 30);
        Assert.Equal(stage.P50Ms, stage.P99Ms);
        Assert.InRange(stage.Capacity, 0.004, 0.008);
    }

    [Fact]
    public void A_batch_stage_that_throws_counts_a_failure_for_every_element_and_still_throws()
    {
        var meter = _metrics.Stage("parse");
        var timed = meter.TimedBatch<List<int>, int>(_ => throw new InvalidOperationException("bad"));

        Assert.Throws<InvalidOperationException>(() => timed([1, 2, 3]));

        Assert.Equal((3L, 0L, 3L), (meter.Snapshot().In, meter.Snapshot().Out, meter.Snapshot().Failures));
    }

    [Fact]
    public async Task An_async_batch_stage_counts_the_batch_in_at_its_start_and_out_when_it_completes()
    {
        var meter = _metrics.Stage("config");
        var pending = new TaskCompletionSource<List<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timed = meter.TimedBatchValueAsync((List<int> _) => new ValueTask<List<int>>(pending.Task));

        var running = timed([1, 2]);
        Assert.Equal((2L, 0L), (meter.Snapshot().In, meter.Snapshot().Out));
        pending.SetResult([3, 4]);

        Assert.Equal([3, 4], await running);
        Assert.Equal((2L, 2L, 0L), (meter.Snapshot().In, meter.Snapshot().Out, meter.Snapshot().Failures));
    }

    [Fact]
    public void Capacity_is_the_busy_time_of_the_last_ten_seconds_over_those_seconds()
    {
        var meter = _metrics.Stage("notify");

        meter.Record(Stopwatch.GetTimestamp() - (2 * Stopwatch.Frequency));
        meter.Record(Stopwatch.GetTimestamp() - (Stopwatch.Frequency / 2));

        Assert.InRange(meter.Snapshot().Capacity, 0.25, 0.26);
    }

    [Fact]
    public void The_same_name_gives_the_same_meter_and_stages_keep_their_order()
    {
        Assert.Same(_metrics.Stage("parse"), _metrics.Stage("parse"));
        _metrics.Stage("notify");
        _metrics.Stage("info");

        Assert.Equal(["parse", "notify", "info"], _metrics.Stages().Select(s => s.Name));
    }
}
