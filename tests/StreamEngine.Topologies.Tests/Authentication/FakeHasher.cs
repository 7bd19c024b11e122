using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Topologies.Tests.Authentication;

/// <summary>A stand-in for bcrypt that counts how often it is asked to verify.</summary>
public sealed class FakeHasher : ITokenHasher
{
    private int _verifications;

    public int Verifications => _verifications;

    public string Hash(string secret) => "hashed:" + secret;

    public string HashIssued(string token) => Hash(token);

    public bool Verify(string secret, string hash)
    {
        Interlocked.Increment(ref _verifications);
        return hash == Hash(secret);
    }
}
