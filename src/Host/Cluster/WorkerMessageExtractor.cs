using Akka.Cluster.Sharding;

namespace StreamEngine.Host.Cluster;

/// <summary>Routes <see cref="IWorkerMessage"/>s to their worker entity, over 60 shards.</summary>
public sealed class WorkerMessageExtractor() : HashCodeMessageExtractor(MaxShards)
{
    private const int MaxShards = 60;

    public override string EntityId(object message) => message is IWorkerMessage worker ? worker.EntityId : null!;
}
