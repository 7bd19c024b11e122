using Akka.Actor;
using StreamEngine.Abstractions.Deployment;
using StreamEngine.Host.Cluster;
using StreamEngine.Host.Deployment;

namespace StreamEngine.Host.Tests.Cluster;

/// <summary>A topology manager that keeps deployed names in memory and remembers every command it was asked.</summary>
public sealed class FakeTopologyManager : ITopologyManagerClient
{
    private readonly Dictionary<string, TopologySummary> _deployed = new(StringComparer.Ordinal);

    /// <summary>Every command, in order.</summary>
    public List<ManagerCommand> Asked { get; } = [];

    /// <summary>When true, every ask fails as one that nobody answers.</summary>
    public bool Unanswered { get; set; }

    public Task<object> Ask(ManagerCommand command, CancellationToken cancellation = default)
    {
        if (Unanswered)
        {
            return Task.FromException<object>(new AskTimeoutException("Timeout after 15 seconds"));
        }

        Asked.Add(command);
        return Task.FromResult(Answer(command));
    }

    private object Answer(ManagerCommand command)
    {
        switch (command)
        {
            case ManagerCommand.Deploy deploy:
                var definition = DefinitionDocuments.Read(deploy.Document, deploy.Format).Definition!;
                if (_deployed.ContainsKey(definition.Name))
                {
                    return new ManagerReply(ManagerOutcome.Conflict, $"Topology '{definition.Name}' is deployed already.");
                }

                _deployed[definition.Name] = new TopologySummary(
                    definition.Name, definition.Kind, TopologyStatus.Active, definition.Parallelism, 0, definition.Source, definition.Group, 0, 0);
                return new ManagerReply(ManagerOutcome.Done, $"Topology '{definition.Name}' deployed.");
            case ManagerCommand.List:
                return _deployed.Values.ToList();
            case ManagerCommand.Describe describe:
                return _deployed.TryGetValue(describe.Name, out var summary)
                    ? new TopologyDescription(summary, "", [], null)
                    : new ManagerReply(ManagerOutcome.NotFound, $"No topology '{describe.Name}' is deployed.");
            default:
                return new ManagerReply(ManagerOutcome.Done, "Done.");
        }
    }
}
