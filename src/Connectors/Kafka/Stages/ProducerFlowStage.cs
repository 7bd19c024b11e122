using Akka;
using Akka.Streams;
using Akka.Streams.Stage;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Connectors.Kafka.Settings;

namespace StreamEngine.Connectors.Kafka.Stages;

/// <summary>
/// Writes each envelope's records (acks=all, idempotent) and passes its value on once Kafka acknowledged all of them.
/// <para>Emits when the oldest envelope's records are all acknowledged: values leave in the order envelopes came in.</para>
/// <para>Backpressures when <see cref="ProducerSettings.MaxInFlight"/> records await acknowledgement, or downstream backpressures.</para>
/// <para>Completes when upstream completes and every record is acknowledged.</para>
/// <para>Fails when Kafka refuses a record for good (after librdkafka's retries): nothing is dropped silently.</para>
/// </summary>
internal sealed class ProducerFlowStage<TPass>(ProducerSettings settings, ILogger logger)
    : GraphStage<FlowShape<ProducerEnvelope<TPass>, TPass>>
{
    private readonly Inlet<ProducerEnvelope<TPass>> _in = new("kafka.producer.in");
    private readonly Outlet<TPass> _out = new("kafka.producer.out");
    private readonly ProducerSettings _settings = settings;
    private readonly ILogger _logger = logger;

    public override FlowShape<ProducerEnvelope<TPass>, TPass> Shape => new(_in, _out);

    protected override Attributes InitialAttributes => Attributes.CreateName("kafka-producer");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    /// <summary>The records of one envelope still awaiting Kafka's acknowledgement; counted down on librdkafka's delivery thread.</summary>
    private sealed class Pending(int remaining)
    {
        public int Remaining = remaining;
    }

    /// <summary>
    /// An envelope in flight, in arrival order. One without records has no <see cref="Pending"/>: it is done at once, and
    /// costs no allocation (most envelopes of the store and alarm topologies carry only their offset).
    /// </summary>
    private readonly record struct InFlight(TPass PassThrough, int Records, Pending? Pending)
    {
        public bool Done => Pending is null || Volatile.Read(ref Pending.Remaining) == 0;
    }

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly ProducerFlowStage<TPass> _stage;
        private readonly Queue<InFlight> _inFlight = new();
        private IProducer<byte[]?, byte[]>? _producer;
        private Action<NotUsed>? _onDelivered;
        private volatile Exception? _failure;
        private int _signalled;
        private int _inFlightRecords;

        public Logic(ProducerFlowStage<TPass> stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        public override void PreStart()
        {
            _onDelivered = GetAsyncCallback<NotUsed>(_ =>
            {
                Interlocked.Exchange(ref _signalled, 0);
                Drain();
            });
            _producer = new ProducerBuilder<byte[]?, byte[]>(_stage._settings.ToProducerConfig())
                .SetErrorHandler((_, error) => OnClientError(error))
                .SetLogHandler((_, message) => KafkaLog.ClientLog(_stage._logger, message.Facility, message.Message))
                .Build();
            Pull(_stage._in);
        }

        public override void PostStop() => _producer?.Dispose();

        public override void OnPush()
        {
            var envelope = Grab(_stage._in);
            var records = envelope.Records;
            _inFlight.Enqueue(new InFlight(envelope.PassThrough, records.Count, records.Count > 0 ? Produce(records) : null));
            _inFlightRecords += records.Count;
            Drain();
        }

        public override void OnPull() => Drain();

        public override void OnUpstreamFinish()
        {
            if (_inFlight.Count == 0)
            {
                CompleteStage();
            }
        }

        private Pending Produce(IReadOnlyList<ProducerRecord> records)
        {
            var pending = new Pending(records.Count);
            void OnReport(DeliveryReport<byte[]?, byte[]> report) => Delivered(pending, report);
            foreach (var record in records)
            {
                _producer!.Produce(record.Topic, new Message<byte[]?, byte[]> { Key = record.Key, Value = record.Value }, OnReport);
            }

            return pending;
        }

        /// <summary>Runs on librdkafka's delivery thread: count down, and wake the stage once per burst.</summary>
        private void Delivered(Pending pending, DeliveryReport<byte[]?, byte[]> report)
        {
            if (report.Error.IsError)
            {
                _failure ??= new ProduceException<byte[]?, byte[]>(report.Error, report);
            }

            if (Interlocked.Decrement(ref pending.Remaining) == 0 && Interlocked.Exchange(ref _signalled, 1) == 0)
            {
                _onDelivered?.Invoke(NotUsed.Instance);
            }
        }

        private void Drain()
        {
            if (_failure is { } failure)
            {
                FailStage(new InvalidOperationException(
                    $"Kafka did not take a record after librdkafka's retries ({failure.Message}); the stream stops so the source offset is not committed and the record is read again on restart.",
                    failure));
                return;
            }

            while (_inFlight.Count > 0 && IsAvailable(_stage._out) && _inFlight.Peek().Done)
            {
                var done = _inFlight.Dequeue();
                _inFlightRecords -= done.Records;
                Push(_stage._out, done.PassThrough);
            }

            if (IsClosed(_stage._in))
            {
                if (_inFlight.Count == 0)
                {
                    CompleteStage();
                }
            }
            else if (!HasBeenPulled(_stage._in) && _inFlightRecords < _stage._settings.MaxInFlight)
            {
                Pull(_stage._in);
            }
        }

        private void OnClientError(Error error)
        {
            if (error.IsFatal)
            {
                _failure ??= new KafkaException(error);
                _onDelivered?.Invoke(NotUsed.Instance);
            }
            else
            {
                KafkaLog.ProducerTransientError(_stage._logger, error.Reason);
            }
        }
    }
}
