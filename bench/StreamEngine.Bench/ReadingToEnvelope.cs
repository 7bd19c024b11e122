using System.Buffers.Text;
using StreamEngine.Abstractions.Messaging;

namespace StreamEngine.Bench;

/// <summary>The Akka path's work on a record: parse the reading, key the output by its device id, forward the value.</summary>
internal sealed class ReadingToEnvelope(string outputTopic, PathClock clock)
{
    public ProducerEnvelope<OffsetWithTimestamp> Map(CommittableMessage message)
    {
        clock.FirstRecord();
        var record = message.Record;
        var deviceId = DeviceIdReader.Read(record.Value);
        Span<byte> digits = stackalloc byte[11];
        Utf8Formatter.TryFormat(deviceId, digits, out var length);
        return ProducerEnvelope.Of(
            new ProducerRecord(outputTopic, digits[..length].ToArray(), record.Value),
            new OffsetWithTimestamp(message.Offset, record.TimestampMs));
    }
}
