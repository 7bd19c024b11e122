using System.Text;
using System.Text.Json;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Readings;

namespace StreamEngine.Topologies.Readings;

/// <summary>The dead letter of a record on <c>readings</c> that is not a reading, for every topology that reads them.</summary>
public static class NotAReading
{
    public static ProducerRecord DeadLetter(ConsumedRecord record, string deadLettersTopic, string topology, JsonException error, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(error);
        var letter = Abstractions.Readings.DeadLetter.FromBytes(record.Source, topology, DeadLetterReason.MalformedJson,
            $"not a reading ({error.Message}); readings look like {{\"deviceId\":123,\"gatewayId\":7,\"time\":1732291200000,\"temp\":4.5,\"batt\":75,\"receivedAt\":1732291201123,\"source\":\"reports/0/4711/0\"}}",
            record.Value, nowMs);
        return new ProducerRecord(deadLettersTopic, Encoding.UTF8.GetBytes(record.Topic), DeadLetterJson.Serialize(letter));
    }
}
