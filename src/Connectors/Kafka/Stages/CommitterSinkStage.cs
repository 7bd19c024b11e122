using Akka;
using Akka.Streams;
using Akka.Streams.Stage;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Connectors.Kafka.Settings;

namespace StreamEngine.Connectors.Kafka.Stages;

/// <summary>
/// Gathers offsets and commits the highest one per partition, after <see cref="CommitterSettings.MaxBatch"/>
/// offsets or <see cref="CommitterSettings.MaxInterval"/>, whichever comes first, and once more when the stream ends.
/// <para>Backpressures never: committing is a local store; librdkafka sends the commits in the background.</para>
/// <para>Completes when upstream completes, after committing what it gathered; its task then completes.</para>
/// </summary>
internal sealed class CommitterSinkStage(CommitterSettings settings)
    : GraphStageWithMaterializedValue<SinkShape<CommittableOffset>, Task<Done>>
{
    private readonly Inlet<CommittableOffset> _in = new("kafka.committer.in");
    private readonly CommitterSettings _settings = settings;

    public override SinkShape<CommittableOffset> Shape => new(_in);

    protected override Attributes InitialAttributes => Attributes.CreateName("kafka-committer");

    public override ILogicAndMaterializedValue<Task<Done>> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var completion = new TaskCompletionSource<Done>(TaskCreationOptions.RunContinuationsAsynchronously);
        return new LogicAndMaterializedValue<Task<Done>>(new Logic(this, completion), completion.Task);
    }

    private sealed class Logic : TimerGraphStageLogic, IInHandler
    {
        private readonly CommitterSinkStage _stage;
        private readonly TaskCompletionSource<Done> _completion;
        private readonly Dictionary<(IOffsetCommitter, PartitionId), CommittableOffset> _highest = [];
        private int _gathered;

        public Logic(CommitterSinkStage stage, TaskCompletionSource<Done> completion) : base(stage.Shape)
        {
            _stage = stage;
            _completion = completion;
            SetHandler(stage._in, this);
        }

        public override void PreStart()
        {
            ScheduleRepeatedly("commit", _stage._settings.MaxInterval);
            Pull(_stage._in);
        }

        public void OnPush()
        {
            var offset = Grab(_stage._in);
            var key = (offset.Committer, offset.Partition);
            if (!_highest.TryGetValue(key, out var known) || known.Offset < offset.Offset)
            {
                _highest[key] = offset;
            }

            if (++_gathered >= _stage._settings.MaxBatch)
            {
                CommitGathered();
            }

            Pull(_stage._in);
        }

        public void OnUpstreamFinish()
        {
            CommitGathered();
            _completion.TrySetResult(Done.Instance);
            CompleteStage();
        }

        public void OnUpstreamFailure(Exception e)
        {
            // What reached the committer was fully processed: commit it, then report the failure.
            CommitGathered();
            _completion.TrySetException(e);
            FailStage(e);
        }

        protected override void OnTimer(object timerKey) => CommitGathered();

        public override void PostStop() =>
            _completion.TrySetException(new AbruptStageTerminationException(this));

        private void CommitGathered()
        {
            if (_gathered == 0)
            {
                return;
            }

            foreach (var group in _highest.Values.GroupBy(o => o.Committer))
            {
                group.Key.Commit(group);
            }

            _highest.Clear();
            _gathered = 0;
        }
    }
}
