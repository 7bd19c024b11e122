using Microsoft.Extensions.Configuration;

namespace StreamEngine.Connectors.Redis;

/// <summary>Where the alarm state lives: section <c>Redis</c>. No configuration string means the in-process state.</summary>
public sealed record RedisSettings
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>host:port,password=…</c>). Empty = in-process state.</summary>
    public string Configuration { get; init; } = "";

    /// <summary>Put before every key and channel name, so several engines can share one Redis.</summary>
    public string KeyPrefix { get; init; } = "streamengine:";

    /// <summary>How many devices one script call handles; larger batches are split and pipelined.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>True when no Redis is configured and the in-process state serves instead.</summary>
    public bool UsesInProcessState => string.IsNullOrWhiteSpace(Configuration);

    /// <summary>Reads the <c>Redis</c> section; missing keys keep their defaults.</summary>
    public static RedisSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(SectionName).Get<RedisSettings>() ?? new RedisSettings();
    }
}
