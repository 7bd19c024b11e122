namespace StreamEngine.Abstractions.Deployment;

/// <summary>
/// Validates a parsed definition document and builds its <see cref="TopologyDefinition"/>, or collects every error in
/// it, each with its field's path and what to write instead.
/// </summary>
public static class TopologyDefinitionReader
{
    private static readonly string[] RootFields = ["name", "kind", "parallelism", "source", "group", "params"];

    /// <summary>
    /// The definition in <paramref name="root"/>. <paramref name="builtInParams"/> gives the params each built-in kind
    /// takes (every kind but <see cref="TopologyKind.Rule"/>, whose params are the rule's and fixed here).
    /// </summary>
    /// <exception cref="ArgumentException">A built-in kind is missing from <paramref name="builtInParams"/>.</exception>
    public static DefinitionResult Read(
        DefinitionNode root, IReadOnlyDictionary<TopologyKind, IReadOnlyList<ParamSpec>> builtInParams)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(builtInParams);
        foreach (var builtIn in Enum.GetValues<TopologyKind>().Where(k => k != TopologyKind.Rule && !builtInParams.ContainsKey(k)))
        {
            throw new ArgumentException($"The params of kind '{TopologyKindNames.NameOf(builtIn)}' are not given.", nameof(builtInParams));
        }

        var reader = new NodeReader();
        if (root is not MappingNode)
        {
            reader.Error(DefinitionPaths.Document, $"a definition is a mapping of {string.Join(", ", RootFields)}; got {root.Shape}");
            return DefinitionResult.Invalid(reader.Errors);
        }

        var fields = reader.Fields(root, "", RootFields, "a definition")!;
        var name = ReadName(reader, fields);
        var kind = ReadKind(reader, fields);
        var parallelism = ReadParallelism(reader, fields);
        var source = ReadTopic(reader, fields, "source", "name the Kafka topic the topology consumes, e.g. readings");
        var group = fields.ContainsKey("group") ? ReadTopic(reader, fields, "group", "") : name;
        fields.TryGetValue("params", out var paramsNode);
        var (parameters, rule) = kind switch
        {
            TopologyKind.Rule => (TopologyParams.Empty, RuleReader.Read(reader, paramsNode)),
            { } builtIn => (BuiltInParamsReader.Read(reader, paramsNode, builtIn, builtInParams[builtIn]), null),
            null => (null, null),
        };

        return reader.Errors.Count > 0
            ? DefinitionResult.Invalid(reader.Errors)
            : DefinitionResult.Valid(new TopologyDefinition(name!, kind!.Value, parallelism!.Value, source!, group!, parameters!, rule));
    }

    private static string? ReadName(NodeReader reader, Dictionary<string, DefinitionNode> fields)
    {
        if (!fields.TryGetValue("name", out var node))
        {
            reader.Error("name", $"required; {DefinitionNames.NameRule}, e.g. freezer-warm");
            return null;
        }

        if (reader.Text(node, "name") is not { } name)
        {
            return null;
        }

        if (!DefinitionNames.IsName(name))
        {
            reader.Error("name", $"\"{name}\" is not a valid name; {DefinitionNames.NameRule} (the name is the default consumer group and part of the topology's URL)");
            return null;
        }

        return name;
    }

    private static TopologyKind? ReadKind(NodeReader reader, Dictionary<string, DefinitionNode> fields)
    {
        var kinds = string.Join(", ", TopologyKindNames.All);
        if (!fields.TryGetValue("kind", out var node))
        {
            reader.Error("kind", $"required; use one of {kinds}");
            return null;
        }

        if (reader.Text(node, "kind") is not { } text)
        {
            return null;
        }

        if (!TopologyKindNames.TryParse(text, out var kind))
        {
            reader.Error("kind", $"\"{text}\" is not a kind; use one of {kinds}");
            return null;
        }

        return kind;
    }

    private static int? ReadParallelism(NodeReader reader, Dictionary<string, DefinitionNode> fields) =>
        fields.TryGetValue("parallelism", out var node)
            ? reader.Integer(node, "parallelism", TopologyDefinition.MinParallelism, TopologyDefinition.MaxParallelism)
            : TopologyDefinition.DefaultParallelism;

    private static string? ReadTopic(NodeReader reader, Dictionary<string, DefinitionNode> fields, string field, string requiredHint)
    {
        if (!fields.TryGetValue(field, out var node))
        {
            reader.Error(field, $"required; {requiredHint}");
            return null;
        }

        if (reader.Text(node, field) is not { } topic)
        {
            return null;
        }

        if (!DefinitionNames.IsTopic(topic))
        {
            reader.Error(field, $"\"{topic}\" is not a Kafka name; {DefinitionNames.TopicRule}");
            return null;
        }

        return topic;
    }
}
