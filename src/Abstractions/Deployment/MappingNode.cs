namespace StreamEngine.Abstractions.Deployment;

/// <summary>A mapping (YAML) or object (JSON); its entries in document order, a key given twice kept twice so that validation can name it.</summary>
public sealed class MappingNode(IReadOnlyList<KeyValuePair<string, DefinitionNode>> entries) : DefinitionNode
{
    public IReadOnlyList<KeyValuePair<string, DefinitionNode>> Entries { get; } = entries;

    public override string Shape => "a mapping";
}
