namespace StreamEngine.Bench;

/// <summary>What a run measures.</summary>
internal enum BenchMode
{
    /// <summary>Produce everything first, then read it back as fast as each path can.</summary>
    Throughput,

    /// <summary>Produce at a fixed rate while each loop runs, so record age at the sink is end-to-end latency.</summary>
    Latency,

    /// <summary>
    /// No Kafka: each topology's graph alone, fed pre-built records from memory, into a counting sink (see GraphPath);
    /// its own capacity, with its real state store and HTTP stand-ins.
    /// </summary>
    Graph,

    /// <summary>No Kafka: time KairosDB API queries over HTTP against a filled SqliteMetricStore (see QueryBench).</summary>
    Query,

    /// <summary>
    /// The engine's cluster nodes in this process: the six built-in topologies on one node at once, and failover after a
    /// node crash on three (see ClusterBench).
    /// </summary>
    Cluster,

    /// <summary>Only the embedded Kafka backbone, until standard input ends: the child of <c>--kafka-process</c> (see KafkaProcess).</summary>
    Kafka,
}
