using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace StreamEngine.Host.Admin;

/// <summary>
/// The admin API's settings: <c>Admin:JwtKey</c> (the HS256 signing key; 32 random bytes per start when empty, so
/// tokens then die with the process) and <c>Admin:Password</c> / <c>STREAMENGINE_ADMIN_PASSWORD</c> (the first admin's
/// password; generated and logged once when empty).
/// </summary>
public sealed record AdminSettings(byte[] JwtKey, string? FirstAdminPassword, TimeSpan TokenLifetime)
{
    /// <summary>The name of the admin created on first start.</summary>
    public const string FirstAdminName = "admin";

    public static AdminSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = configuration["Admin:JwtKey"] is { Length: > 0 } configured
            ? Encoding.UTF8.GetBytes(configured)
            : RandomNumberGenerator.GetBytes(32);
        var password = configuration["Admin:Password"] is { Length: > 0 } fromConfig
            ? fromConfig
            : Environment.GetEnvironmentVariable("STREAMENGINE_ADMIN_PASSWORD") is { Length: > 0 } fromEnv ? fromEnv : null;
        return new AdminSettings(key, password, TimeSpan.FromHours(1));
    }
}
