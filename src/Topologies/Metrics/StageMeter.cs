using System.Collections;
using System.Diagnostics;

namespace StreamEngine.Topologies.Metrics;

/// <summary>
/// The counters of one named stage: elements in and out, failures, latency and capacity. Every method is safe from
/// any thread and allocates nothing per element, except that <see cref="TimedAsync{TIn,TOut}"/> awaits a task that is
/// not yet complete.
/// </summary>
public sealed class StageMeter
{
    private readonly LatencyHistogram _latency = new();
    private readonly BusyWindow _busy = new();
    private long _in;
    private long _out;
    private long _failures;

    internal StageMeter(string name) => Name = name;

    /// <summary>The stage's name, as in its <c>.Named(...)</c>.</summary>
    public string Name { get; }

    /// <summary>Counts elements that entered the stage.</summary>
    public void CountIn(long count = 1) => Interlocked.Add(ref _in, count);

    /// <summary>Counts elements the stage emitted.</summary>
    public void CountOut(long count = 1) => Interlocked.Add(ref _out, count);

    /// <summary>Counts elements the stage failed on (its function threw or its task faulted).</summary>
    public void CountFailure(long count = 1) => Interlocked.Add(ref _failures, count);

    /// <summary>
    /// Records the work begun at <paramref name="startedAt"/> (a <see cref="Stopwatch.GetTimestamp"/>) and ended now:
    /// one latency, and as much busy time for the capacity.
    /// </summary>
    public void Record(long startedAt) => Record(startedAt, 1);

    /// <summary>
    /// Records the work on <paramref name="elements"/> elements at once, begun at <paramref name="startedAt"/> and ended
    /// now: each element's even share of it as its latency, and the whole as busy time.
    /// </summary>
    public void Record(long startedAt, long elements)
    {
        var now = Stopwatch.GetTimestamp();
        var elapsed = now - startedAt;
        _latency.Record(elapsed / Math.Max(1, elements), Math.Max(1, elements));
        _busy.Add(now, elapsed);
    }

    /// <summary>Counts <paramref name="element"/> in and returns it: for stages that are not a function, such as batching.</summary>
    public T Entering<T>(T element)
    {
        CountIn();
        return element;
    }

    /// <summary>Counts <paramref name="element"/> out and returns it.</summary>
    public T Leaving<T>(T element)
    {
        CountOut();
        return element;
    }

    /// <summary>Wraps a synchronous stage function: in, out, failures, and the time spent in the function.</summary>
    public Func<TIn, TOut> Timed<TIn, TOut>(Func<TIn, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return element =>
        {
            CountIn();
            var started = Stopwatch.GetTimestamp();
            try
            {
                var result = function(element);
                CountOut();
                return result;
            }
            catch
            {
                CountFailure();
                throw;
            }
            finally
            {
                Record(started);
            }
        };
    }

    /// <summary>
    /// Wraps a synchronous stage function over a batch of elements: each element of the batch counted in, and out when
    /// the function returns (a failure each when it throws), and each given its even share of the time as its latency.
    /// </summary>
    public Func<TBatch, TOut> TimedBatch<TBatch, TOut>(Func<TBatch, TOut> function)
        where TBatch : ICollection
    {
        ArgumentNullException.ThrowIfNull(function);
        return batch =>
        {
            var count = batch.Count;
            CountIn(count);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var result = function(batch);
                CountOut(count);
                return result;
            }
            catch
            {
                CountFailure(count);
                throw;
            }
            finally
            {
                Record(started, count);
            }
        };
    }

    /// <summary>
    /// As <see cref="TimedBatch{TBatch, TOut}"/>, for a function that returns a <see cref="ValueTask{TResult}"/>: out (or
    /// failures) when it completes, the time up to then shared among the batch's elements.
    /// </summary>
    public Func<TBatch, ValueTask<TOut>> TimedBatchValueAsync<TBatch, TOut>(Func<TBatch, ValueTask<TOut>> function)
        where TBatch : ICollection
    {
        ArgumentNullException.ThrowIfNull(function);
        return batch => Time(function, batch, batch.Count, batch.Count);
    }

    /// <summary>
    /// Wraps an asynchronous stage function (for <c>SelectAsync</c>): in when the element starts, out when its task
    /// succeeds, a failure when it throws or faults; the latency runs from the start to the task's completion.
    /// </summary>
    public Func<TIn, Task<TOut>> TimedAsync<TIn, TOut>(Func<TIn, Task<TOut>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Func<TIn, ValueTask<TOut>> asValueTask = element => new ValueTask<TOut>(function(element));
        return element => Time(asValueTask, element, 1, 1).AsTask();
    }

    /// <summary>
    /// As <see cref="TimedAsync{TIn, TOut}"/>, for a function that returns a <see cref="ValueTask{TResult}"/>: a value
    /// ready at once is counted and timed without a task.
    /// </summary>
    public Func<TIn, ValueTask<TOut>> TimedValueAsync<TIn, TOut>(Func<TIn, ValueTask<TOut>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return element => Time(function, element, 1, 1);
    }

    /// <summary>
    /// Wraps the asynchronous step of a stage that counts its elements around a batching step itself (with
    /// <see cref="Entering{T}"/> and <see cref="Leaving{T}"/>): only the latency of each call and its failures.
    /// </summary>
    public Func<TIn, Task<TOut>> TimedOnlyAsync<TIn, TOut>(Func<TIn, Task<TOut>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Func<TIn, ValueTask<TOut>> asValueTask = element => new ValueTask<TOut>(function(element));
        return element => Time(asValueTask, element, 0, 1).AsTask();
    }

    /// <summary>The stage's counts now.</summary>
    public StageMetrics Snapshot() => new(
        Name,
        Interlocked.Read(ref _in),
        Interlocked.Read(ref _out),
        Interlocked.Read(ref _failures),
        _latency.PercentileMs(0.5),
        _latency.PercentileMs(0.99),
        _busy.Fraction(Stopwatch.GetTimestamp()));

    // counted: the elements counted in and out (none for a stage that counts around its batching itself); shares: how
    // many latencies the time is shared among.
    private ValueTask<TOut> Time<TIn, TOut>(Func<TIn, ValueTask<TOut>> function, TIn element, long counted, long shares)
    {
        CountIn(counted);
        var started = Stopwatch.GetTimestamp();
        ValueTask<TOut> pending;
        try
        {
            pending = function(element);
        }
        catch
        {
            CountFailure(Math.Max(1, counted));
            Record(started, shares);
            throw;
        }

        if (!pending.IsCompleted)
        {
            return new ValueTask<TOut>(Completed(pending.AsTask(), started, counted, shares));
        }

        Finish(pending.IsCompletedSuccessfully, started, counted, shares);
        return pending;
    }

    private async Task<TOut> Completed<TOut>(Task<TOut> task, long started, long counted, long shares)
    {
        // Finish counts a failure; the caller sees it from the task returned.
        await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Finish(task.IsCompletedSuccessfully, started, counted, shares);
        return await task.ConfigureAwait(false);
    }

    private void Finish(bool succeeded, long started, long counted, long shares)
    {
        if (!succeeded)
        {
            CountFailure(Math.Max(1, counted));
        }
        else
        {
            CountOut(counted);
        }

        Record(started, shares);
    }
}
