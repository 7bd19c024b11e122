using System.Text.RegularExpressions;

namespace StreamEngine.Abstractions.Deployment;

/// <summary>The shapes of names in a definition: topology and alert-kind names, Kafka topics and groups, phone numbers.</summary>
internal static partial class DefinitionNames
{
    /// <summary>How a name must look, as an error message tells it.</summary>
    public const string NameRule =
        "use 1 to 63 lowercase letters, digits and dashes, starting with a letter and not ending with a dash";

    public const string TopicRule = "use 1 to 249 letters, digits, '.', '_' and '-'";

    public const string PhoneRule = "write '+', the country code and the number, digits only (e.g. +351912345678)";

    /// <summary>Lowercase, dashed, DNS-label sized: a topology's name is its default consumer group and part of its URL.</summary>
    public static bool IsName(string text) => Name().IsMatch(text);

    /// <summary>A Kafka topic or consumer group name.</summary>
    public static bool IsTopic(string text) => Topic().IsMatch(text);

    public static bool IsPhone(string text) => E164().IsMatch(text);

    [GeneratedRegex("^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    [GeneratedRegex("^[a-zA-Z0-9._-]{1,249}$", RegexOptions.CultureInvariant)]
    private static partial Regex Topic();

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
