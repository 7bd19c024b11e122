using System.Runtime;

namespace StreamEngine.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/StreamEngine.Bench -- --records 1000000 [--partitions 64] [--mode throughput|latency|graph|query|cluster]</c>
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        if (options.Mode == BenchMode.Kafka)
        {
            return await KafkaProcess.Serve(options).ConfigureAwait(false);
        }

        Console.WriteLine($"StreamEngine bench: {options}");
        if (options.Allocations)
        {
            AllocationSampler.Start();
        }

        Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, server GC {GCSettings.IsServerGC}, latency mode {GCSettings.LatencyMode}");
        if (options.Mode == BenchMode.Query)
        {
            return await QueryBench.RunAsync(options).ConfigureAwait(false);
        }

        if (options.Mode == BenchMode.Cluster)
        {
            return await ClusterBench.RunAsync(options).ConfigureAwait(false);
        }

        var results = await new BenchRun(options).RunAsync().ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine(ResultTable.Render(results, options.Mode));
        foreach (var result in results)
        {
            Console.WriteLine($"- {result.Path}: {result.Cpu}");
            if (result.Outcome is { } outcome)
            {
                Console.WriteLine($"  {outcome}");
            }
        }

        return results.Any(r => r.Records < options.Records) ? 1 : 0;
    }
}
