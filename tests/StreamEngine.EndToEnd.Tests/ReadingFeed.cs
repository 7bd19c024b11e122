using System.Text.Json;
using Confluent.Kafka;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Registry;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>
/// A gateway with registered, active devices sending one valid reading per report to <c>reports</c>, each at its own
/// (device, second), so that every reading is one raw row and one datapoint per metric. Counts what it sent.
/// </summary>
public sealed class ReadingFeed : IDisposable
{
    private readonly IProducer<string, string> _producer;
    private readonly IssuedCredentials _gateway;
    private readonly IReadOnlyList<IssuedCredentials> _devices;
    private readonly long _start = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private readonly Lock _producing = new();
    private bool _disposed;
    private long _sent;

    private ReadingFeed(string bootstrapServers, IssuedCredentials gateway, IReadOnlyList<IssuedCredentials> devices)
    {
        _producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 5 }).Build();
        _gateway = gateway;
        _devices = devices;
    }

    /// <summary>Readings sent and acknowledged by Kafka so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>The earliest and latest reading time, in ms, for metric queries.</summary>
    public (long StartMs, long EndMs) Span => ((_start - (Sent / _devices.Count) - 1) * 1000, (_start + 1) * 1000);

    public static async Task<ReadingFeed> Register(IRegistry registry, string bootstrapServers, int devices)
    {
        var gateway = await registry.CreateGateway();
        var registered = new List<IssuedCredentials>();
        for (var i = 0; i < devices; i++)
        {
            var device = await registry.CreateDevice();
            await registry.SetDeviceState(device.Id, true);
            registered.Add(device);
        }

        return new ReadingFeed(bootstrapServers, gateway, registered);
    }

    /// <summary>Sends <paramref name="count"/> readings and waits until Kafka has them all.</summary>
    /// <exception cref="ObjectDisposedException">The feed was disposed (a test ended while <see cref="Run"/> still sent).</exception>
    public void Send(int count, double temperature = 4.5)
    {
        // A producer disposed while it produces crashes librdkafka (and the test process): never both at once.
        lock (_producing)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Produce(count, temperature);
        }
    }

    private void Produce(int count, double temperature)
    {
        for (var i = 0; i < count; i++)
        {
            var n = Sent + i;
            var device = _devices[(int)(n % _devices.Count)];
            var report = JsonSerializer.Serialize(new
            {
                gateway = new { id = _gateway.Id, auth = _gateway.Token },
                device = new { id = device.Id, auth = device.Token },
                reading = new { temp = temperature, time = _start - (n / _devices.Count), batt = 80 },
            });
            _producer.Produce("reports", new Message<string, string> { Key = device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Value = report });
        }

        if (_producer.Flush(TimeSpan.FromSeconds(30)) != 0)
        {
            throw new InvalidOperationException("Kafka did not take the feed's reports within 30 s.");
        }

        Interlocked.Add(ref _sent, count);
    }

    /// <summary>Sends <paramref name="perBatch"/> readings on every 50 ms tick until <paramref name="stop"/> is cancelled.</summary>
    public Task Run(int perBatch, CancellationToken stop) => Task.Run(async () =>
    {
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        do
        {
            Send(perBatch);
        }
        while (!stop.IsCancellationRequested && await pace.WaitForNextTickAsync(CancellationToken.None));
    }, CancellationToken.None);

    /// <summary>How many datapoints of <paramref name="metric"/> (<c>temperature</c>, <c>battery</c>) in this feed's time span the metric store holds.</summary>
    public async Task<int> StoredPoints(IMetricStore store, string metric)
    {
        var (start, end) = Span;
        var result = await store.Query(new MetricQuery(metric, start, end));
        return result.Results.Sum(series => series.Values.Count);
    }

    public IssuedCredentials Device(int index) => _devices[index];

    public void Dispose()
    {
        lock (_producing)
        {
            _disposed = true;
            _producer.Dispose();
        }
    }
}
