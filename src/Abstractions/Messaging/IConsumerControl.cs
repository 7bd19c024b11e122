namespace StreamEngine.Abstractions.Messaging;

/// <summary>
/// Controls a running consumer source: stop fetching, drain, shut down; and tells which partitions it owns.
/// </summary>
public interface IConsumerControl
{
    /// <summary>The partitions assigned to this consumer right now.</summary>
    IReadOnlyCollection<PartitionId> AssignedPartitions { get; }

    /// <summary>
    /// The group's lag on each assigned partition (high watermark minus the offset done up to), by topic and partition,
    /// as of the consumer's last refresh (about once a second); a partition whose high watermark is not yet known is
    /// left out.
    /// </summary>
    IReadOnlyList<PartitionLag> Lag { get; }

    /// <summary>Stops fetching: the source emits nothing more and completes. The consumer stays in its group, so what is in flight can still be committed.</summary>
    Task StopFetching();

    /// <summary>Commits what was stored, leaves the group and closes the consumer.</summary>
    Task Shutdown();

    /// <summary>Completes when the consumer is closed.</summary>
    Task IsShutdown { get; }

    /// <summary>
    /// Stop fetching, wait for the stream to finish (its last offsets committed), then shut down.
    /// Returns the stream's result; a failed stream still shuts the consumer down.
    /// </summary>
    async Task<T> DrainAndShutdown<T>(Task<T> streamCompletion)
    {
        await StopFetching().ConfigureAwait(false);
        try
        {
            return await streamCompletion.ConfigureAwait(false);
        }
        finally
        {
            await Shutdown().ConfigureAwait(false);
        }
    }
}
