using System.Globalization;

namespace StreamEngine.Host.Admin;

/// <summary>Parses the numeric ids of devices and gateways in routes and bodies.</summary>
public static class RouteId
{
    public static bool TryParse(string? text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    public static string Invalid(string kind, string? text) =>
        $"'{text}' is not a valid {kind} id: ids are positive whole numbers, as returned when the {kind} was created.";
}
