using Confluent.Kafka;

namespace StreamEngine.Bench;

/// <summary>
/// Writes input records with a plain Confluent producer: all at once, or paced at a fixed rate. By default the
/// records are <see cref="ReadingGenerator"/>'s readings; <c>make</c> (sequence, now in ms) makes others. With
/// <c>queueKilobytes</c>, the producer holds at most that much undelivered input (librdkafka's
/// <c>queue.buffering.max.kbytes</c>) and waits for deliveries when it is full.
/// </summary>
internal sealed class RawProduce(string bootstrapServers, Func<long, long, InputRecord>? make = null, int? queueKilobytes = null)
{
    private readonly ReadingGenerator _readings = new();
    private Error? _failure;

    /// <summary>Writes <paramref name="records"/> readings as fast as the producer takes them, then flushes.</summary>
    public PathResult Run(string topic, int records)
    {
        var clock = new PathClock();
        var config = ClientConfigs.Producer(bootstrapServers);
        config.QueueBufferingMaxKbytes = queueKilobytes ?? config.QueueBufferingMaxKbytes;
        using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        clock.FirstRecord();
        for (long i = 0; i < records; i++)
        {
            Produce(producer, topic, i);
        }

        Flush(producer);
        return clock.Finish("raw produce", records);
    }

    /// <summary>Writes <paramref name="records"/> readings at <paramref name="perSecond"/>, in 1 ms steps.</summary>
    public PathResult RunPaced(string topic, int records, int perSecond)
    {
        var clock = new PathClock();
        using var producer = new ProducerBuilder<byte[], byte[]>(ClientConfigs.Producer(bootstrapServers)).Build();
        clock.FirstRecord();
        var started = System.Diagnostics.Stopwatch.StartNew();
        long produced = 0;
        while (produced < records)
        {
            var due = Math.Min(records, (long)(started.Elapsed.TotalSeconds * perSecond));
            for (; produced < due; produced++)
            {
                Produce(producer, topic, produced);
            }

            Thread.Sleep(1);
        }

        Flush(producer);
        return clock.Finish($"paced produce ({perSecond:N0}/s)", records);
    }

    private void Produce(IProducer<byte[], byte[]> producer, string topic, long sequence)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (key, value) = make is null ? new InputRecord(_readings.Key(sequence), ReadingGenerator.Value(sequence, now)) : make(sequence, now);
        // The record's Kafka timestamp is the "now" the record was made with, so a reading's time and the alarm
        // fleet's notes agree with it to the millisecond.
        var message = new Message<byte[], byte[]> { Key = key, Value = value, Timestamp = new Timestamp(now, TimestampType.CreateTime) };
        QueueFullRetry.Produce(producer, topic, message, OnDelivered);
    }

    private void Flush(IProducer<byte[], byte[]> producer)
    {
        producer.Flush(TimeSpan.FromMinutes(5));
        if (_failure is { } failure)
        {
            throw new KafkaException(failure);
        }
    }

    private void OnDelivered(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            _failure ??= report.Error;
        }
    }
}
