using StreamEngine.Host.Cluster;

namespace StreamEngine.Bench;

/// <summary>
/// <c>--mode cluster</c> (issue 6): the six built-in topologies on one node at once (<c>--paths six</c>), then
/// <c>--failovers</c> crashes of the node running raw, each on a fresh three-node cluster (<c>--paths failover</c>);
/// both when neither is named.
/// </summary>
internal static class ClusterBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var both = !options.Runs("six") && !options.Runs("failover");
        var ok = true;
        if (both || options.Runs("six"))
        {
            ok &= await new ClusterThroughput(options).RunAsync().ConfigureAwait(false);
        }

        if (both || options.Runs("failover"))
        {
            Console.WriteLine();
            var engine = new ClusterSettings();
            Console.WriteLine(
                $"Failover: 3 nodes, authentication + raw, {ClusterFailover.ReadingsPerSecond:N0} readings/s; the engine's failure detection "
                + $"({engine.FailureDetection.TotalSeconds:0} s) and down-after ({engine.DownAfter.TotalSeconds:0} s)");
            var failover = new ClusterFailover(options);
            for (var run = 1; run <= options.Failovers; run++)
            {
                ok &= await failover.RunOnceAsync(run).ConfigureAwait(false);
            }
        }

        return ok ? 0 : 1;
    }
}
