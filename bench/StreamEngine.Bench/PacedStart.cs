namespace StreamEngine.Bench;

/// <summary>A paced producer started on demand (when a loop's consumer is assigned), on a thread of its own.</summary>
internal sealed class PacedStart(string bootstrapServers, string topic, int records, int perSecond, Func<long, long, InputRecord>? make = null)
{
    private readonly TaskCompletionSource<PathResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    public Task<PathResult> Completion => _completion.Task;

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        var thread = new Thread(() =>
        {
            try
            {
                _completion.SetResult(new RawProduce(bootstrapServers, make).RunPaced(topic, records, perSecond));
            }
            catch (Exception e) when (e is Confluent.Kafka.KafkaException or InvalidOperationException)
            {
                _completion.SetException(e);
            }
        })
        { IsBackground = true, Name = "paced-producer" };
        thread.Start();
    }
}
