using System.Text;
using StreamEngine.Abstractions.Metrics;

namespace StreamEngine.Connectors.Metrics;

/// <summary>
/// A tag set as one string, KairosDB's row key form <c>name=value:name=value:</c>, with <c>\</c>, <c>=</c> and
/// <c>:</c> escaped by a backslash so that any names and values round-trip and equal sets give equal strings.
/// </summary>
internal static class TagString
{
    public static string Encode(TagSet tags)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in tags)
        {
            Escape(text, name);
            text.Append('=');
            Escape(text, value);
            text.Append(':');
        }

        return text.ToString();
    }

    public static TagSet Decode(string text)
    {
        var tags = new List<KeyValuePair<string, string>>();
        var part = new StringBuilder();
        string? name = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                part.Append(text[++i]);
            }
            else if (c == '=' && name is null)
            {
                name = part.ToString();
                part.Clear();
            }
            else if (c == ':' && name is not null)
            {
                tags.Add(new KeyValuePair<string, string>(name, part.ToString()));
                name = null;
                part.Clear();
            }
            else
            {
                part.Append(c);
            }
        }

        return TagSet.Of(tags);
    }

    private static void Escape(StringBuilder text, string part)
    {
        foreach (var c in part)
        {
            if (c is '\\' or '=' or ':')
            {
                text.Append('\\');
            }

            text.Append(c);
        }
    }
}
