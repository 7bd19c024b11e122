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

    /// <summary>Which paths run after the raw produce: any of consume, loop, akka.</summary>
    public IReadOnlySet<string> Paths { get; init; } = new HashSet<string>(["consume", "loop", "akka"], StringComparer.OrdinalIgnoreCase);

    public AsyncBoundaries Async { get; init; } = AsyncBoundaries.All;

    /// <summary>The Akka source's <c>MaxBatchSize</c> (records per hand-off from the polling thread).</summary>
    public int SourceBatch { get; init; } = 500;

    /// <summary>The Akka source's <c>MaxBufferedRecords</c> (read ahead before it pauses its partitions); null keeps the engine default.</summary>
    public int? MaxBuffered { get; init; }

    /// <summary>The producer flow's <c>MaxInFlight</c>; null keeps the engine default.</summary>
    public int? MaxInFlight { get; init; }

    /// <summary>Input buffer of the stages behind an async boundary (Akka's default is 16).</summary>
    public int InputBuffer { get; init; } = 16;

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
                _ => throw new ArgumentException($"Unknown option {name}. Options: --records --partitions --mode throughput|latency --rate --paths consume,loop,akka --async none|source|all --source-batch --input-buffer --max-buffered --max-in-flight."),
            };
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    public override string ToString() =>
        $"records={Records} partitions={Partitions} mode={Mode} rate={Rate} paths={string.Join(',', Paths)} async={Async} source-batch={SourceBatch} input-buffer={InputBuffer} max-buffered={MaxBuffered?.ToString(CultureInfo.InvariantCulture) ?? "default"} max-in-flight={MaxInFlight?.ToString(CultureInfo.InvariantCulture) ?? "default"}";
}
