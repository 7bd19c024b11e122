namespace StreamEngine.Abstractions.Deployment;

/// <summary>
/// A definition document after its syntax was read and before it is validated: mappings, sequences and scalars, the
/// same for YAML and JSON, so that one validator serves both formats.
/// </summary>
public abstract class DefinitionNode
{
    /// <summary>What the node is, as error messages name it: "a mapping", "a list" or "a value".</summary>
    public abstract string Shape { get; }
}
