using System.Globalization;

namespace StreamEngine.Abstractions.Deployment;

/// <summary>Reads fields and values out of <see cref="DefinitionNode"/>s, adding an error for each one that is wrong.</summary>
internal sealed class NodeReader
{
    private readonly List<DefinitionError> errors = [];

    public IReadOnlyList<DefinitionError> Errors => errors;

    public void Error(string path, string message) => errors.Add(new DefinitionError(path, message));

    /// <summary>
    /// The mapping's fields by name; a name not in <paramref name="allowed"/> or given twice is an error that lists
    /// what <paramref name="owner"/> takes. Null (after an error) when the node is not a mapping.
    /// </summary>
    public Dictionary<string, DefinitionNode>? Fields(
        DefinitionNode node, string path, IReadOnlyList<string> allowed, string owner)
    {
        if (node is not MappingNode mapping)
        {
            Error(path, $"must be a mapping of {string.Join(", ", allowed)}; got {node.Shape}");
            return null;
        }

        var fields = new Dictionary<string, DefinitionNode>(StringComparer.Ordinal);
        foreach (var (name, value) in mapping.Entries)
        {
            var fieldPath = DefinitionPaths.Field(path, name);
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                Error(fieldPath, $"unknown field; {owner} takes {string.Join(", ", allowed)}");
            }
            else if (!fields.TryAdd(name, value))
            {
                Error(fieldPath, "given twice; keep one");
            }
        }

        return fields;
    }

    /// <summary>The value's text; null after an error when it is missing, null or not a single value.</summary>
    public string? Text(DefinitionNode node, string path)
    {
        switch (node)
        {
            case ScalarNode { Text: { } text }:
                return text;
            case ScalarNode:
                Error(path, "needs a value; give one, or leave the field out for its default");
                return null;
            default:
                Error(path, $"must be a single value; got {node.Shape}");
                return null;
        }
    }

    public int? Integer(DefinitionNode node, string path, double? minimum, double? maximum)
    {
        if (Text(node, path) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(path, $"\"{text}\" is not a whole number; write a whole number{Suffix(minimum, maximum)}");
            return null;
        }

        return InRange(value, path, minimum, maximum) ? value : null;
    }

    public double? Number(DefinitionNode node, string path, double? minimum, double? maximum)
    {
        if (Text(node, path) is not { } text)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Error(path, $"\"{text}\" is not a number; write a number like 7.5{Suffix(minimum, maximum)}");
            return null;
        }

        return InRange(value, path, minimum, maximum) ? value : null;
    }

    public bool? Boolean(DefinitionNode node, string path)
    {
        switch (Text(node, path))
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            case var text:
                Error(path, $"\"{text}\" is not true or false; write true or false");
                return null;
        }
    }

    /// <summary>A duration longer than zero, in the grammar of <see cref="DurationText"/>.</summary>
    public TimeSpan? Duration(DefinitionNode node, string path)
    {
        if (Text(node, path) is not { } text)
        {
            return null;
        }

        if (!DurationText.TryParse(text, out var value))
        {
            Error(path, $"\"{text}\" is not a duration; {DurationText.Hint}");
            return null;
        }

        if (value <= TimeSpan.Zero)
        {
            Error(path, $"must be longer than zero, got {text}");
            return null;
        }

        return value;
    }

    /// <summary>The range as it follows "must be": "between 1 and 64", "at least 1", "at most 100".</summary>
    private static string Range(double? minimum, double? maximum) => (minimum, maximum) switch
    {
        ({ } min, { } max) => $"between {Show(min)} and {Show(max)}",
        ({ } min, null) => $"at least {Show(min)}",
        (null, { } max) => $"at most {Show(max)}",
        _ => "",
    };

    /// <summary>The range as it follows "write a number": " between 1 and 64", " of at least 1", or nothing.</summary>
    private static string Suffix(double? minimum, double? maximum) => (minimum, maximum) switch
    {
        (null, null) => "",
        ({ }, { }) => $" {Range(minimum, maximum)}",
        _ => $" of {Range(minimum, maximum)}",
    };

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);

    private bool InRange(double value, string path, double? minimum, double? maximum)
    {
        if (value < minimum || value > maximum)
        {
            Error(path, $"must be {Range(minimum, maximum)}, got {Show(value)}");
            return false;
        }

        return true;
    }
}
