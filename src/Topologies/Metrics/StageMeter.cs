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

    /// <summary>Counts an element the stage failed on (its function threw or its task faulted).</summary>
    public void CountFailure() => Interlocked.Increment(ref _failures);

    /// <summary>
    /// Records the work begun at <paramref name="startedAt"/> (a <see cref="Stopwatch.GetTimestamp"/>) and ended now:
    /// one latency, and as much busy time for the capacity.
    /// </summary>
    public void Record(long startedAt)
    {
        var now = Stopwatch.GetTimestamp();
        var elapsed = now - startedAt;
        _latency.Record(elapsed);
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
    /// Wraps an asynchronous stage function (for <c>SelectAsync</c>): in when the element starts, out when its task
    /// succeeds, a failure when it throws or faults; the latency runs from the start to the task's completion.
    /// </summary>
    public Func<TIn, Task<TOut>> TimedAsync<TIn, TOut>(Func<TIn, Task<TOut>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Func<TIn, ValueTask<TOut>> asValueTask = element => new ValueTask<TOut>(function(element));
        return element => Time(asValueTask, element, counted: true).AsTask();
    }

    /// <summary>
    /// As <see cref="TimedAsync{TIn, TOut}"/>, for a function that returns a <see cref="ValueTask{TResult}"/>: a value
    /// ready at once is counted and timed without a task.
    /// </summary>
    public Func<TIn, ValueTask<TOut>> TimedValueAsync<TIn, TOut>(Func<TIn, ValueTask<TOut>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return element => Time(function, element, counted: true);
    }

    /// <summary>
    /// Wraps the asynchronous step of a stage that counts its elements around a batching step itself (with
    /// <see cref="Entering{T}"/> and <see cref="Leaving{T}"/>): only the latency of each call and its failures.
    /// </summary>
    public Func<TIn, Task<TOut>> TimedOnlyAsync<TIn, TOut>(Func<TIn, Task<TOut>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Func<TIn, ValueTask<TOut>> asValueTask = element => new ValueTask<TOut>(function(element));
        return element => Time(asValueTask, element, counted: false).AsTask();
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

    private ValueTask<TOut> Time<TIn, TOut>(Func<TIn, ValueTask<TOut>> function, TIn element, bool counted)
    {
        if (counted)
        {
            CountIn();
        }

        var started = Stopwatch.GetTimestamp();
        ValueTask<TOut> pending;
        try
        {
            pending = function(element);
        }
        catch
        {
            CountFailure();
            Record(started);
            throw;
        }

        if (!pending.IsCompleted)
        {
            return new ValueTask<TOut>(Completed(pending.AsTask(), started, counted));
        }

        Finish(pending.IsCompletedSuccessfully, started, counted);
        return pending;
    }

    private async Task<TOut> Completed<TOut>(Task<TOut> task, long started, bool counted)
    {
        // Finish counts a failure; the caller sees it from the task returned.
        await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Finish(task.IsCompletedSuccessfully, started, counted);
        return await task.ConfigureAwait(false);
    }

    private void Finish(bool succeeded, long started, bool counted)
    {
        if (!succeeded)
        {
            CountFailure();
        }
        else if (counted)
        {
            CountOut();
        }

        Record(started);
    }
}
