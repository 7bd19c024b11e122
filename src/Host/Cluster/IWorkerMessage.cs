namespace StreamEngine.Host.Cluster;

/// <summary>A message for one worker of a topology; Cluster Sharding routes it by <see cref="EntityId"/>.</summary>
public interface IWorkerMessage
{
    string Topology { get; }

    int Index { get; }

    /// <summary>The worker's entity id: <c>topology#index</c>.</summary>
    string EntityId => WorkerIds.Of(Topology, Index);
}
