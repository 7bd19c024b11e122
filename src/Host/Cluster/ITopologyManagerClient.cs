namespace StreamEngine.Host.Cluster;

/// <summary>Sends commands to the topology manager singleton, wherever in the cluster it runs.</summary>
public interface ITopologyManagerClient
{
    /// <summary>
    /// Asks the manager; it answers with a <see cref="ManagerReply"/>, a summary list (<see cref="ManagerCommand.List"/>)
    /// or a <see cref="TopologyDescription"/> (<see cref="ManagerCommand.Describe"/>). Fails with
    /// <see cref="Akka.Actor.AskTimeoutException"/> when no manager answers in time: the node has not joined a cluster
    /// yet, or the cluster has no manager.
    /// </summary>
    Task<object> Ask(ManagerCommand command, CancellationToken cancellation = default);
}
