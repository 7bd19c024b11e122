using System.Reflection;
using StreamEngine.Abstractions.Deployment;

namespace StreamEngine.Host.Deployment;

/// <summary>
/// The params of a built-in kind are its settings record's properties: each public settable property is a param of
/// the same name in camelCase, its type from the property's type, its default the record's. So a property added to a
/// settings record is a param at once, and a param cannot drift from the setting it sets.
/// </summary>
public static class SettingsParams
{
    /// <summary>The params <typeparamref name="TSettings"/> takes; whole numbers must be at least 1 unless changed after.</summary>
    /// <exception cref="InvalidOperationException">A property's type has no <see cref="ParamType"/>.</exception>
    public static IReadOnlyList<ParamSpec> Of<TSettings>()
        where TSettings : new()
    {
        var defaults = new TSettings();
        return [.. Properties<TSettings>().Select(property => Spec(property, property.GetValue(defaults)!))];
    }

    /// <summary>The settings with every param the definition set, and the record's defaults for the rest.</summary>
    /// <exception cref="ArgumentException">A param is not a property of <typeparamref name="TSettings"/> or has another type: the params were not validated against <see cref="Of{TSettings}"/>.</exception>
    public static TSettings Bind<TSettings>(TopologyParams parameters)
        where TSettings : new() =>
        Apply(new TSettings(), parameters);

    /// <summary>
    /// <paramref name="settings"/> (a fresh instance, for example bound from the node's configuration) with every param
    /// the definition set written over it.
    /// </summary>
    /// <exception cref="ArgumentException">A param is not a property of <typeparamref name="TSettings"/> or has another type: the params were not validated against <see cref="Of{TSettings}"/>.</exception>
    public static TSettings Apply<TSettings>(TSettings settings, TopologyParams parameters)
        where TSettings : new()
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(parameters);
        var properties = Properties<TSettings>().ToDictionary(property => CamelCase(property.Name), StringComparer.Ordinal);
        foreach (var (name, value) in parameters.Values)
        {
            if (!properties.TryGetValue(name, out var property) || property.PropertyType != value.GetType())
            {
                throw new ArgumentException($"'{name}' = {value} is not a {typeof(TSettings).Name} param: validate the definition first.", nameof(parameters));
            }

            property.SetValue(settings, value);
        }

        return settings;
    }

    private static IEnumerable<PropertyInfo> Properties<TSettings>() =>
        typeof(TSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod is { IsPublic: true });

    private static ParamSpec Spec(PropertyInfo property, object defaultValue)
    {
        var name = CamelCase(property.Name);
        return Type.GetTypeCode(property.PropertyType) switch
        {
            TypeCode.String => new ParamSpec(name, ParamType.Text, defaultValue),
            TypeCode.Int32 => new ParamSpec(name, ParamType.WholeNumber, defaultValue) { Minimum = 1 },
            TypeCode.Double => new ParamSpec(name, ParamType.Number, defaultValue),
            TypeCode.Boolean => new ParamSpec(name, ParamType.Boolean, defaultValue),
            _ when property.PropertyType == typeof(TimeSpan) => new ParamSpec(name, ParamType.Duration, defaultValue),
            _ => throw new InvalidOperationException(
                $"{property.DeclaringType?.Name}.{property.Name} is a {property.PropertyType.Name}, which no definition param can hold: make it a string, int, double, bool or TimeSpan, or teach {nameof(SettingsParams)} its type."),
        };
    }

    private static string CamelCase(string name) => string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..]);
}
