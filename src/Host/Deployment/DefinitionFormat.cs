namespace StreamEngine.Host.Deployment;

/// <summary>How a definition document is written.</summary>
public enum DefinitionFormat
{
    Yaml,
    Json,
}
