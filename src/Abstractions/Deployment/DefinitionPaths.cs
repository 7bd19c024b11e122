namespace StreamEngine.Abstractions.Deployment;

/// <summary>The field paths errors name: <c>params.condition.value</c>, <c>params.recipients[1]</c>.</summary>
public static class DefinitionPaths
{
    /// <summary>The path of an error about the whole document (its syntax, or its root not being a mapping).</summary>
    public const string Document = "(document)";

    public static string Field(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public static string Item(string parent, int index) => $"{parent}[{index}]";
}
