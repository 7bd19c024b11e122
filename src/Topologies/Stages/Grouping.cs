using Akka;
using Akka.Streams.Dsl;

namespace StreamEngine.Topologies.Stages;

/// <summary>
/// Elements that come while a topology's stages are busy, taken through them together: up to <see cref="Size"/>, the
/// first waiting at most <see cref="Wait"/> for the others. Under load a stage's work (the interpreter's hand-over from
/// stage to stage, its counters and clocks) is then paid once per group instead of once per element; when the stages
/// keep up, groups stay small.
/// </summary>
public static class Grouping
{
    /// <summary>Elements in one group, at most.</summary>
    public const int Size = 256;

    /// <summary>The longest an element waits for others to join its group.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(1);

    /// <summary>The elements in groups, in order.</summary>
    public static Flow<T, List<T>, NotUsed> Groups<T>() =>
        Flow.Create<T>()
            .GroupedWithin(Size, Wait)
            .Select(group => group as List<T> ?? [.. group]);
}
