using System.Text;

namespace StreamEngine.Host.Admin;

/// <summary>A username and password from an HTTP Basic Authorization header.</summary>
public sealed record BasicCredentials(string Username, string Password)
{
    public static BasicCredentials? Parse(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon <= 0 ? null : new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
