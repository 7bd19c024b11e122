namespace StreamEngine.Abstractions.Deployment;

/// <summary>A valid definition, or every error found in it (never both, never neither).</summary>
public sealed class DefinitionResult
{
    private DefinitionResult(TopologyDefinition? definition, IReadOnlyList<DefinitionError> errors)
    {
        Definition = definition;
        Errors = errors;
    }

    /// <summary>The definition; null when <see cref="Errors"/> is not empty.</summary>
    public TopologyDefinition? Definition { get; }

    /// <summary>Every error: unknown fields first, then the fields in the order the format lists them; empty when the definition is valid.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    public bool IsValid => Definition is not null;

    public static DefinitionResult Valid(TopologyDefinition definition) => new(definition, []);

    public static DefinitionResult Invalid(IReadOnlyList<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0
            ? throw new ArgumentException("An invalid definition needs at least one error.", nameof(errors))
            : new DefinitionResult(null, errors);
    }

    /// <summary>All errors, one per line, as an API answer or a CLI prints them.</summary>
    public override string ToString() =>
        IsValid ? $"topology '{Definition!.Name}' is valid" : string.Join(Environment.NewLine, Errors);
}
