using System.Diagnostics;
using System.Globalization;
using System.Text;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Connectors.Metrics;
using StreamEngine.Connectors.Registry;
using StreamEngine.Connectors.Storage;
using StreamEngine.Host.Cluster;
using StreamEngine.Host.Kafka;

namespace StreamEngine.Bench;

/// <summary>
/// Cluster mode, part one: the six built-in topologies on one node at once, as a new cluster deploys them from the
/// program's <c>topologies</c> directory. The registry holds <see cref="BenchOptions.AlarmDevices"/> devices;
/// <c>--records</c> readings (in reports of <see cref="ClusterFleet.DevicesPerGateway"/>) are written to
/// <c>reports</c> before the node starts. Every second it reads the node's RunningTopologies counters and the process
/// working set, until every topology has completed every reading or <c>--seconds</c> have passed. With
/// <c>--warm-up N</c>, N readings are written before the node starts instead, and once all six have got them through
/// the <c>--records</c> readings are written to the running node and measured from the moment their writing began.
/// </summary>
internal sealed class ClusterThroughput(BenchOptions options)
{
    private static readonly string[] Downstream = ["raw", "datapoints", "thresholds", "alerts", "legacy"];
    private static readonly TimeSpan PrintEvery = TimeSpan.FromSeconds(5);

    /// <summary>Undelivered reports the input's writer may hold: 4 MiB, about 3,400 reports.</summary>
    private const int WriterQueueKilobytes = 4_096;

