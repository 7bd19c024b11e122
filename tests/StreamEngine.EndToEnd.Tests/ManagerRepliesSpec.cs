using Akka.Actor;
using StreamEngine.Host.Cluster;
using StreamEngine.Testing;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>The manager's answers reach a node that does not host it: they cross the wire and are read there.</summary>
public sealed class ManagerRepliesSpec : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly EngineStores _stores = new("replies");

    public Task InitializeAsync() => _stores.InitializeAsync();

    [Fact]
    public async Task List_and_describe_answer_on_the_second_node_as_on_the_first()
    {
        await using var cluster = await _stores.Cluster(2, ["raw"]);

        // The oldest node (0) hosts the manager; node 1 reads its answers off the wire.
        var list = await Eventually.Value(() => Answer(cluster[1], new ManagerCommand.List()), a => a is List<TopologySummary> { Count: 1 },
            "node 1 to list the raw topology", Patience);
        Assert.Equal("raw", Assert.Single((List<TopologySummary>)list!).Name);
        var described = Assert.IsType<TopologyDescription>(await cluster[1].Ask(new ManagerCommand.Describe("raw")));
        Assert.Equal("raw", described.Summary.Name);
    }

    private static async Task<object?> Answer(ClusterNode node, ManagerCommand command)
    {
        try
        {
            return await node.Ask(command);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    public Task DisposeAsync() => _stores.DisposeAsync();

    public void Dispose() => _stores.Dispose();
}
