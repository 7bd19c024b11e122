using StreamEngine.Abstractions.Deployment;

namespace StreamEngine.Host.Cluster;

/// <summary>The body of a refused deploy: a sentence, and every error of the definition with its path.</summary>
public sealed record DefinitionErrorsBody(string Error, IReadOnlyList<DefinitionError> Errors);
