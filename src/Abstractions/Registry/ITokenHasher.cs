namespace StreamEngine.Abstractions.Registry;

/// <summary>Hashes secrets (tokens, passwords) for storage and checks a secret against a stored hash (bcrypt, as the thesis).</summary>
public interface ITokenHasher
{
    string Hash(string secret);

    /// <summary>True when the secret matches the hash. Deliberately slow: callers cache what they verified.</summary>
    bool Verify(string secret, string hash);
}
