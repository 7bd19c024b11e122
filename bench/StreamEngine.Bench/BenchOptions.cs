using System.Globalization;

namespace StreamEngine.Bench;

/// <summary>The command line: <c>--records N --partitions N --mode throughput|latency</c> and a few tuning knobs.</summary>
internal sealed record BenchOptions
{
    public int Records { get; init; } = 1_000_000;

    public int Partitions { get; init; } = 64;

    public BenchMode Mode { get; init; } = BenchMode.Throughput;

    /// <summary>Records per second the producer writes in latency mode.</summary>
    public int Rate { get; init; } = 100_000;

    /// <summary>
    /// Which paths run after the raw produce: any of consume, loop, akka, and the topologies authentication, raw,
    /// datapoints, thresholds, alerts, legacy (in graph mode, only topologies, and legacy-http: the legacy posts alone; in cluster mode six and
    /// failover, both when neither is named).
    /// </summary>
    public IReadOnlySet<string> Paths { get; init; } = new HashSet<string>(["consume", "loop", "akka"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Default none: on 2 cores every extra actor only added hand-offs (measured: none ≈ source &gt; all; see RESULTS.md).
    /// </summary>
    public AsyncBoundaries Async { get; init; } = AsyncBoundaries.None;

    /// <summary>The Akka source's <c>MaxBatchSize</c> (records per hand-off from the polling thread).</summary>
    public int SourceBatch { get; init; } = 500;

    /// <summary>The Akka source's <c>MaxBufferedRecords</c> (read ahead before it pauses its partitions); null keeps the engine default.</summary>
    public int? MaxBuffered { get; init; }

    /// <summary>The producer flow's <c>MaxInFlight</c>; null keeps the engine default.</summary>
    public int? MaxInFlight { get; init; }

    /// <summary>
    /// <c>fetch.wait.max.ms</c> of every consumer; null keeps librdkafka's 500 ms. The mock cluster seems to hold an
    /// empty fetch for that long even when records arrive meanwhile, so it sets the latency floor of latency mode.
    /// </summary>
    public int? FetchWaitMs { get; init; }

    /// <summary>Linger of the producers under test (the loop's and the Akka path's; the input is always written with 5 ms).</summary>
    public double LingerMs { get; init; } = 5;

    /// <summary>Input buffer of the stages behind an async boundary (Akka's default is 16).</summary>
    public int InputBuffer { get; init; } = 16;

    /// <summary>
    /// Query mode: devices in the store (default 10,000). Alarm topologies (thresholds, alerts, legacy): devices the
    /// readings come from (default 100,000). Cluster mode: devices in the registry (default 100,000).
    /// </summary>
    public int? Devices { get; init; }

    /// <summary>
    /// Alarm topologies: percent of thresholds readings above their device's <c>maxTemperature</c>, and percent of
    /// devices the alerts topology finds silent for 2 hours when their first reading comes. Default 1.
    /// </summary>
    public double BreachPercent { get; init; } = 1;

    /// <summary>How long the Twilio stand-in waits before it answers (Twilio itself takes 100–300 ms). Default 0.</summary>
    public int SmsDelayMs { get; init; }

    /// <summary>The alarm topologies' <c>SmsParallelism</c> (SMS in flight at once); null keeps the default (8).</summary>
    public int? SmsParallelism { get; init; }

    /// <summary>
    /// The alarm topologies' <c>NotifyWindow</c> (readings in the notify stage at once) and the legacy topology's <c>Window</c>
    /// (readings in the post stage at once); null keeps their defaults (10,000 and 1,000).
    /// </summary>
    public int? Window { get; init; }

    /// <summary>Where the thresholds and alerts topologies keep their state: a private redis-server, or in-process.</summary>
    public BenchState State { get; init; } = BenchState.Redis;

    /// <summary>Cluster mode: how long the six topologies may take at most, in seconds. Default 90.</summary>
    public int Seconds { get; init; } = 90;

    /// <summary>
    /// Cluster mode: the node's <c>Authentication:CredentialRefresh</c> in seconds; null keeps the engine's default
    /// (5 s), after which each id's credentials are read from the registry again.
    /// </summary>
    public int? CredentialRefresh { get; init; }

    /// <summary>
    /// Cluster mode (six): the embedded Kafka backbone runs in a child process, so the working set measured is the
    /// engine node's alone, as against a real Kafka.
    /// </summary>
    public bool KafkaProcess { get; init; }

    /// <summary>Samples what each path allocates, by type (<see cref="AllocationSampler"/>).</summary>
    public bool Allocations { get; init; }

    /// <summary>Cluster mode: how many crashes to time, each on a fresh three-node cluster. Default 3.</summary>
    public int Failovers { get; init; } = 3;

    /// <summary>
    /// Throughput, latency and graph modes: records each topology first runs on an input of its own, with a fresh fleet
    /// and state, before the measured pass, so that the measured pass runs on code the JIT has optimised, as a node does
    /// after its first seconds. Cluster mode (six): readings the node's six topologies first get through, so that the
    /// measured pass finds every device already seen, as a node that has run for a while does. Default 0: the measured
    /// pass is the process's first.
    /// </summary>
    public int WarmUp { get; init; }

    public int PointsPerDevice { get; init; } = 1_000;

    public int Queries { get; init; } = 1_000;

    public int QueryDevices => Devices ?? 10_000;

    public int AlarmDevices => Devices ?? 100_000;

    public bool Runs(string path) => Paths.Contains(path);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--records" => options with { Records = Int(value) },
                "--partitions" => options with { Partitions = Int(value) },
                "--mode" => options with { Mode = Enum.Parse<BenchMode>(value, ignoreCase: true) },
                "--rate" => options with { Rate = Int(value) },
                "--paths" => options with { Paths = new HashSet<string>(value.Split(','), StringComparer.OrdinalIgnoreCase) },
                "--async" => options with { Async = Enum.Parse<AsyncBoundaries>(value, ignoreCase: true) },
                "--source-batch" => options with { SourceBatch = Int(value) },
                "--input-buffer" => options with { InputBuffer = Int(value) },
                "--max-buffered" => options with { MaxBuffered = Int(value) },
                "--max-in-flight" => options with { MaxInFlight = Int(value) },
                "--fetch-wait-ms" => options with { FetchWaitMs = Int(value) },
                "--linger-ms" => options with { LingerMs = Int(value) },
                "--devices" => options with { Devices = Int(value) },
                "--points" => options with { PointsPerDevice = Int(value) },
                "--queries" => options with { Queries = Int(value) },
                "--breach-percent" => options with { BreachPercent = double.Parse(value, CultureInfo.InvariantCulture) },
                "--sms-delay-ms" => options with { SmsDelayMs = Int(value) },
                "--sms-parallelism" => options with { SmsParallelism = Int(value) },
                "--window" => options with { Window = Int(value) },
                "--seconds" => options with { Seconds = Int(value) },
                "--credential-refresh" => options with { CredentialRefresh = Int(value) },
                "--kafka-process" => options with { KafkaProcess = bool.Parse(value) },
                "--allocations" => options with { Allocations = bool.Parse(value) },
                "--warm-up" => options with { WarmUp = Int(value) },
                "--failovers" => options with { Failovers = Int(value) },
                "--state" => options with { State = Enum.Parse<BenchState>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true) },
                _ => throw new ArgumentException($"Unknown option {name}. Options: --records --partitions --mode throughput|latency|graph|query|cluster|kafka --rate --paths consume,loop,akka,authentication,raw,datapoints,thresholds,alerts,legacy,legacy-http --async none|source|all --source-batch --input-buffer --max-buffered --max-in-flight --fetch-wait-ms --linger-ms; alarm topologies: --devices --breach-percent --state redis|in-process --sms-delay-ms --sms-parallelism --window; query mode: --devices --points --queries; cluster mode: --paths six,failover --devices --seconds --credential-refresh --failovers --kafka-process true|false; throughput, latency, graph and cluster (six) modes: --warm-up N; any mode: --allocations true|false."),
            };
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    public override string ToString() =>
        $"records={Records} partitions={Partitions} mode={Mode} rate={Rate} paths={string.Join(',', Paths)} async={Async} source-batch={SourceBatch} input-buffer={InputBuffer} max-buffered={MaxBuffered?.ToString(CultureInfo.InvariantCulture) ?? "default"} max-in-flight={MaxInFlight?.ToString(CultureInfo.InvariantCulture) ?? "default"} fetch-wait-ms={FetchWaitMs?.ToString(CultureInfo.InvariantCulture) ?? "default"} linger-ms={LingerMs} devices={Devices?.ToString(CultureInfo.InvariantCulture) ?? "default"} breach-percent={BreachPercent} state={State} sms-delay-ms={SmsDelayMs} sms-parallelism={SmsParallelism?.ToString(CultureInfo.InvariantCulture) ?? "default"} window={Window?.ToString(CultureInfo.InvariantCulture) ?? "default"} seconds={Seconds} credential-refresh={CredentialRefresh?.ToString(CultureInfo.InvariantCulture) ?? "default"} failovers={Failovers} kafka-process={KafkaProcess} allocations={Allocations}";
}
