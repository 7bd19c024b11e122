namespace StreamEngine.Bench;

/// <summary>Where the thresholds and alerts topologies keep their state (cooldowns, last-seen times).</summary>
internal enum BenchState
{
    /// <summary>A private redis-server the bench starts on a free port, as production runs it.</summary>
    Redis,

    /// <summary>The engine's in-process state, the embedded default without Redis.</summary>
    InProcess,
}
