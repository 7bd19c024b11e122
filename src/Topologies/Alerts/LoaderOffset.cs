using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Topologies.Alerts;

/// <summary>
/// The offset the loader's alerts carry: they come from no consumed record, so there is nothing to commit. Its partition
/// (<c>alerts-loader/0</c>) is no topic's, so a committer never mixes it with real offsets.
/// </summary>
internal sealed class LoaderOffset : IOffsetCommitter
{
    public static readonly CommittableOffset Offset = new(new LoaderOffset(), new PartitionId("alerts-loader", 0), 0, 0);

    public CommitOutcome Commit(IEnumerable<CommittableOffset> offsets) => new(0, 0);
}
