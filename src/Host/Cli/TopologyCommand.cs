using System.Diagnostics;
using System.Globalization;
using StreamEngine.Host.Cluster;
using StreamEngine.Host.Deployment;
using StreamEngine.Topologies.Metrics;

namespace StreamEngine.Host.Cli;

/// <summary>
/// <c>streamengine topology deploy|list|describe|activate|deactivate|rebalance|kill</c>: the topology verbs of
/// DESIGN.md section 5 against a running engine's REST API. Exit codes: 0 done, 1 failed (the API's message is
/// printed), 2 bad arguments.
/// </summary>
public static class TopologyCommand
{
    public const string Verb = "topology";

    /// <summary>How often kill asks whether the topology is gone.</summary>
    public static readonly TimeSpan KillPollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How much longer than the drain timeout kill waits for the topology to be gone.</summary>
    public static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);

    /// <summary>Runs the verb on the console; Ctrl+C stops waiting for a kill (the kill goes on in the engine).</summary>
    public static Task<int> RunOnConsole(IReadOnlyList<string> args) =>
        ConsoleVerb.Run((output, error, cancellation) => Run(args, output, error, cancellation));

    /// <param name="args">The arguments after <c>topology</c>.</param>
    /// <param name="output">Answers, tables and kill's progress.</param>
    /// <param name="error">What went wrong.</param>
    /// <param name="cancellation">Stops the calls and kill's wait.</param>
    public static async Task<int> Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (TopologyOptions.IsHelp(args))
        {
            await output.WriteLineAsync(TopologyOptions.Usage).ConfigureAwait(false);
            return 0;
        }

        if (TopologyOptions.Parse(args, Environment.GetEnvironmentVariable, out var problem) is not { } options)
        {
            await error.WriteLineAsync($"{problem}\nRun 'streamengine topology --help' for every action and option.").ConfigureAwait(false);
            return 2;
        }

        try
        {
            using var api = await TopologyApiClient.Login(options, cancellation).ConfigureAwait(false);
            foreach (var line in await Act(api, options, output, cancellation).ConfigureAwait(false))
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return 0;
        }
        catch (CommandFailedException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await error.WriteLineAsync("Stopped waiting; what was asked of the engine goes on. See where it is with 'streamengine topology list'.").ConfigureAwait(false);
            return 1;
        }
    }

    /// <returns>The lines to print last.</returns>
    private static async Task<IReadOnlyList<string>> Act(TopologyApiClient api, TopologyOptions options, TextWriter output, CancellationToken cancellation)
    {
        var arguments = options.Arguments;
        return options.Action switch
        {
            "deploy" => [await api.Deploy(await Document(arguments[0], cancellation).ConfigureAwait(false),
                DefinitionDocuments.FormatOf(arguments[0]) == DefinitionFormat.Json, cancellation).ConfigureAwait(false)],
            "list" => ListLines(await api.List(cancellation).ConfigureAwait(false)),
            "describe" => DescribeLines(await api.Describe(arguments[0], cancellation).ConfigureAwait(false)),
            "rebalance" => [await api.Act(arguments[0], "rebalance", "?parallelism=" + Uri.EscapeDataString(arguments[1]), cancellation).ConfigureAwait(false)],
            "kill" => await Kill(api, arguments[0], options.WaitSeconds, output, cancellation).ConfigureAwait(false),
            _ => [await api.Act(arguments[0], options.Action, "", cancellation).ConfigureAwait(false)],
        };
    }

    private static async Task<string> Document(string file, CancellationToken cancellation)
    {
        if (DefinitionDocuments.FormatOf(file) is null)
        {
            throw new CommandFailedException($"'{file}' is neither YAML nor JSON by its name; deploy a *.yaml, *.yml or *.json file.");
        }

        try
        {
            return await File.ReadAllTextAsync(file, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"Could not read '{file}': {e.Message}. Check the path (relative to {Environment.CurrentDirectory}).", e);
        }
    }

    private static IReadOnlyList<string> ListLines(IReadOnlyList<TopologySummary> topologies) => topologies.Count == 0
        ? ["No topologies are deployed. Deploy one with 'streamengine topology deploy FILE'."]
        : TextTable.Lines(
            ["NAME", "KIND", "STATUS", "WORKERS", "SOURCE", "GROUP", "CONSUMED", "COMPLETED"],
            [.. topologies.Select(t => (IReadOnlyList<string>)[
                t.Name, t.Kind.ToString(), t.Status.ToString(), $"{t.WorkersRunning}/{t.Parallelism}", t.Source, t.Group, Count(t.Consumed), Count(t.Completed)])]);

    private static IReadOnlyList<string> DescribeLines(TopologyDescription description)
    {
        var s = description.Summary;
        string[] summary =
        [
            $"Name:         {s.Name}",
            $"Kind:         {s.Kind}",
            $"Status:       {s.Status}",
            $"Parallelism:  {s.Parallelism} ({s.WorkersRunning} running)",
            $"Source:       {s.Source}",
            $"Group:        {s.Group}",
            $"Consumed:     {Count(s.Consumed)}",
            $"Completed:    {Count(s.Completed)}",
            "",
        ];
        if (description.Workers.Count == 0)
        {
            return [.. summary, "No worker has reported yet."];
        }

        IReadOnlyList<string> workers = TextTable.Lines(
            ["INDEX", "NODE", "STATE", "RESTARTS", "CONSUMED", "COMPLETED", "LAST ERROR"],
            [.. description.Workers.OrderBy(w => w.Index).Select(w => (IReadOnlyList<string>)[
                Count(w.Index), w.Node, w.State.ToString(), Count(w.Restarts), Count(w.Consumed), Count(w.Completed), w.LastError ?? "-"])]);
        return description.Metrics is { } metrics ? [.. summary, .. workers, "", .. MetricLines(metrics)] : [.. summary, .. workers];
    }

    /// <summary>Storm-UI style: each stage's counts, latency and capacity; dead letters by reason; the group's lag per partition.</summary>
    private static IReadOnlyList<string> MetricLines(TopologyMetricsSnapshot metrics)
    {
        var stages = TextTable.Lines(
            ["STAGE", "IN", "OUT", "FAILURES", "P50 MS", "P99 MS", "CAPACITY"],
            [.. metrics.Stages.Select(stage => (IReadOnlyList<string>)[
                stage.Name, Count(stage.In), Count(stage.Out), Count(stage.Failures),
                stage.P50Ms.ToString("0.###", CultureInfo.InvariantCulture), stage.P99Ms.ToString("0.###", CultureInfo.InvariantCulture),
                stage.Capacity.ToString("0.000", CultureInfo.InvariantCulture)])]);
        var deadLetters = metrics.DeadLettersByReason.Count == 0
            ? "Dead letters: none"
            : "Dead letters: " + string.Join(", ", metrics.DeadLettersByReason.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {Count(d.Value)}"));
        var lag = "Lag:          " + (metrics.Lag.Count == 0
            ? "no partition assigned"
            : string.Join(", ", metrics.Lag.OrderBy(l => l.Topic, StringComparer.Ordinal).ThenBy(l => l.Partition).Select(l => $"{l.Topic}/{Count(l.Partition)} {Count(l.Lag)}")));
        return [.. stages, "", deadLetters, lag];
    }

    /// <summary>Kills, then shows the workers still draining until the topology is gone or the wait and <see cref="KillGrace"/> are over.</summary>
    private static async Task<IReadOnlyList<string>> Kill(TopologyApiClient api, string name, int? waitSeconds, TextWriter output, CancellationToken cancellation)
    {
        var query = waitSeconds is { } seconds ? "?wait=" + Count(seconds) : "";
        await output.WriteLineAsync(await api.Act(name, "kill", query, cancellation).ConfigureAwait(false)).ConfigureAwait(false);
        var patience = (waitSeconds is { } wait ? TimeSpan.FromSeconds(wait) : StopWorker.DefaultDrainTimeout) + KillGrace;
        var waited = Stopwatch.StartNew();
        string? shown = null;
        while (await api.Find(name, cancellation).ConfigureAwait(false) is { } description)
        {
            var draining = description.Workers.Where(w => w.State != WorkerState.Stopped).OrderBy(w => w.Index).ToList();
            var progress = draining.Count == 0
                ? "Every worker stopped; waiting for the manager to forget the topology."
                : "Still draining: " + string.Join(", ", draining.Select(w => $"worker {w.Index} on {w.Node} ({w.State}, {Count(w.Completed)} completed)"));
            if (progress != shown)
            {
                await output.WriteLineAsync(progress).ConfigureAwait(false);
                shown = progress;
            }

            if (waited.Elapsed > patience)
            {
                throw new CommandFailedException(
                    $"Topology '{name}' is still deployed {patience.TotalSeconds:0} s after the kill; see why with 'streamengine topology describe {name}' (a worker's last error) and kill it again.");
            }

            await Task.Delay(KillPollInterval, cancellation).ConfigureAwait(false);
        }

        return [$"Topology '{name}' is gone."];
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
