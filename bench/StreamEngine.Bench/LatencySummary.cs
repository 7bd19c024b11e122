namespace StreamEngine.Bench;

/// <summary>Percentiles of record age (sink time − Kafka timestamp), milliseconds.</summary>
/// <param name="Samples">Records measured.</param>
/// <param name="P50">Median age.</param>
/// <param name="P99">99th percentile age.</param>
/// <param name="Max">Oldest.</param>
/// <param name="ByPeriod">p50/p99 of the records written in each 5 s of the run, when measured.</param>
internal readonly record struct LatencySummary(int Samples, int P50, int P99, int Max, string? ByPeriod = null);
