namespace StreamEngine.Abstractions.Messaging;

/// <summary>How far a consumer group is behind on one partition: the partition's high watermark minus the offset the group has done up to.</summary>
/// <param name="Topic">The partition's topic.</param>
/// <param name="Partition">The partition's number.</param>
/// <param name="Lag">Records in the partition the group has not yet done; never negative.</param>
public sealed record PartitionLag(string Topic, int Partition, long Lag);
