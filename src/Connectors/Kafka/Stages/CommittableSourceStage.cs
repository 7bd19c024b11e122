using Akka;
using Akka.Streams;
using Akka.Streams.Stage;
using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Connectors.Kafka.Settings;

namespace StreamEngine.Connectors.Kafka.Stages;

/// <summary>
/// Emits each consumed record with its committable offset.
/// <para>Emits when a record is buffered and downstream pulls; records of a partition revoked since they were read are dropped, never emitted.</para>
/// <para>Backpressures when downstream backpressures: the consumer pauses its partitions once its buffer is full.</para>
/// <para>Completes when fetching is stopped through the control.</para>
/// <para>Cancels: closes the consumer.</para>
/// </summary>
internal sealed class CommittableSourceStage(ConsumerSettings settings, IReadOnlyCollection<string> topics, ILogger logger)
    : GraphStageWithMaterializedValue<SourceShape<CommittableMessage>, IConsumerControl>
{
    private readonly Outlet<CommittableMessage> _out = new("kafka.committable-source.out");

    public override SourceShape<CommittableMessage> Shape => new(_out);

    protected override Attributes InitialAttributes => Attributes.CreateName("kafka-committable-source");

    public override ILogicAndMaterializedValue<IConsumerControl> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var worker = new ConsumerWorker(settings, topics, logger);
        return new LogicAndMaterializedValue<IConsumerControl>(new Logic(this, worker), worker);
    }

    private sealed class Logic : OutGraphStageLogic, ISourceLink
    {
        private readonly CommittableSourceStage _stage;
        private readonly ConsumerWorker _worker;
        private readonly Dictionary<PartitionId, long> _revokedAt = [];
        private Action<NotUsed>? _onData;
        private Action<(IReadOnlyList<PartitionId> Partitions, long Epoch, TaskCompletionSource Done)>? _onRevoke;
        private Action<NotUsed>? _onComplete;
        private Action<Exception>? _onFail;
        private RecordBatch? _current;
        private int _index;

        public Logic(CommittableSourceStage stage, ConsumerWorker worker) : base(stage.Shape)
        {
            _stage = stage;
            _worker = worker;
            SetHandler(stage._out, this);
        }

        public override void PreStart()
        {
            _onData = GetAsyncCallback<NotUsed>(_ => { if (IsAvailable(_stage._out)) { TryPush(); } });
            _onRevoke = GetAsyncCallback<(IReadOnlyList<PartitionId> Partitions, long Epoch, TaskCompletionSource Done)>(r =>
            {
                foreach (var partition in r.Partitions)
                {
                    _revokedAt[partition] = r.Epoch;
                }

                r.Done.TrySetResult();
            });
            _onComplete = GetAsyncCallback<NotUsed>(_ => CompleteStage());
            _onFail = GetAsyncCallback<Exception>(FailStage);
            _worker.Start(this);
        }

        public override void PostStop() => _worker.Detach();

        public override void OnPull() => TryPush();

        private void TryPush()
        {
            while (true)
            {
                if (_current is null || _index == _current.Messages.Length)
                {
                    _current = NextBatch();
                    _index = 0;
                    if (_current is null)
                    {
                        return;
                    }
                }

                var message = _current.Messages[_index++];
                if (_revokedAt.TryGetValue(message.Offset.Partition, out var revokedAt) && _current.Epoch < revokedAt)
                {
                    continue;
                }

                Push(_stage._out, message);
                return;
            }
        }

        private RecordBatch? NextBatch()
        {
            var batch = _worker.TryTake();
            if (batch is not null)
            {
                return batch;
            }

            // Ask for a signal, then look again: a batch queued in between is not missed.
            _worker.MarkWaiting();
            if (!_worker.HasBatches)
            {
                return null;
            }

            _worker.ClearWaiting();
            return _worker.TryTake();
        }

        void ISourceLink.DataAvailable() => _onData?.Invoke(NotUsed.Instance);

        Task ISourceLink.Revoke(IReadOnlyList<PartitionId> partitions, long revokedAtEpoch)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _onRevoke?.Invoke((partitions, revokedAtEpoch, done));
            return done.Task;
        }

        void ISourceLink.Complete() => _onComplete?.Invoke(NotUsed.Instance);

        void ISourceLink.Fail(Exception error) => _onFail?.Invoke(error);
    }
}
