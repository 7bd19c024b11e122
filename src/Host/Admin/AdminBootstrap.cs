using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Admin;

/// <summary>
/// First start: when the registry has no admin, creates <c>admin</c> with <c>Admin:Password</c>
/// (or <c>STREAMENGINE_ADMIN_PASSWORD</c>), or with a generated password that is logged this once.
/// </summary>
public sealed partial class AdminBootstrap(IServiceProvider services, AdminSettings settings, ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<IRegistry>() is not { } registry)
        {
            LogNoRegistry(logger);
            return;
        }

        if (await registry.AnyAdmin(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var password = settings.FirstAdminPassword ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        if (!await registry.CreateAdmin(AdminSettings.FirstAdminName, password, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (settings.FirstAdminPassword is null)
        {
            LogGenerated(logger, AdminSettings.FirstAdminName, password);
        }
        else
        {
            LogConfigured(logger, AdminSettings.FirstAdminName);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "First start: created admin '{Username}' with generated password {Password} — shown only this once; set Admin:Password (or STREAMENGINE_ADMIN_PASSWORD) to choose it")]
    private static partial void LogGenerated(ILogger logger, string username, string password);

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: created admin '{Username}' with the configured password")]
    private static partial void LogConfigured(ILogger logger, string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No registry is configured: the admin API answers 500 until one is registered")]
    private static partial void LogNoRegistry(ILogger logger);
}
