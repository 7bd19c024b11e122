using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Tests;

/// <summary>A fast stand-in for bcrypt: the "hash" is the secret reversed behind a marker, so tests can spot a leak.</summary>
public sealed class FakeTokenHasher : ITokenHasher
{
    public const string Marker = "fakehash$";

    public string Hash(string secret) => Marker + new string(secret.Reverse().ToArray());

    public string HashIssued(string token) => Hash(token);

    public bool Verify(string secret, string hash) => Hash(secret) == hash;
}
