namespace StreamEngine.Abstractions.Deployment;

/// <summary>A sequence (YAML) or array (JSON).</summary>
public sealed class SequenceNode(IReadOnlyList<DefinitionNode> items) : DefinitionNode
{
    public IReadOnlyList<DefinitionNode> Items { get; } = items;

    public override string Shape => "a list";
}
