using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace StreamEngine.Host.Admin;

/// <summary>Issues and checks the admin API's JWTs: HS256, with <c>iss</c>, <c>sub</c>, <c>iat</c> and <c>exp</c> (thesis 7.1).</summary>
public sealed class AdminTokenService(AdminSettings settings, TimeProvider clock)
{
    /// <summary>The issuer written into and required from every token.</summary>
    public const string Issuer = "streamengine";

    private static readonly string EncodedHeader = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    public TimeSpan Lifetime => settings.TokenLifetime;

    public string Issue(string subject)
    {
        var now = clock.GetUtcNow();
        return Issue(subject, now, now + settings.TokenLifetime);
    }

    /// <summary>Issues a token with explicit times (tests use it to make expired tokens).</summary>
    public string Issue(string subject, DateTimeOffset issuedAt, DateTimeOffset expires)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = subject,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        });
        var unsigned = EncodedHeader + "." + Base64Url.EncodeToString(payload);
        return unsigned + "." + Base64Url.EncodeToString(Sign(unsigned));
    }

    public TokenCheck Check(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return TokenCheck.Invalid("The bearer token is not a JWT (header.payload.signature). Get one with POST /api/v1/admin/token.");
        }

        if (!Base64Url.IsValid(parts[2]) || !CryptographicOperations.FixedTimeEquals(Base64Url.DecodeFromChars(parts[2]), Sign(parts[0] + "." + parts[1])))
        {
            return TokenCheck.Invalid("The bearer token's signature is invalid: it was not issued by this server. Get a new one with POST /api/v1/admin/token.");
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256")
            {
                return TokenCheck.Invalid("The bearer token's algorithm is not HS256. Get a new one with POST /api/v1/admin/token.");
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            if (!claims.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expires)
                || !claims.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String
                || !claims.TryGetProperty("iss", out var iss) || iss.GetString() != Issuer)
            {
                return TokenCheck.Invalid("The bearer token lacks its issuer, subject or expiry. Get a new one with POST /api/v1/admin/token.");
            }

            if (clock.GetUtcNow().ToUnixTimeSeconds() >= expires)
            {
                return TokenCheck.Invalid("The bearer token has expired (tokens live one hour). Get a new one with POST /api/v1/admin/token.");
            }

            return TokenCheck.Valid(sub.GetString()!);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return TokenCheck.Invalid("The bearer token is malformed. Get a new one with POST /api/v1/admin/token.");
        }
    }

    private byte[] Sign(string unsigned) => HMACSHA256.HashData(settings.JwtKey, Encoding.ASCII.GetBytes(unsigned));
}
