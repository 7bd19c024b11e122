using System.Diagnostics;
using System.Globalization;
using StreamEngine.Host.Simulator;

namespace StreamEngine.Host.Cli;

/// <summary>
/// <c>streamengine simulate</c> (thesis 8.1.1): registers simulated gateways and devices through the admin API, or
/// reuses those of its state file, then publishes their reports to Kafka — a deterministic scenario with its
/// expected outcome, or a random workload at a rate. Exit codes: 0 done, 1 failed, 2 bad options.
/// </summary>
public static class SimulateCommand
{
    public const string Verb = "simulate";

    /// <summary>Runs the verb on the console; Ctrl+C ends a random run early, with its summary.</summary>
    public static Task<int> RunOnConsole(IReadOnlyList<string> args) =>
        ConsoleVerb.Run((output, error, cancellation) => Run(args, output, error, cancellation));

    /// <param name="args">The arguments after <c>simulate</c>.</param>
    /// <param name="output">Progress, summary and expected outcome.</param>
    /// <param name="error">What went wrong.</param>
    /// <param name="cancellation">Stops a random run early.</param>
    public static async Task<int> Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (SimulateOptions.IsHelp(args))
        {
            await output.WriteLineAsync(SimulateOptions.Usage).ConfigureAwait(false);
            return 0;
        }

        if (SimulateOptions.Parse(args, Environment.GetEnvironmentVariable, out var problem) is not { } options)
        {
            await error.WriteLineAsync($"{problem}\nRun 'streamengine simulate --help' for every option.").ConfigureAwait(false);
            return 2;
        }

        try
        {
            await Simulate(options, output, cancellation).ConfigureAwait(false);
            return 0;
        }
        catch (CommandFailedException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await error.WriteLineAsync("Stopped before the fleet was ready; nothing was published.").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task Simulate(SimulateOptions options, TextWriter output, CancellationToken cancellation)
    {
        using var api = await AdminApiClient.Login(options.Api, options.User, options.Password, cancellation).ConfigureAwait(false);
        var (fleet, state, reused, created) = await FleetProvisioner.Provision(
            api, FleetState.Load(options.StateFile), options.Gateways, options.Devices, options.Seed, cancellation).ConfigureAwait(false);
        state.Save(options.StateFile);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Fleet: {options.Gateways} gateways × {options.Devices} active devices + 1 inactive ({reused} reused, {created} created); ids and tokens in {Path.GetFullPath(options.StateFile)}"))
            .ConfigureAwait(false);

        using var publisher = new ReportPublisher(options.Bootstrap);
        var tally = new SimulationTally();
        if (options.Mode == SimulationMode.Deterministic)
        {
            foreach (var report in DeterministicScenario.Build(fleet, DateTimeOffset.UtcNow.ToUnixTimeSeconds()))
            {
                await publisher.Publish(report, CancellationToken.None).ConfigureAwait(false);
                tally.Add(report);
            }
        }
        else
        {
            await PublishRandom(options, fleet, publisher, tally, output, cancellation).ConfigureAwait(false);
        }

        using (var flush = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            publisher.Flush(flush.Token);
        }

        await output.WriteLineAsync($"Done: {tally.DescribeSent()}; Kafka acknowledged {publisher.Delivered}.").ConfigureAwait(false);
        await output.WriteLineAsync($"The engine should make of them: {tally.DescribeExpected()}.").ConfigureAwait(false);
        await output.WriteLineAsync($"Expected (JSON): {tally.ExpectedJson()}").ConfigureAwait(false);
    }

    /// <summary>Sends at the rate for the duration, catching up on a slow tick, and prints progress each second.</summary>
    private static async Task PublishRandom(
        SimulateOptions options, SimulatedFleet fleet, ReportPublisher publisher, SimulationTally tally, TextWriter output, CancellationToken cancellation)
    {
        var reports = new RandomReports(fleet, options.BadShare, options.Seed);
        var clock = Stopwatch.StartNew();
        var nextProgress = TimeSpan.FromSeconds(1);
        while (!cancellation.IsCancellationRequested && clock.Elapsed < options.Duration)
        {
            var due = (long)(Math.Min(clock.Elapsed.TotalSeconds, options.Duration.TotalSeconds) * options.Rate);
            while (tally.Sent < due)
            {
                var report = reports.Next(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
                await publisher.Publish(report, CancellationToken.None).ConfigureAwait(false);
                tally.Add(report);
            }

            if (clock.Elapsed >= nextProgress)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{clock.Elapsed.TotalSeconds:0}s: {tally.DescribeSent()}; Kafka acknowledged {publisher.Delivered}")).ConfigureAwait(false);
                nextProgress += TimeSpan.FromSeconds(1);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await output.WriteLineAsync("Stopped by Ctrl+C.").ConfigureAwait(false);
            }
        }
    }
}
