using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Connectors.Kafka;

/// <summary>The Kafka connectors' log messages.</summary>
internal static partial class KafkaLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "librdkafka {Facility}: {Text}")]
    public static partial void ClientLog(ILogger logger, string facility, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group {Group}: {Text}. Kafka no longer had the offset this group was to read. Records the new position skips were deleted before they were read (the topic's retention, or the embedded cluster's 5 MiB per partition) and are lost to this group; records it moves back over are read again. Give the topic a longer retention or more partitions, and keep the group's consumers running.")]
    public static partial void OffsetReset(ILogger logger, string group, string text);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka consumer of group {Group} failed")]
    public static partial void ConsumerFailed(ILogger logger, Exception error, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consumer of group {Group}: {Reason}; it keeps retrying")]
    public static partial void ConsumerTransientError(ILogger logger, string group, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka consumer of group {Group} hit a fatal error: {Reason}")]
    public static partial void ConsumerFatalError(ILogger logger, string group, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {Group}: assigned {Partitions}")]
    public static partial void Assigned(ILogger logger, string group, IReadOnlyList<PartitionId> partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {Group}: revoked {Partitions}")]
    public static partial void Revoked(ILogger logger, string group, IReadOnlyList<PartitionId> partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer: {Reason}; it keeps retrying")]
    public static partial void ProducerTransientError(ILogger logger, string reason);
}
