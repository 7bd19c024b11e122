namespace StreamEngine.Abstractions.Registry;

/// <summary>Hashes secrets (tokens, passwords) for storage and checks a secret against a stored hash.</summary>
public interface ITokenHasher
{
    /// <summary>
    /// A slow hash (bcrypt, as the thesis) for a secret a person chose: an admin's password, a legacy device's token.
    /// Its cost is what stops guessing a short secret from a stolen hash.
    /// </summary>
    string Hash(string secret);

    /// <summary>
    /// A fast salted hash for a token the engine issued itself from 160 random bits: no guess can find such a token, so
    /// a slow hash would only make every engine start pay its cost again for each of the fleet's devices.
    /// </summary>
    string HashIssued(string token);

    /// <summary>True when the secret matches a hash of either kind. Bcrypt ones are deliberately slow: callers cache what they verified.</summary>
    bool Verify(string secret, string hash);
}
