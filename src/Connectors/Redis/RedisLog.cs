using System.Net;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace StreamEngine.Connectors.Redis;

/// <summary>The Redis connector's log messages.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection to {Endpoint} failed ({FailureType}); it keeps reconnecting")]
    public static partial void ConnectionFailed(ILogger logger, Exception? error, EndPoint? endpoint, ConnectionFailureType failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {Endpoint} restored")]
    public static partial void ConnectionRestored(ILogger logger, EndPoint? endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A registry-change subscriber failed on device {DeviceId}; the others still get the change")]
    public static partial void SubscriberFailed(ILogger logger, Exception error, long deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a registry-change message that is not a device id: {Payload}")]
    public static partial void BadChangeMessage(ILogger logger, string payload);
}
