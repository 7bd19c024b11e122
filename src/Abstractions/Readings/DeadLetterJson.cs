using System.Text.Json;

namespace StreamEngine.Abstractions.Readings;

/// <summary>The wire form of a <see cref="DeadLetter"/>: <c>{"source":…,"topology":…,"reason":…,"detail":…,"payload":…,"at":…}</c>.</summary>
public static class DeadLetterJson
{
    public static byte[] Serialize(DeadLetter deadLetter) =>
        JsonSerializer.SerializeToUtf8Bytes(deadLetter, ReadingsJsonContext.Default.DeadLetter);
}
