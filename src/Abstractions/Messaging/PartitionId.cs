namespace StreamEngine.Abstractions.Messaging;

/// <summary>One partition of one topic.</summary>
public readonly record struct PartitionId(string Topic, int Partition)
{
    public override string ToString() => $"{Topic}/{Partition}";
}
