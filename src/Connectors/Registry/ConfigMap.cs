using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace StreamEngine.Connectors.Registry;

/// <summary>
/// A config map as the registry hands it out: read-only, its keys and values in one array, in the order they were
/// stored. Keys and short values (limits such as "8") are shared between maps through a bounded pool, so 100,000
/// configured devices do not hold 100,000 copies of "minTemperature". A node caches every device's map (the alarm
/// topologies' configs): as <see cref="Dictionary{TKey,TValue}"/>s, a device with a name, an owner, a phone and two
/// limits held 730 bytes in them; as this map, about 270 (bench/RESULTS.md, issue 6).
/// </summary>
internal sealed class ConfigMap : IReadOnlyDictionary<string, string>
{
    /// <summary>Values this long or shorter are pooled: limits, flags, small numbers. Names and phone numbers are not.</summary>
    private const int PooledValueLength = 8;

    /// <summary>Distinct strings the pool keeps; past that, strings are kept per map as read.</summary>
    private const int PoolCapacity = 4_096;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static int pooledCount;

    /// <summary>The empty map.</summary>
    public static readonly ConfigMap Empty = new([]);

    /// <summary>Key, value, key, value…</summary>
    private readonly string[] _pairs;

    private ConfigMap(string[] pairs) => _pairs = pairs;

    public int Count => _pairs.Length / 2;

    public IEnumerable<string> Keys => Enumerable.Range(0, Count).Select(i => _pairs[2 * i]);

    public IEnumerable<string> Values => Enumerable.Range(0, Count).Select(i => _pairs[(2 * i) + 1]);

    public string this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The config map has no key '{key}'.");

    /// <summary>
    /// Reads the JSON text of the <c>config</c> column: an object whose values are strings (a key given twice keeps its
    /// last value). Throws <see cref="JsonException"/> naming what is wrong otherwise.
    /// </summary>
    public static ConfigMap Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A stored config map must be a JSON object of strings; found {Describe(reader)}.");
        }

        var pairs = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = Pooled(reader.GetString()!);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"The stored config key '{key}' must have a string value; found {Describe(reader)}.");
            }

            var text = reader.GetString()!;
            var value = text.Length <= PooledValueLength ? Pooled(text) : text;
            var at = IndexOf(CollectionsMarshal.AsSpan(pairs), key);
            if (at < 0)
            {
                pairs.Add(key);
                pairs.Add(value);
            }
            else
            {
                pairs[at + 1] = value;
            }
        }

        return pairs.Count == 0 ? Empty : new ConfigMap([.. pairs]);
    }

    public bool ContainsKey(string key) => IndexOf(_pairs, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var at = IndexOf(_pairs, key);
        value = at < 0 ? null : _pairs[at + 1];
        return at >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _pairs.Length; i += 2)
        {
            yield return new KeyValuePair<string, string>(_pairs[i], _pairs[i + 1]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int IndexOf(ReadOnlySpan<string> pairs, string key)
    {
        for (var i = 0; i < pairs.Length; i += 2)
        {
            if (string.Equals(pairs[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Pooled(string text)
    {
        if (Pool.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        // Counted here: the dictionary's own Count takes every one of its locks.
        if (Volatile.Read(ref pooledCount) >= PoolCapacity)
        {
            return text;
        }

        if (Pool.TryAdd(text, text))
        {
            Interlocked.Increment(ref pooledCount);
            return text;
        }

        return Pool.TryGetValue(text, out pooled) ? pooled : text;
    }

    private static string Describe(Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.None ? "nothing" : reader.TokenType.ToString();
}
