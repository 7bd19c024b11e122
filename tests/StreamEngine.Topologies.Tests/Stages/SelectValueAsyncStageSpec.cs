using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamEngine.Topologies.Stages;

namespace StreamEngine.Topologies.Tests.Stages;

public sealed class SelectValueAsyncStageSpec : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("select-value-async-spec");

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Values_ready_at_once_and_values_that_wait_come_out_in_the_order_their_elements_came_in()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 2_000).Select(_ => random.Next(4) == 0 ? random.Next(1, 4) : 0).ToArray();

        var values = await Source.From(Enumerable.Range(0, delays.Length))
            .Via(Flow.Create<int>().SelectValueAsync(8, i => delays[i] == 0 ? new ValueTask<int>(i) : Later(i, delays[i])))
            .RunWith(Sink.Seq<int>(), _system.Materializer())
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, delays.Length), values);

        static async ValueTask<int> Later(int i, int ms)
        {
            await Task.Delay(ms);
            return i;
        }
    }

    [Fact]
    public async Task No_more_than_parallelism_elements_are_taken_in_while_the_oldest_waits()
    {
        var oldest = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var taken = 0;
        var takenTooEarly = 0;

        var running = Source.From(Enumerable.Range(0, 100))
            .Via(Flow.Create<int>().SelectValueAsync(4, i =>
            {
                Interlocked.Increment(ref taken);
                if (i >= 4 && !oldest.Task.IsCompleted)
                {
                    Interlocked.Increment(ref takenTooEarly);
                }

                return i == 0 ? new ValueTask<int>(oldest.Task) : new ValueTask<int>(i);
            }))
            .RunWith(Sink.Seq<int>(), _system.Materializer());

        await Testing.Eventually.True(() => Volatile.Read(ref taken) >= 4, "four elements are taken in while the oldest waits");
        oldest.SetResult(0);

        Assert.Equal(Enumerable.Range(0, 100), await running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, Volatile.Read(ref takenTooEarly));
    }

    [Fact]
    public async Task A_value_that_fails_stops_the_stream_with_its_error()
    {
        var running = Source.From(Enumerable.Range(0, 10))
            .Via(Flow.Create<int>().SelectValueAsync(4, i => i == 5
                ? Failing()
                : new ValueTask<int>(i)))
            .RunWith(Sink.Seq<int>(), _system.Materializer());

        var error = await Assert.ThrowsAsync<TimeoutException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("the registry did not answer", error.Message);

        static async ValueTask<int> Failing()
        {
            await Task.Yield();
            throw new TimeoutException("the registry did not answer");
        }
    }

    [Fact]
    public async Task A_function_that_throws_stops_the_stream_with_its_error()
    {
        var running = Source.From(Enumerable.Range(0, 10))
            .Via(Flow.Create<int>().SelectValueAsync<int, int, int, Akka.NotUsed>(2, i => i == 3 ? throw new FormatException("not a reading") : new ValueTask<int>(i)))
            .RunWith(Sink.Seq<int>(), _system.Materializer());

        await Assert.ThrowsAsync<FormatException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task The_stream_completes_only_once_the_values_still_waiting_have_come_out()
    {
        var last = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var called = 0;

        var running = Source.From(Enumerable.Range(0, 3))
            .Via(Flow.Create<int>().SelectValueAsync(8, i =>
            {
                Interlocked.Increment(ref called);
                return i == 2 ? new ValueTask<int>(last.Task) : new ValueTask<int>(i);
            }))
            .RunWith(Sink.Seq<int>(), _system.Materializer());

        // Upstream has finished once the last element is taken; the stage must still wait for its value.
        await Testing.Eventually.True(() => Volatile.Read(ref called) == 3, "every element is taken in");
        last.SetResult(2);

        Assert.Equal([0, 1, 2], await running.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_parallelism_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SelectValueAsyncStage<int, int>(0, i => new ValueTask<int>(i)));
    }
}
