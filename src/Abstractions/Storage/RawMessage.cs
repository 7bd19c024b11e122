using StreamEngine.Abstractions.Readings;

namespace StreamEngine.Abstractions.Storage;

/// <summary>A reading as the raw store keeps it: the message exactly as it was read, and what was parsed from it.</summary>
/// <param name="Reading">The parsed reading: its device id and source.</param>
/// <param name="Json">The reading's JSON (UTF-8) as it came from <c>readings</c>: the raw store's <c>message</c>.</param>
public readonly record struct RawMessage(Reading Reading, ReadOnlyMemory<byte> Json);
