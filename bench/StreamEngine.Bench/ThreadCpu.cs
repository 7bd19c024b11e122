using System.Globalization;
using System.Text;

namespace StreamEngine.Bench;

/// <summary>
/// CPU time per thread of this process (Linux <c>/proc/self/task</c>), grouped by thread name, plus GC pauses,
/// collections and the managed bytes allocated: a poor man's profile of where a path spends its cores. Take one before a path and diff after.
/// </summary>
internal sealed class ThreadCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly Dictionary<int, (string Name, long Ticks)> _threads;
    private readonly TimeSpan _gcPause = GC.GetTotalPauseDuration();
    private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly DateTime _at = DateTime.UtcNow;
    private readonly long _allocated = GC.GetTotalAllocatedBytes();
    private readonly IReadOnlyDictionary<string, long>? _allocations = AllocationSampler.Current?.Snapshot();

    private ThreadCpu(Dictionary<int, (string Name, long Ticks)> threads) => _threads = threads;

    public static ThreadCpu Take() => new(ReadThreads());

    /// <summary>What was spent since this snapshot, biggest consumers first.</summary>
    public string Since()
    {
        var now = ReadThreads();
        var wall = (DateTime.UtcNow - _at).TotalSeconds;
        var byGroup = now
            .Select(t => (Group: GroupOf(t.Value.Name), Ticks: t.Value.Ticks - (_threads.TryGetValue(t.Key, out var before) && before.Name == t.Value.Name ? before.Ticks : 0)))
            .GroupBy(t => t.Group)
            .Select(g => (Group: g.Key, Seconds: g.Sum(t => t.Ticks) / TicksPerSecond))
            .Where(g => g.Seconds >= 0.05)
            .OrderByDescending(g => g.Seconds)
            .ToList();
        var total = byGroup.Sum(g => g.Seconds);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"cpu {total:0.0} s in {wall:0.0} s wall ({total / wall:0.00} cores): ");
        text.AppendJoin(", ", byGroup.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Group} {g.Seconds:0.0}")));
        text.Append(CultureInfo.InvariantCulture,
            $"; GC pauses {(GC.GetTotalPauseDuration() - _gcPause).TotalSeconds:0.00} s, gen0/1/2 {GC.CollectionCount(0) - _collections[0]}/{GC.CollectionCount(1) - _collections[1]}/{GC.CollectionCount(2) - _collections[2]}, allocated {(GC.GetTotalAllocatedBytes() - _allocated) / 1e6:N0} MB");
        if (AllocationSampler.Current is { } sampler && _allocations is not null)
        {
            text.Append("; ").Append(sampler.TopSince(_allocations));
        }

        return text.ToString();
    }

    private static string GroupOf(string name) => name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ' ', '-', '#') switch
    {
        var n when n.StartsWith("rdk:broker", StringComparison.Ordinal) => "librdkafka broker threads",
        var n when n.StartsWith("rdk:mock", StringComparison.Ordinal) => "mock cluster",
        var n when n.StartsWith("rdk:main", StringComparison.Ordinal) => "librdkafka main threads",
        var n when n.StartsWith(".NET TP Worker", StringComparison.Ordinal) => "thread pool (Akka actors)",
        var n when n.StartsWith(".NET Server GC", StringComparison.Ordinal) => "server GC",
        var n when n.StartsWith(".NET Long", StringComparison.Ordinal) => "Confluent delivery-report poll",
        var n when n.StartsWith(".NET Tiered", StringComparison.Ordinal) => "JIT",
        var n when n.StartsWith("kafka-consumer", StringComparison.Ordinal) => "engine consumer poll thread",
        var n => n,
    };

    private static Dictionary<int, (string Name, long Ticks)> ReadThreads()
    {
        var threads = new Dictionary<int, (string, long)>();
        const string root = "/proc/self/task";
        if (!Directory.Exists(root))
        {
            return threads;
        }

        foreach (var dir in Directory.EnumerateDirectories(root))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                // After "(comm) ": state is field 0, utime field 11, stime field 12.
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                threads[int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture)] = (stat[(open + 1)..close], ticks);
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }

        return threads;
    }
}
