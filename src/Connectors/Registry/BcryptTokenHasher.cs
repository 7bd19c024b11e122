using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Connectors.Registry;

/// <summary>Bcrypt hashes of tokens and passwords (thesis 5.4.1.9), over BCrypt.Net-Next.</summary>
public sealed class BcryptTokenHasher : ITokenHasher
{
    /// <summary>The work factor used when none is given: 2^10 rounds.</summary>
    public const int DefaultWorkFactor = 10;

    /// <param name="workFactor">Log2 of the rounds, 4…31; tests may use 4 to stay fast.</param>
    public BcryptTokenHasher(int workFactor = DefaultWorkFactor)
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

    public bool Verify(string secret, string hash)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrEmpty(hash))
        {
            return false;
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
}
