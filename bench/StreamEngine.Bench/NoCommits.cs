using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Bench;

/// <summary>The committer of the in-memory records of graph mode: there is nothing to commit.</summary>
internal sealed class NoCommits : IOffsetCommitter
{
    public CommitOutcome Commit(IEnumerable<CommittableOffset> offsets) => new(offsets.Count(), 0);
}
