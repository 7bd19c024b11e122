using Akka.Streams;
using Akka.Streams.Stage;

namespace StreamEngine.Topologies.Stages;

/// <summary>
/// Akka's <c>SelectAsync</c> for a function that returns a <see cref="ValueTask{TResult}"/>: an element whose value is
/// ready at once (a cache hit, a reading with nothing to send) passes on without a task, a holder or a callback, the
/// way a <c>Select</c> would; only an element that really waits goes through the stage's async callback.
/// <para>Emits the values in the order the elements came in, as <c>SelectAsync</c> does.</para>
/// <para>Backpressures when <c>parallelism</c> elements are not yet passed on, or downstream backpressures.</para>
/// <para>Completes when upstream completes and every value is passed on.</para>
/// <para>Fails when the function throws or its value fails: the stream stops, as <c>SelectAsync</c>'s default.</para>
/// </summary>
public sealed class SelectValueAsyncStage<TIn, TOut> : GraphStage<FlowShape<TIn, TOut>>
{
    private readonly Inlet<TIn> _in = new("select-value-async.in");
    private readonly Outlet<TOut> _out = new("select-value-async.out");
    private readonly int _parallelism;
    private readonly Func<TIn, ValueTask<TOut>> _function;

    /// <param name="parallelism">Elements taken in before the oldest is passed on; at least 1.</param>
    /// <param name="function">What each element becomes.</param>
    public SelectValueAsyncStage(int parallelism, Func<TIn, ValueTask<TOut>> function)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parallelism);
        ArgumentNullException.ThrowIfNull(function);
        _parallelism = parallelism;
        _function = function;
    }

    public override FlowShape<TIn, TOut> Shape => new(_in, _out);

    protected override Attributes InitialAttributes => Attributes.CreateName("selectValueAsync");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    /// <summary>An element's place in line: its value once it is there.</summary>
    private sealed class Slot
    {
        public TOut? Value { get; set; }

        public bool Done { get; set; }
    }

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly SelectValueAsyncStage<TIn, TOut> _stage;
        private readonly Queue<Slot> _waiting = new();
        private Action<(Slot Slot, Task<TOut> Task)>? _completed;

        public Logic(SelectValueAsyncStage<TIn, TOut> stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        public override void PreStart() => _completed = GetAsyncCallback<(Slot Slot, Task<TOut> Task)>(c => Completed(c.Slot, c.Task));

        public override void OnPush()
        {
            var pending = _stage._function(Grab(_stage._in));
            if (pending.IsCompletedSuccessfully)
            {
                var value = pending.Result;
                if (_waiting.Count == 0 && IsAvailable(_stage._out))
                {
                    Push(_stage._out, value);
                }
                else
                {
                    _waiting.Enqueue(new Slot { Value = value, Done = true });
                }
            }
            else
            {
                var slot = new Slot();
                _waiting.Enqueue(slot);
                var completed = _completed!;
                pending.AsTask().ContinueWith(task => completed((slot, task)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            PullIfRoom();
        }

        public override void OnPull()
        {
            PushDone();
            PullIfRoom();
        }

        public override void OnUpstreamFinish()
        {
            if (_waiting.Count == 0)
            {
                CompleteStage();
            }
        }

        private void Completed(Slot slot, Task<TOut> task)
        {
            if (!task.IsCompletedSuccessfully)
            {
                FailStage(task.Exception?.InnerException ?? new TaskCanceledException(task));
                return;
            }

            slot.Value = task.Result;
            slot.Done = true;
            PushDone();
            PullIfRoom();
        }

        private void PushDone()
        {
            while (_waiting.Count > 0 && _waiting.Peek().Done && IsAvailable(_stage._out))
            {
                Push(_stage._out, _waiting.Dequeue().Value!);
            }

            if (_waiting.Count == 0 && IsClosed(_stage._in))
            {
                CompleteStage();
            }
        }

        private void PullIfRoom()
        {
            if (_waiting.Count < _stage._parallelism && !HasBeenPulled(_stage._in) && !IsClosed(_stage._in))
            {
                Pull(_stage._in);
            }
        }
    }
}
