using Akka.Streams.Dsl;

namespace StreamEngine.Topologies.Stages;

/// <summary>The <see cref="SelectValueAsyncStage{TIn, TOut}"/> as a flow operator.</summary>
public static class ValueAsyncFlows
{
    /// <summary>
    /// As <c>SelectAsync</c>, for a function that returns a <see cref="ValueTask{TResult}"/>: values ready at once pass
    /// on without a task; order is kept; at most <paramref name="parallelism"/> elements wait at a time.
    /// </summary>
    public static Flow<TIn, TNext, TMat> SelectValueAsync<TIn, TOut, TNext, TMat>(
        this Flow<TIn, TOut, TMat> flow, int parallelism, Func<TOut, ValueTask<TNext>> function)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow.Via(new SelectValueAsyncStage<TOut, TNext>(parallelism, function));
    }
}
