namespace StreamEngine.Bench;

/// <summary>One record for an input topic.</summary>
internal readonly record struct InputRecord(byte[] Key, byte[] Value);
