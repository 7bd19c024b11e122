using System.Globalization;
using StreamEngine.Abstractions.Alerts;

namespace StreamEngine.Abstractions.Deployment;

/// <summary>Reads the <c>params</c> of a <see cref="TopologyKind.Rule"/> definition into its <see cref="RuleDefinition"/>.</summary>
internal static class RuleReader
{
    private const string Path = "params";

    private static readonly string[] ParamNames = ["condition", "devices", "config", "cooldown", "alertKind", "recipients"];

    private static readonly string[] BuiltInAlertKinds =
    [
        AlertKind.TemperatureHigh, AlertKind.TemperatureLow, AlertKind.BatteryLow, AlertKind.NoCommunication,
        AlertKind.CommunicationRestored,
    ];

    public static RuleDefinition? Read(NodeReader reader, DefinitionNode? node)
    {
        if (node is null or ScalarNode { Text: null })
        {
            reader.Error(Path, "required; a rule needs at least params.condition and params.alertKind");
            return null;
        }

        if (reader.Fields(node, Path, ParamNames, "a rule") is not { } fields)
        {
            return null;
        }

        var condition = ConditionReader.Read(reader, fields.GetValueOrDefault("condition"));
        var ids = fields.TryGetValue("devices", out var devices) ? DeviceIds(reader, devices) : [];
        var config = fields.TryGetValue("config", out var configNode) ? Config(reader, configNode) : [];
        var cooldown = fields.TryGetValue("cooldown", out var cooldownNode)
            ? reader.Duration(cooldownNode, Field("cooldown"))
            : RuleDefinition.DefaultCooldown;
        var alertKind = AlertKindName(reader, fields.GetValueOrDefault("alertKind"));
        var recipients = fields.TryGetValue("recipients", out var recipientsNode)
            ? Recipients(reader, recipientsNode)
            : RuleRecipients.Default;
        return condition is null || ids is null || config is null || cooldown is null || alertKind is null || recipients is null
            ? null
            : new RuleDefinition(condition, new DeviceFilter(ids, config), cooldown.Value, alertKind, recipients);
    }

    private static List<long>? DeviceIds(NodeReader reader, DefinitionNode node)
    {
        var path = Field("devices");
        if (Items(reader, node, path, "device ids, e.g. [123, 124]") is not { } items)
        {
            return null;
        }

        var ids = new List<long>();
        for (var index = 0; index < items.Count; index++)
        {
            var itemPath = DefinitionPaths.Item(path, index);
            if (reader.Text(items[index], itemPath) is not { } text)
            {
                continue;
            }

            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
            else
            {
                reader.Error(itemPath, $"\"{text}\" is not a device id; write the device's number, e.g. 123");
            }
        }

        return ids.Count == items.Count ? ids : null;
    }

    private static Dictionary<string, string>? Config(NodeReader reader, DefinitionNode node)
    {
        var path = Field("config");
        if (node is not MappingNode { Entries.Count: > 0 } mapping)
        {
            reader.Error(path, node is MappingNode
                ? "is empty; give the config keys and values a device must have, e.g. {group: freezers}, or leave config out"
                : $"must be a mapping of config keys to values, e.g. {{group: freezers}}; got {node.Shape}");
            return null;
        }

        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        var failed = false;
        foreach (var (key, value) in mapping.Entries)
        {
            var keyPath = DefinitionPaths.Field(path, key);
            if (reader.Text(value, keyPath) is not { } text)
            {
                failed = true;
            }
            else if (!config.TryAdd(key, text))
            {
                reader.Error(keyPath, "given twice; keep one");
                failed = true;
            }
        }

        return failed ? null : config;
    }

    private static string? AlertKindName(NodeReader reader, DefinitionNode? node)
    {
        var path = Field("alertKind");
        if (node is null)
        {
            reader.Error(path, $"required; name the alerts this rule raises, e.g. freezer-warm ({DefinitionNames.NameRule})");
            return null;
        }

        if (reader.Text(node, path) is not { } kind)
        {
            return null;
        }

        if (!DefinitionNames.IsName(kind))
        {
            reader.Error(path, $"\"{kind}\" is not a valid alert kind; {DefinitionNames.NameRule}");
            return null;
        }

        if (BuiltInAlertKinds.Contains(kind, StringComparer.Ordinal))
        {
            reader.Error(path, $"\"{kind}\" is a built-in alert kind ({string.Join(", ", BuiltInAlertKinds)}); pick another name, e.g. {kind}-rule, so that its alerts and cooldowns stay apart");
            return null;
        }

        return kind;
    }

    private static RuleRecipients? Recipients(NodeReader reader, DefinitionNode node)
    {
        var path = Field("recipients");
        const string what = $"{RuleRecipients.OwnerName}, {RuleRecipients.AlertsTopicName} or phone numbers in E.164, e.g. [owner, \"+351912345678\"]";
        if (Items(reader, node, path, what) is not { } items)
        {
            return null;
        }

        var (owner, alertsTopic, phones, failed) = (false, false, new List<string>(), false);
        for (var index = 0; index < items.Count; index++)
        {
            var itemPath = DefinitionPaths.Item(path, index);
            switch (reader.Text(items[index], itemPath))
            {
                case null:
                    failed = true;
                    break;
                case RuleRecipients.OwnerName:
                    owner = true;
                    break;
                case RuleRecipients.AlertsTopicName:
                    alertsTopic = true;
                    break;
                case var phone when DefinitionNames.IsPhone(phone):
                    phones.Add(phone);
                    break;
                case var other:
                    reader.Error(itemPath, $"\"{other}\" is not a recipient; write {RuleRecipients.OwnerName}, {RuleRecipients.AlertsTopicName}, or a phone number: {DefinitionNames.PhoneRule}");
                    failed = true;
                    break;
            }
        }

        return failed ? null : new RuleRecipients(owner, alertsTopic, phones);
    }

    private static IReadOnlyList<DefinitionNode>? Items(NodeReader reader, DefinitionNode node, string path, string what)
    {
        switch (node)
        {
            case SequenceNode { Items.Count: > 0 } sequence:
                return sequence.Items;
            case SequenceNode:
                reader.Error(path, $"is empty; list {what}, or leave the field out");
                return null;
            default:
                reader.Error(path, $"must be a list of {what}; got {node.Shape}");
                return null;
        }
    }

    private static string Field(string name) => DefinitionPaths.Field(Path, name);
}
