using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>Offsets for topology tests that run without Kafka: committing them does nothing.</summary>
public sealed class NoCommits : IOffsetCommitter
{
    public CommitOutcome Commit(IEnumerable<CommittableOffset> offsets) => new(offsets.Count(), 0);
}
