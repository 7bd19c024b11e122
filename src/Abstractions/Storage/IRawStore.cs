using StreamEngine.Abstractions.Readings;

namespace StreamEngine.Abstractions.Storage;

/// <summary>
/// The raw store (thesis table 5.3: raw(device_id, insertion_time, message)). Writes are batched and idempotent on
/// <see cref="Reading.Source"/>: a reading written twice is stored once. A reading's message is kept as it was read.
/// </summary>
public interface IRawStore
{
    /// <summary>Stores the batch durably in one transaction; returns how many readings were new.</summary>
    Task<int> Write(IReadOnlyList<RawMessage> messages, CancellationToken cancellation = default);

    /// <summary>How many raw rows there are.</summary>
    Task<long> Count(CancellationToken cancellation = default);
}
