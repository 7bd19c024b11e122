using System.Globalization;
using Confluent.Kafka;
using StreamEngine.Host.Kafka;
using StreamEngine.Host.Simulator;

namespace StreamEngine.Host.Cli;

/// <summary>
/// Publishes simulated reports to <c>reports</c>, keyed by gateway id, with acks=all and idempotence, and counts what
/// Kafka acknowledged. A report Kafka does not take within 30 s counts as failed.
/// </summary>
public sealed class ReportPublisher : IDisposable
{
    private readonly IProducer<string, string> _producer;
    private readonly string _bootstrap;
    private int _delivered;
    private int _failed;
    private string? _firstError;

    public ReportPublisher(string bootstrap)
    {
        _bootstrap = bootstrap;
        _producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
            // Room for the too-large report (just over 1 MiB), which the engine must refuse itself.
            MessageMaxBytes = 4 * 1024 * 1024,
            MessageTimeoutMs = 30_000,
        }).Build();
    }

    public int Delivered => Volatile.Read(ref _delivered);

    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Queues the report; waits while librdkafka's queue is full.</summary>
    public async Task Publish(SimulatedReport report, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(report);
        var message = new Message<string, string> { Key = report.Key.ToString(CultureInfo.InvariantCulture), Value = report.Json };
        while (true)
        {
            try
            {
                _producer.Produce(EngineTopics.Reports, message, OnDelivery);
                return;
            }
            catch (ProduceException<string, string> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                await Task.Delay(10, cancellation).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits until every queued report is acknowledged or has failed; throws if any failed.</summary>
    public void Flush(CancellationToken cancellation)
    {
        _producer.Flush(cancellation);
        if (Failed > 0)
        {
            throw new CommandFailedException(
                $"Kafka at {_bootstrap} did not take {Failed} of {Failed + Delivered} reports (first error: {_firstError}); "
                + "check --bootstrap and that the engine's Kafka is up.");
        }
    }

    public void Dispose() => _producer.Dispose();

    private void OnDelivery(DeliveryReport<string, string> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.CompareExchange(ref _firstError, report.Error.Reason, null);
            Interlocked.Increment(ref _failed);
        }
        else
        {
            Interlocked.Increment(ref _delivered);
        }
    }
}
