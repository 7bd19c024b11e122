using StreamEngine.Connectors.Kafka.Embedded;
using StreamEngine.Connectors.Kafka.Settings;

namespace StreamEngine.Bench;

/// <summary>One benchmark run on a fresh embedded cluster: creates the topics and runs the paths in order.</summary>
internal sealed class BenchRun(BenchOptions options)
{
    private static readonly TimeSpan PathTimeout = TimeSpan.FromMinutes(5);

    private readonly List<PathResult> _results = [];

    public async Task<IReadOnlyList<PathResult>> RunAsync()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaSettings { Brokers = 3, Port = 0 });
        var bootstrap = cluster.BootstrapServers;
        void Topic(string name) => cluster.CreateTopic(name, options.Partitions, 3);
        foreach (var name in (string[])["in", "out-loop", "out-akka", "lat-loop-in", "lat-akka-in"])
        {
            Topic(name);
        }

        Add(await DedicatedThread.Run("parse-only", () => ParseOnly.Run(options.Records)).ConfigureAwait(false));
        if (options.Mode == BenchMode.Throughput)
        {
            await RunThroughput(bootstrap).ConfigureAwait(false);
        }
        else
        {
            await RunLatency(bootstrap).ConfigureAwait(false);
        }

        return _results;
    }

    private async Task RunThroughput(string bootstrap)
    {
        Add(await DedicatedThread.Run("raw-produce", () => new RawProduce(bootstrap).Run("in", options.Records)).ConfigureAwait(false));
        if (options.Runs("consume"))
        {
            Add(await DedicatedThread.Run("raw-consume", () => RawConsume.Run(bootstrap, "in", options.Records, PathTimeout, options.FetchWaitMs)).ConfigureAwait(false));
        }

        if (options.Runs("loop"))
        {
            Add(await DedicatedThread.Run("raw-loop", () => new RawLoop(bootstrap, options.Partitions, options.FetchWaitMs, options.LingerMs)
                .Run("in", "out-loop", options.Records, PathTimeout)).ConfigureAwait(false));
        }

        if (options.Runs("akka"))
        {
            Add(await new AkkaPath(bootstrap, options).RunAsync("in", "out-akka", options.Records, PathTimeout).ConfigureAwait(false));
        }
    }

    /// <summary>Each loop reads its own input topic while a paced producer writes to it, started once the loop's consumer is assigned.</summary>
    private async Task RunLatency(string bootstrap)
    {
        if (options.Runs("loop"))
        {
            var producing = new PacedStart(bootstrap, "lat-loop-in", options);
            var loop = await DedicatedThread.Run("raw-loop", () => new RawLoop(bootstrap, options.Partitions, options.FetchWaitMs, options.LingerMs)
                .Run("lat-loop-in", "out-loop", options.Records, PathTimeout, producing.Start)).ConfigureAwait(false);
            Add(await producing.Completion.ConfigureAwait(false));
            Add(loop);
        }

        if (options.Runs("akka"))
        {
            var producing = new PacedStart(bootstrap, "lat-akka-in", options);
            var akka = await new AkkaPath(bootstrap, options)
                .RunAsync("lat-akka-in", "out-akka", options.Records, PathTimeout, producing.Start).ConfigureAwait(false);
            Add(await producing.Completion.ConfigureAwait(false));
            Add(akka);
        }
    }

    private void Add(PathResult result)
    {
        _results.Add(result);
        Console.WriteLine(ResultTable.Render([result], options.Mode).Split('\n')[2]);
        Console.WriteLine($"  {result.Cpu}");
    }
}
