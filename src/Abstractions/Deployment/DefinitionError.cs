namespace StreamEngine.Abstractions.Deployment;

/// <summary>One thing wrong with a definition: the field's path (<c>params.condition.value</c>, <c>params.recipients[1]</c>) and what to write instead.</summary>
public sealed record DefinitionError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
