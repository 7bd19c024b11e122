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
        if (options.Mode == BenchMode.Graph)
        {
            await RunGraphs().ConfigureAwait(false);
            return _results;
        }

        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaSettings { Brokers = 3, Port = 0 });
        var bootstrap = cluster.BootstrapServers;
        void Topic(string name) => cluster.CreateTopic(name, options.Partitions, 3);
        foreach (var name in (string[])["in", "out-loop", "out-akka", "lat-loop-in", "lat-akka-in", "in-reports", "in-readings", "in-datapoints", "lat-in-reports", "lat-in-readings", "lat-in-datapoints", "readings", "deadletters",
                     "in-thresholds", "in-alerts", "in-legacy", "lat-in-thresholds", "lat-in-alerts", "lat-in-legacy", "alerts",
                     "warm-in-reports", "warm-in-readings", "warm-in-datapoints", "warm-in-thresholds", "warm-in-alerts", "warm-in-legacy"])
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

        await RunTopologies(bootstrap, null).ConfigureAwait(false);
    }

    /// <summary>
    /// The topologies as the host runs them, each on its own input: written beforehand in throughput mode, or by a
    /// paced producer (<c>paced</c> = its topic prefix) started once the topology's consumer is assigned. With
    /// <see cref="BenchOptions.WarmUp"/>, each first runs that many records written beforehand to a topic of their own.
    /// </summary>
    private async Task RunTopologies(string bootstrap, string? paced)
    {
        await using var topologies = new BenchTopologies(options);
        foreach (var name in BenchTopologies.Names.Where(options.Runs))
        {
            if (options.WarmUp > 0)
            {
                await RunTopology(topologies, bootstrap, name, null, warmUp: true).ConfigureAwait(false);
            }

            await RunTopology(topologies, bootstrap, name, paced, warmUp: false).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One pass of a topology over its input topic: the measured pass (prefixed by <paramref name="paced"/> when paced),
    /// or its warm-up (prefixed by <c>warm</c>, written beforehand).
    /// </summary>
    private async Task RunTopology(BenchTopologies topologies, string bootstrap, string name, string? paced, bool warmUp)
    {
        var (input, make, perInput) = topologies.Input(name);
        var inputs = (warmUp ? options.WarmUp : options.Records) / perInput;
        var prefix = warmUp ? "warm" : paced;
        var topic = prefix is null ? input : $"{prefix}-{input}";
        PacedStart? producing = null;
        if (paced is null)
        {
            Add(await DedicatedThread.Run($"produce-{name}", () => new RawProduce(bootstrap, make).Run(topic, inputs)).ConfigureAwait(false));
        }
        else
        {
            producing = new PacedStart(bootstrap, topic, inputs, Math.Max(1, options.Rate / perInput), make);
        }

        var flow = await topologies.Create(name).ConfigureAwait(false);
        var path = warmUp ? $"{name} topology, warm-up" : $"{name} topology";
        var result = await new TopologyPath(bootstrap, options)
            .RunAsync(path, topic, flow, inputs, perInput, PathTimeout, producing is null ? null : producing.Start).ConfigureAwait(false);
        if (producing is not null)
        {
            Add(await producing.Completion.ConfigureAwait(false));
        }

        Add(result with { Outcome = topologies.Outcome(name, withLatency: paced is not null) });
    }

    /// <summary>Graph mode: each topology fed from memory, no Kafka.</summary>
    private async Task RunGraphs()
    {
        await using var topologies = new BenchTopologies(options);
        foreach (var name in BenchTopologies.Names.Where(options.Runs))
        {
            if (options.WarmUp > 0)
            {
                await RunGraph(topologies, name, $"{name} graph, warm-up", options.WarmUp).ConfigureAwait(false);
            }

            await RunGraph(topologies, name, $"{name} graph", options.Records).ConfigureAwait(false);
        }

        if (options.Runs("legacy-http"))
        {
            Add(await HttpPostLoop.RunAsync(options.Records, options.KafkaProcess, options.Partitions).ConfigureAwait(false));
        }
    }

    private async Task RunGraph(BenchTopologies topologies, string name, string path, int records)
    {
        var (_, make, perInput) = topologies.Input(name);
        var flow = await topologies.Create(name).ConfigureAwait(false);
        var result = await GraphPath.RunAsync(path, flow, make, records / perInput, perInput, PathTimeout).ConfigureAwait(false);
        Add(result with { Outcome = topologies.Outcome(name, withLatency: false) });
    }

    /// <summary>Each loop reads its own input topic while a paced producer writes to it, started once the loop's consumer is assigned.</summary>
    private async Task RunLatency(string bootstrap)
    {
        if (options.Runs("loop"))
        {
            var producing = new PacedStart(bootstrap, "lat-loop-in", options.Records, options.Rate);
            var loop = await DedicatedThread.Run("raw-loop", () => new RawLoop(bootstrap, options.Partitions, options.FetchWaitMs, options.LingerMs)
                .Run("lat-loop-in", "out-loop", options.Records, PathTimeout, producing.Start)).ConfigureAwait(false);
            Add(await producing.Completion.ConfigureAwait(false));
            Add(loop);
        }

        if (options.Runs("akka"))
        {
            var producing = new PacedStart(bootstrap, "lat-akka-in", options.Records, options.Rate);
            var akka = await new AkkaPath(bootstrap, options)
                .RunAsync("lat-akka-in", "out-akka", options.Records, PathTimeout, producing.Start).ConfigureAwait(false);
            Add(await producing.Completion.ConfigureAwait(false));
            Add(akka);
        }

        await RunTopologies(bootstrap, "lat").ConfigureAwait(false);
    }

    private void Add(PathResult result)
    {
        _results.Add(result);
        Console.WriteLine(ResultTable.Render([result], options.Mode).Split('\n')[2]);
        Console.WriteLine($"  {result.Cpu}");
        if (result.Latency?.ByPeriod is { } byPeriod)
        {
            Console.WriteLine($"  latency p50/p99 ms by when the record was written: {byPeriod}");
        }

        if (result.Outcome is { } outcome)
        {
            Console.WriteLine($"  {outcome}");
        }
    }
}