    /// <summary>Runs it and prints the figures; true when every topology completed every reading in time.</summary>
    public async Task<bool> RunAsync()
    {
        var directory = Directory.CreateTempSubdirectory("streamengine-cluster-").FullName;
        try
        {
            return await Run(directory).ConfigureAwait(false);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task<bool> Run(string directory)
    {
        var hasher = new TokenHasher(workFactor: 4);
        var registry = new SqliteRegistry(Path.Combine(directory, "registry.db"), hasher);
        var fleet = await ClusterFleet.Register(registry, hasher, options.AlarmDevices).ConfigureAwait(false);
        Console.WriteLine(fleet.Registration);
        using var rawStore = new SqliteRawStore(Path.Combine(directory, "raw.db"));
        using var metricStore = new SqliteMetricStore(Path.Combine(directory, "metrics.db"));
        using var kafkaProcess = options.KafkaProcess ? await KafkaProcess.Start(options.Partitions).ConfigureAwait(false) : null;
        await using var localStandIns = kafkaProcess is null ? await HttpStandIns.Start(TimeSpan.Zero).ConfigureAwait(false) : null;
        var standIns = kafkaProcess?.StandIns ?? localStandIns!.BaseUrl;
        using var kafka = await KafkaBackbone.Start(
            new KafkaSettings
            {
                BootstrapServers = kafkaProcess?.BootstrapServers ?? "",
                Embedded = new EmbeddedKafkaSettings { Port = 0 },
                Topics = new TopicSettings { Partitions = options.Partitions },
            },
            CancellationToken.None).ConfigureAwait(false);
        var reports = options.Records / ClusterFleet.DevicesPerGateway;
        var readings = (long)reports * ClusterFleet.DevicesPerGateway;
        var warmReports = options.WarmUp / ClusterFleet.DevicesPerGateway;
        var warmReadings = (long)warmReports * ClusterFleet.DevicesPerGateway;
        await Write(kafka, fleet, warmReports > 0 ? warmReports : reports, warmReports > 0 ? "warm-up " : "").ConfigureAwait(false);

        // What the harness holds before the node starts (the runtime, the registry of the fleet, the client that wrote the
        // input): counted in the process's working set below, though a node on its own would not hold the last two.
        var beforeNode = Environment.WorkingSet;
        var builtIns = BuiltInDefinitions.Read("topologies");
        var cpu = ThreadCpu.Take();
        var kafkaCpu = kafkaProcess?.Cpu ?? TimeSpan.Zero;
        using var memory = new WorkingSetPeak();
        var clock = Stopwatch.StartNew();
        await using var cluster = await BenchCluster.Start(1, directory, kafka, registry, hasher, rawStore, metricStore, builtIns, Configuration(standIns, options.CredentialRefresh))
            .ConfigureAwait(false);
        var cap = clock.Elapsed + TimeSpan.FromSeconds(options.Seconds);
        var (done, end, allRunning) = await Follow(cluster, 0, warmReports > 0 ? warmReadings : readings, clock, cap, memory).ConfigureAwait(false);
        var from = allRunning ?? TimeSpan.Zero;
        if (warmReports > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warm-up: {warmReadings:N0} readings through all six in {(end - from).TotalSeconds:0.0} s{(done.Count < BenchTopologies.Names.Count ? " (not all completed: no measured pass)" : "")}; the measured pass follows, its input written while the node runs"));
            if (done.Count < BenchTopologies.Names.Count)
            {
                return false;
            }

            cpu = ThreadCpu.Take();
            kafkaCpu = kafkaProcess?.Cpu ?? TimeSpan.Zero;
            cap = clock.Elapsed + TimeSpan.FromSeconds(options.Seconds);
            from = clock.Elapsed;
            await Write(kafka, fleet, reports, "").ConfigureAwait(false);
            (done, end, _) = await Follow(cluster, warmReadings, readings, clock, cap, memory).ConfigureAwait(false);
        }

        Console.WriteLine();
        Console.WriteLine(Table(cluster, warmReadings, readings, from, end, done));
        var endToEnd = Downstream.All(done.ContainsKey)
            ? readings / (Downstream.Max(n => done[n]) - from).TotalSeconds
            : Downstream.Min(n => Readings(cluster, n) - warmReadings) / (end - from).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"end to end (every reading completed by raw, datapoints, thresholds, alerts and legacy): {endToEnd:N0} readings/s{(Downstream.All(done.ContainsKey) ? "" : $" (not all completed within {options.Seconds} s: the slowest topology's count over the time)")}"));
        var kafkaMemory = kafkaProcess is null
            ? "the embedded Kafka cluster ran in this process"
            : string.Create(CultureInfo.InvariantCulture, $"the embedded Kafka cluster and the HTTP stand-ins ran in a child process, peak resident {kafkaProcess.PeakResidentBytes / 1048576.0:N0} MB");
        var live = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set {memory.PeakWorkingSetBytes / 1048576.0:N0} MB, peak managed heap {memory.PeakHeapBytes / 1048576.0:N0} MB (sampled every second); {kafkaMemory}; "
            + $"at the end, after a full collection: live managed data {live / 1048576.0:N0} MB, GC committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:N0} MB, working set {Environment.WorkingSet / 1048576.0:N0} MB; "
            + $"working set before the node started (the runtime, the registry of the fleet, the client that wrote the input) {beforeNode / 1048576.0:N0} MB"));
        if (TopicRecords.DroppedWarning(kafka.Connection.BootstrapServers, EngineTopics.Readings, options.Partitions, Readings(cluster, "authentication")) is { } readingsDropped)
        {
            Console.WriteLine(readingsDropped);
        }

        var rawRows = await rawStore.Count().ConfigureAwait(false);
        var (legacyPosts, sms) = await HttpStandIns.CountsAt(standIns).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"authentication dead letters: [{string.Join(", ", cluster.Workers("authentication").SelectMany(w => w.Counters.DeadLettersByReason).Select(d => $"{d.Key} {d.Value:N0}"))}]; "
            + $"raw rows {rawRows:N0}; legacy API posts {legacyPosts:N0}; SMS {sms:N0}"));
        foreach (var worker in BenchTopologies.Names.SelectMany(cluster.Workers))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- {worker.Name} stages: {string.Join("; ", worker.Metrics().Stages.Select(s => $"{s.Name} in {s.In:N0} p50 {s.P50Ms:0.0} ms p99 {s.P99Ms:0.0} ms capacity {s.Capacity:0.00}"))}; partitions {worker.AssignedPartitions.Count}; lag [{string.Join(", ", worker.Metrics().Lag.Where(l => l.Lag > 0).Select(l => $"{l.Topic}/{l.Partition} {l.Lag:N0}"))}]"));
        }

        Console.WriteLine($"CPU: {cpu.Since()}");
        if (kafkaProcess is not null)
        {
            var used = kafkaProcess.Cpu - kafkaCpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU of the child process (Kafka and the HTTP stand-ins) over the same time: {used.TotalSeconds:0.0} s ({used / (clock.Elapsed - from):0.00} cores)"));
        }

        return done.Count == BenchTopologies.Names.Count;
    }

    /// <summary>
    /// Writes <paramref name="reports"/> of the fleet to <c>reports</c> and says so. The writer stands for the
    /// gateways, which are not the node, but it runs in the node's process: its queue is held to
    /// <see cref="WriterQueueKilobytes"/>, or the 36 MB of a whole pass's reports, queued at once, would count in the
    /// node's working set.
    /// </summary>
    private async Task Write(KafkaBackbone kafka, ClusterFleet fleet, int reports, string what)
    {
        var produced = await DedicatedThread.Run("produce-reports", () => new RawProduce(kafka.Connection.BootstrapServers, fleet.Report, WriterQueueKilobytes)
            .Run(EngineTopics.Reports, reports)).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{reports:N0} {what}reports ({reports * (long)ClusterFleet.DevicesPerGateway:N0} readings from {fleet.Gateways:N0} gateways) written to {EngineTopics.Reports} ({options.Partitions} partitions) in {produced.Run.TotalSeconds:0.0} s"));
        if (TopicRecords.DroppedWarning(kafka.Connection.BootstrapServers, EngineTopics.Reports, options.Partitions, reports) is { } reportsDropped)
        {
            Console.WriteLine(reportsDropped);
        }
    }

    /// <summary>
    /// Every second, until each topology has got <paramref name="readings"/> more than <paramref name="before"/>
    /// through or <paramref name="cap"/> is reached: samples the working set and prints the counts every 5 s. Returns
    /// when each topology got there, when it stopped, and when every topology first had a worker.
    /// </summary>
    private static async Task<(Dictionary<string, TimeSpan> Done, TimeSpan End, TimeSpan? AllRunning)> Follow(
        BenchCluster cluster, long before, long readings, Stopwatch clock, TimeSpan cap, WorkingSetPeak memory)
    {
        var done = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        TimeSpan? allRunning = null;
        var lastPrint = clock.Elapsed;
        while (clock.Elapsed < cap && done.Count < BenchTopologies.Names.Count)
        {
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            var now = clock.Elapsed;
            memory.Sample();
            if (allRunning is null && BenchTopologies.Names.All(n => cluster.Workers(n).Count > 0))
            {
                allRunning = now;
                Console.WriteLine($"all six running after {now.TotalSeconds:0.0} s");
            }

            foreach (var name in BenchTopologies.Names.Where(n => !done.ContainsKey(n) && Readings(cluster, n) - before >= readings))
            {
                done[name] = now;
            }

            if (now - lastPrint >= PrintEvery)
            {
                lastPrint = now;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{now.TotalSeconds,5:0} s: {string.Join(", ", BenchTopologies.Names.Select(n => $"{n} {Readings(cluster, n) - before:N0}"))}; working set {Environment.WorkingSet / 1048576.0:N0} MB; {GcNow()}"));
            }
        }

        return (done, clock.Elapsed, allRunning);
    }

    /// <summary>The GC's view after its last collection: the heap then, what survived it, and what it keeps committed.</summary>
    private static string GcNow()
    {
        var gc = GC.GetGCMemoryInfo();
        return string.Create(CultureInfo.InvariantCulture,
            $"GC heap after last collection {gc.HeapSizeBytes / 1048576.0:N0} MB (gen{gc.Generation}, promoted {gc.PromotedBytes / 1048576.0:N0} MB), committed {gc.TotalCommittedBytes / 1048576.0:N0} MB");
    }

    /// <summary>Readings a topology got through: written to <c>readings</c> by authentication, completed by the others.</summary>
    private static long Readings(BenchCluster cluster, string name) =>
        cluster.Workers(name).Sum(w => name == "authentication" ? w.Counters.WrittenByTopic.GetValueOrDefault(EngineTopics.Readings) : w.Counters.Completed);

    private static string Table(BenchCluster cluster, long before, long readings, TimeSpan from, TimeSpan end, Dictionary<string, TimeSpan> done)
    {
        var text = new StringBuilder();
        text.AppendLine("| topology | readings | done at s | readings/s since the pass began |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var name in BenchTopologies.Names)
        {
            var count = done.ContainsKey(name) ? readings : Readings(cluster, name) - before;
            var until = done.TryGetValue(name, out var at) ? at : end;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {count:N0} | {(done.ContainsKey(name) ? at.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) : "not done")} | {count / (until - from).TotalSeconds:N0} |"));
        }

        return text.ToString();
    }

    /// <summary>
    /// The node's configuration: legacy and Twilio at the stand-ins, and the credential refresh when one is given (a key
    /// with a null value would not leave the engine's default: the binder makes it a zero <see cref="TimeSpan"/>).
    /// </summary>
    private static Dictionary<string, string?> Configuration(Uri standIns, int? credentialRefreshSeconds)
    {
        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Legacy:Url"] = HttpStandIns.LegacyUrlOf(standIns),
            ["Sms:Twilio:AccountSid"] = HttpStandIns.AccountSid,
            ["Sms:Twilio:AuthToken"] = "bench",
            ["Sms:Twilio:From"] = "+15550000000",
            ["Sms:Twilio:BaseUrl"] = standIns.ToString(),
            ["Sms:RatePerSecond"] = "1000000",
            ["Sms:Burst"] = "1000000",
        };
        if (credentialRefreshSeconds is { } refresh)
        {
            configuration["Authentication:CredentialRefresh"] = TimeSpan.FromSeconds(refresh).ToString("c", CultureInfo.InvariantCulture);
        }

        return configuration;
    }
}
