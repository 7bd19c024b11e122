using Confluent.Kafka;

namespace StreamEngine.Bench;

/// <summary>
/// The ceiling: a plain Confluent consumer feeding a plain producer (acks=all, idempotent) on one thread, storing
/// a record's offset only after its output was acknowledged, in consume order (at-least-once).
/// </summary>
internal sealed class RawLoop(string bootstrapServers, int partitions, int? fetchWaitMs, double lingerMs)
{
    private const int MaxInFlight = 50_000;
    private const int ReleaseEvery = 1_000;

    private volatile Error? _failure;

    /// <summary>
    /// Copies <c>records</c> records from <c>input</c> to <c>output</c>; <c>onAssigned</c> is called once the consumer
    /// has its partitions (latency mode starts its producer then).
    /// </summary>
    public PathResult Run(string input, string output, int records, TimeSpan timeout, Action? onAssigned = null)
    {
        var assigned = 0;
        var clock = new PathClock();
        using var producer = new ProducerBuilder<byte[], byte[]>(ClientConfigs.Producer(bootstrapServers, lingerMs)).Build();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(ClientConfigs.Consumer(bootstrapServers, "bench-loop", fetchWaitMs))
            .SetPartitionsAssignedHandler((_, _) =>
            {
                if (Interlocked.Exchange(ref assigned, 1) == 0)
                {
                    onAssigned?.Invoke();
                }
            })
            .Build();
        consumer.Subscribe(input);

        var ring = new InFlightRing(MaxInFlight);
        var offsets = new PartitionOffsets(input, partitions);
        var latency = new LatencyRecorder(records);
        var deadline = DateTime.UtcNow + timeout;
        long consumed = 0;
        long released = 0;
        while (released < records && DateTime.UtcNow < deadline && _failure is null)
        {
            var result = consumed < records && !ring.IsFull ? consumer.Consume(TimeSpan.FromMilliseconds(10)) : null;
            if (result is not null)
            {
                clock.FirstRecord();
                consumed++;
                var slot = ring.Add(result.Partition.Value, result.Offset.Value, result.Message.Timestamp.UnixTimestampMs);
                Produce(producer, output, result.Message, ring, slot);
                if (consumed % ReleaseEvery != 0)
                {
                    continue;
                }
            }
            else if (consumed >= records || ring.IsFull)
            {
                Thread.Sleep(1);
            }

            released += ring.Release(offsets, latency);
            offsets.StoreMoved(consumer);
        }

        var outcome = clock.Finish("raw consume→produce loop", released, latency.Summarize());
        if (_failure is { } failure)
        {
            throw new KafkaException(failure);
        }

        consumer.Close();
        return outcome;
    }

    private void Produce(IProducer<byte[], byte[]> producer, string topic, Message<byte[], byte[]> consumed, InFlightRing ring, int slot)
    {
        var message = new Message<byte[], byte[]> { Key = consumed.Key, Value = consumed.Value };
        void OnDelivered(DeliveryReport<byte[], byte[]> report)
        {
            if (report.Error.IsError)
            {
                _failure ??= report.Error;
            }

            ring.MarkDone(slot);
        }

        QueueFullRetry.Produce(producer, topic, message, OnDelivered);
    }
}
