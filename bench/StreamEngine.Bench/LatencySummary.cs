namespace StreamEngine.Bench;

/// <summary>Percentiles of record age (sink time − Kafka timestamp), milliseconds.</summary>
internal readonly record struct LatencySummary(int Samples, int P50, int P99, int Max);
