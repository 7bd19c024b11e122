namespace StreamEngine.Abstractions.Deployment;

/// <summary>Reads a rule's <c>params.condition</c>: its <c>type</c> first, then the fields that type takes.</summary>
internal static class ConditionReader
{
    private const string Path = "params.condition";
    private const double MinTemperature = -100;
    private const double MaxTemperature = 150;

    private static readonly Dictionary<string, string[]> FieldsByType = new(StringComparer.Ordinal)
    {
        [TemperatureAboveCondition.Name] = ["type", "value", "for"],
        [TemperatureBelowCondition.Name] = ["type", "value", "for"],
        [BatteryBelowCondition.Name] = ["type", "value"],
        [SilenceCondition.Name] = ["type", "for"],
        [RiseRateCondition.Name] = ["type", "value", "window"],
    };

    private static string Types => string.Join(", ", FieldsByType.Keys);

    public static RuleCondition? Read(NodeReader reader, DefinitionNode? node)
    {
        if (node is null)
        {
            reader.Error(Path, $"required; a mapping with a type ({Types}) and its fields, e.g. {{type: temperature-above, value: 8, for: 10m}}");
            return null;
        }

        if (ReadType(reader, node) is not { } type)
        {
            return null;
        }

        if (reader.Fields(node, Path, FieldsByType[type], $"a {type} condition") is not { } fields)
        {
            return null;
        }

        return type switch
        {
            TemperatureAboveCondition.Name => Temperature(reader, fields, (limit, span) => new TemperatureAboveCondition(limit, span)),
            TemperatureBelowCondition.Name => Temperature(reader, fields, (limit, span) => new TemperatureBelowCondition(limit, span)),
            BatteryBelowCondition.Name => Required(reader, fields, "value", "the battery percentage, 0 to 100") is { } value
                && reader.Number(value, Field("value"), 0, 100) is { } limit
                    ? new BatteryBelowCondition(limit)
                    : null,
            SilenceCondition.Name => Required(reader, fields, "for", $"how long a device may send nothing; {DurationText.Hint}") is { } silence
                && reader.Duration(silence, Field("for")) is { } span
                    ? new SilenceCondition(span)
                    : null,
            _ => RiseRate(reader, fields),
        };
    }

    private static string? ReadType(NodeReader reader, DefinitionNode node)
    {
        var typeNode = (node as MappingNode)?.Entries.FirstOrDefault(entry => entry.Key == "type").Value;
        if (node is MappingNode && typeNode is null)
        {
            reader.Error(Field("type"), $"required; use one of {Types}");
            return null;
        }

        if (typeNode is null)
        {
            reader.Error(Path, $"must be a mapping with a type ({Types}) and its fields; got {node.Shape}");
            return null;
        }

        if (reader.Text(typeNode, Field("type")) is not { } type)
        {
            return null;
        }

        if (!FieldsByType.ContainsKey(type))
        {
            reader.Error(Field("type"), $"\"{type}\" is not a condition; use one of {Types}");
            return null;
        }

        return type;
    }

    private static RuleCondition? Temperature(
        NodeReader reader, Dictionary<string, DefinitionNode> fields, Func<double, TimeSpan?, RuleCondition> create)
    {
        var limit = Required(reader, fields, "value", "the limit in °C") is { } value
            ? reader.Number(value, Field("value"), MinTemperature, MaxTemperature)
            : null;
        var sustained = fields.TryGetValue("for", out var span) ? reader.Duration(span, Field("for")) : null;
        var spanFailed = span is not null && sustained is null;
        return limit is { } known && !spanFailed ? create(known, sustained) : null;
    }

    private static RiseRateCondition? RiseRate(NodeReader reader, Dictionary<string, DefinitionNode> fields)
    {
        var rate = Required(reader, fields, "value", "the rise in °C per hour") is { } value
            ? reader.Number(value, Field("value"), null, null)
            : null;
        if (rate <= 0)
        {
            reader.Error(Field("value"), $"must be more than 0 °C per hour, got {rate}");
            rate = null;
        }

        var window = fields.TryGetValue("window", out var span) ? reader.Duration(span, Field("window")) : RiseRateCondition.DefaultWindow;
        return rate is { } known && window is { } over ? new RiseRateCondition(known, over) : null;
    }

    private static DefinitionNode? Required(NodeReader reader, Dictionary<string, DefinitionNode> fields, string name, string what)
    {
        if (fields.TryGetValue(name, out var node))
        {
            return node;
        }

        reader.Error(Field(name), $"required; {what}");
        return null;
    }

    private static string Field(string name) => DefinitionPaths.Field(Path, name);
}
