using System.Text.Json;
using Akka;
using Akka.Streams.Dsl;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Abstractions.Storage;
using StreamEngine.Topologies.Readings;

namespace StreamEngine.Topologies.Raw;

/// <summary>
/// The raw topology (thesis 7.3.1): readings → batches → one idempotent write per batch to the raw store → each
/// reading's offset passed on only after its batch is stored. A record on <c>readings</c> that is not a reading
/// becomes a dead letter.
/// </summary>
public static class RawTopology
{
    public const string TopologyName = "raw";

    public static Flow<CommittableMessage, ProducerEnvelope<CommittableOffset>, NotUsed> Create(
        RawSettings settings, IRawStore store, Func<long> nowMs)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(nowMs);
        return Flow.Create<CommittableMessage>()
            .GroupedWithin(settings.MaxBatch, settings.MaxBatchWait)
            .Named("batch")
            .SelectAsync(1, batch => Store(batch.ToList(), settings, store, nowMs))
            .Named("raw-store")
            .SelectMany(envelopes => envelopes)
            .Named("raw");
    }

    private static async Task<IReadOnlyList<ProducerEnvelope<CommittableOffset>>> Store(
        List<CommittableMessage> batch, RawSettings settings, IRawStore store, Func<long> nowMs)
    {
        var readings = new List<Reading>(batch.Count);
        var envelopes = new ProducerEnvelope<CommittableOffset>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            try
            {
                readings.Add(ReadingJson.Deserialize(message.Record.Value));
                envelopes[i] = ProducerEnvelope.PassThrough(message.Offset);
            }
            catch (JsonException e)
            {
                envelopes[i] = ProducerEnvelope.Of(
                    NotAReading.DeadLetter(message.Record, settings.DeadLettersTopic, TopologyName, e, nowMs()), message.Offset);
            }
        }

        if (readings.Count > 0)
        {
            await store.Write(readings).ConfigureAwait(false);
        }

        return envelopes;
    }
}
