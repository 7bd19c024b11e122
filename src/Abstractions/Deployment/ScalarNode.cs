namespace StreamEngine.Abstractions.Deployment;

/// <summary>
/// A single value as the document wrote it: strings, numbers and booleans are all text here (YAML does not type
/// plain scalars, and a definition may quote a number); <see cref="Text"/> is null for null (<c>null</c>, <c>~</c> or
/// nothing in YAML, <c>null</c> in JSON).
/// </summary>
public sealed class ScalarNode(string? text) : DefinitionNode
{
    public string? Text { get; } = text;

    public override string Shape => Text is null ? "null" : "a value";
}
