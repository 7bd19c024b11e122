using System.Security.Cryptography;
using System.Text;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Connectors.Registry;

/// <summary>
/// The registry's hashes: bcrypt (thesis 5.4.1.9, over BCrypt.Net-Next) for secrets a person chose, and a salted
/// SHA-256 (<c>$sha256$salt$digest</c>, base64) for the tokens the engine issues itself. <see cref="Verify"/> takes both.
/// </summary>
public sealed class TokenHasher : ITokenHasher
{
    /// <summary>The work factor used when none is given: 2^10 rounds.</summary>
    public const int DefaultWorkFactor = 10;

    private const string Sha256Prefix = "$sha256$";
    private const int SaltBytes = 16;

    /// <param name="workFactor">Log2 of the bcrypt rounds, 4…31; tests may use 4 to stay fast.</param>
    public TokenHasher(int workFactor = DefaultWorkFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workFactor, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workFactor, 31);
        WorkFactor = workFactor;
    }

    public int WorkFactor { get; }

    public string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return BCrypt.Net.BCrypt.HashPassword(secret, WorkFactor);
    }

    public string HashIssued(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return $"{Sha256Prefix}{Convert.ToBase64String(salt)}${Convert.ToBase64String(Digest(salt, token))}";
    }

    public bool Verify(string secret, string hash)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrEmpty(hash))
        {
            return false;
        }

        if (hash.StartsWith(Sha256Prefix, StringComparison.Ordinal))
        {
            return VerifySha256(secret, hash[Sha256Prefix.Length..]);
        }

        try
        {
            return BCrypt.Net.BCrypt.Verify(secret, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            // Not a bcrypt hash at all: it cannot match.
            return false;
        }
    }

    private static bool VerifySha256(string token, string saltAndDigest)
    {
        var parts = saltAndDigest.Split('$');
        var salt = new byte[SaltBytes];
        var digest = new byte[SHA256.HashSizeInBytes];
        return parts.Length == 2
            && Convert.TryFromBase64String(parts[0], salt, out var saltLength) && saltLength == SaltBytes
            && Convert.TryFromBase64String(parts[1], digest, out var digestLength) && digestLength == SHA256.HashSizeInBytes
            && CryptographicOperations.FixedTimeEquals(Digest(salt, token), digest);
    }

    private static byte[] Digest(byte[] salt, string token) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(token)]);
}
