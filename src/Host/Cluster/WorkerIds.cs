namespace StreamEngine.Host.Cluster;

/// <summary>Entity ids of workers: <c>topology#index</c> (a topology name holds no <c>#</c>).</summary>
public static class WorkerIds
{
    public static string Of(string topology, int index) => FormattableString.Invariant($"{topology}#{index}");
}
