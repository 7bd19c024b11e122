namespace StreamEngine.Topologies.Metrics;

/// <summary>One stage's counts at one moment, Storm-UI style; plain data, serializable as JSON.</summary>
/// <param name="Name">The stage's name.</param>
/// <param name="In">Elements that entered the stage.</param>
/// <param name="Out">Elements the stage emitted (a batching stage emits fewer than it takes in, a splitting one more).</param>
/// <param name="Failures">Elements the stage's function threw or faulted on.</param>
/// <param name="P50Ms">Median latency in milliseconds since the start (bucket upper bound, at most 12.5 % high); 0 for a stage without latency.</param>
/// <param name="P99Ms">99th percentile latency in milliseconds, as <paramref name="P50Ms"/>.</param>
/// <param name="Capacity">
/// Busy time over wall time in the last 10 s, as Storm's capacity: near 1 means the stage is the bottleneck. An
/// asynchronous stage with several elements in flight counts each element's time, so it can exceed 1.
/// </param>
public sealed record StageMetrics(string Name, long In, long Out, long Failures, double P50Ms, double P99Ms, double Capacity);
