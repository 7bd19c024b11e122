using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamEngine.Abstractions.Messaging;
using StreamEngine.Connectors.Kafka.Settings;

namespace StreamEngine.Connectors.Kafka.Stages;

/// <summary>
/// Owns one Kafka consumer and the thread that polls it. Hands batches of records to the source stage, stops
/// polling while the stage is behind and pauses its partitions if it stays behind (then polling on, so rebalances
/// and the group session go on), stores offsets only for partitions it owns, and on a revocation waits until the
/// stage has dropped what it buffered of those partitions before giving them up.
/// </summary>
internal sealed class ConsumerWorker : IOffsetCommitter, IConsumerControl
{
    private static readonly TimeSpan RevokeHandshakeTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PauseAfter = TimeSpan.FromSeconds(1);

    private readonly ConsumerSettings _settings;
    private readonly IReadOnlyCollection<string> _topics;

    /// <summary>The topic, when the consumer reads exactly one by name (not a <c>^</c> pattern); else null.</summary>
    private readonly string? _onlyTopic;
    private readonly ILogger _logger;
    private readonly PartitionOwnership _ownership = new();
    private readonly PartitionLagTracker _lag = new();
    private readonly ConcurrentQueue<RecordBatch> _batches = new();
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _sourceStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _consumerLock = new();
    private readonly object _spaceGate = new();
    private readonly List<CommittableMessage> _pending;
    private IConsumer<byte[]?, byte[]>? _consumer;
    private volatile ISourceLink? _link;
    private volatile bool _stopFetching;
    private volatile bool _shutdownRequested;
    private int _buffered;
    private long _behindSince;
    private int _stageWaiting;
    private int _assignmentVersion;
    private int _pausedVersion = -1;
    private long _currentEpoch;

    public ConsumerWorker(ConsumerSettings settings, IReadOnlyCollection<string> topics, ILogger logger)
    {
        _settings = settings;
        _topics = topics;
        _onlyTopic = topics.Count == 1 && topics.First() is var topic && !topic.StartsWith('^') ? topic : null;
        _logger = logger;
        _pending = new List<CommittableMessage>(settings.MaxBatchSize);
    }

    public IReadOnlyCollection<PartitionId> AssignedPartitions => _ownership.Assigned;

    public Task IsShutdown => _shutdown.Task;

    public IReadOnlyList<PartitionLag> Lag => _lag.Lag;

    /// <summary>Connects the running stage and starts polling.</summary>
    public void Start(ISourceLink link)
    {
        _link = link;
        var thread = new Thread(Run) { IsBackground = true, Name = $"kafka-consumer-{_settings.GroupId}" };
        thread.Start();
    }

    /// <summary>The stage stopped. If nobody asked to drain, the stream is gone for good: close the consumer.</summary>
    public void Detach()
    {
        _link = null;
        _sourceStopped.TrySetResult();
        if (!_stopFetching)
        {
            _shutdownRequested = true;
        }
    }

    public RecordBatch? TryTake()
    {
        if (!_batches.TryDequeue(out var batch))
        {
            return null;
        }

        if (Interlocked.Add(ref _buffered, -batch.Messages.Length) < _settings.MaxBufferedRecords)
        {
            lock (_spaceGate)
            {
                Monitor.PulseAll(_spaceGate);
            }
        }

        return batch;
    }

    /// <summary>The stage found no batch: the next queued one will signal it.</summary>
    public void MarkWaiting() => Volatile.Write(ref _stageWaiting, 1);

    public void ClearWaiting() => Volatile.Write(ref _stageWaiting, 0);

    public bool HasBatches => !_batches.IsEmpty;

    public Task StopFetching()
    {
        _stopFetching = true;
        _link?.Complete();
        return _sourceStopped.Task;
    }

    public Task Shutdown()
    {
        _stopFetching = true;
        _shutdownRequested = true;
        _link?.Complete();
        return _shutdown.Task;
    }

    public CommitOutcome Commit(IEnumerable<CommittableOffset> offsets)
    {
        lock (_consumerLock)
        {
            var consumer = _consumer;
            if (consumer is null)
            {
                return new CommitOutcome(0, offsets.Count());
            }

            return _ownership.StoreOwned(offsets, offset => Store(consumer, offset, _lag));
        }
    }

    private static bool Store(IConsumer<byte[]?, byte[]> consumer, CommittableOffset offset, PartitionLagTracker lag)
    {
        try
        {
            consumer.StoreOffset(new TopicPartitionOffset(offset.Partition.Topic, offset.Partition.Partition, offset.Offset + 1));
            lag.Stored(offset.Partition, offset.Offset);
            return true;
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_State)
        {
            // librdkafka no longer has the partition assigned: the new owner will process it again.
            return false;
        }
    }

    private void Run()
    {
        IConsumer<byte[]?, byte[]>? consumer = null;
        try
        {
            consumer = new ConsumerBuilder<byte[]?, byte[]>(_settings.ToConsumerConfig(topicKnown: _onlyTopic is not null))
                .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
                .SetPartitionsRevokedHandler((c, partitions) => OnRevoked(c, [.. partitions.Select(p => p.TopicPartition)]))
                .SetPartitionsLostHandler((c, partitions) => OnRevoked(c, [.. partitions.Select(p => p.TopicPartition)]))
                .SetErrorHandler((_, error) => OnError(error))
                .SetLogHandler((_, message) => OnClientLog(message))
                .Build();
            lock (_consumerLock)
            {
                _consumer = consumer;
            }

            consumer.Subscribe(_topics);
            Poll(consumer);
            // Close commits what was stored, runs the revoke handler and leaves the group.
            consumer.Close();
        }
        catch (Exception e)
        {
            // This thread is the consumer's own: whatever goes wrong must fail the stream, never the process.
            KafkaLog.ConsumerFailed(_logger, e, _settings.GroupId);
            _link?.Fail(e);
        }
        finally
        {
            lock (_consumerLock)
            {
                _consumer = null;
                consumer?.Dispose();
            }

            _shutdown.TrySetResult();
        }
    }

    private void Poll(IConsumer<byte[]?, byte[]> consumer)
    {
        while (!_shutdownRequested)
        {
            if (WaitForSpace())
            {
                continue;
            }

            _lag.Refresh(consumer, _ownership);
            var paused = ApplyBackpressure(consumer);
            var timeout = paused ? TimeSpan.FromMilliseconds(10) : _pending.Count > 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(100);
            ConsumeResult<byte[]?, byte[]>? result;
            try
            {
                result = consumer.Consume(timeout);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                KafkaLog.ConsumerTransientError(_logger, _settings.GroupId, e.Error.Reason);
                continue;
            }

            if (result is null || _stopFetching)
            {
                FlushPending();
                continue;
            }

            _pending.Add(ToMessage(result));
            if (_pending.Count >= _settings.MaxBatchSize)
            {
                FlushPending();
            }
        }

        FlushPending();
    }

    private CommittableMessage ToMessage(ConsumeResult<byte[]?, byte[]> result)
    {
        // The topic is null when it was not copied (one topic, known: see ToConsumerConfig).
        var topic = result.Topic ?? _onlyTopic!;
        var partition = new PartitionId(topic, result.Partition.Value);
        var record = new ConsumedRecord(topic, result.Partition.Value, result.Offset.Value,
            result.Message.Key, result.Message.Value ?? [], result.Message.Timestamp.UnixTimestampMs);
        return new CommittableMessage(record, new CommittableOffset(this, partition, result.Offset.Value, _currentEpoch));
    }

    private void FlushPending()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var batch = new RecordBatch(_currentEpoch, [.. _pending]);
        _pending.Clear();
        Interlocked.Add(ref _buffered, batch.Messages.Length);
        _batches.Enqueue(batch);
        if (Interlocked.Exchange(ref _stageWaiting, 0) == 1)
        {
            _link?.DataAvailable();
        }
    }

    /// <summary>
    /// While the buffer is full, waits briefly for the stage to take a batch instead of polling: librdkafka's own
    /// fetch queue fills and its fetchers hold back by themselves. True means: look again before polling.
    /// Only when the stage stays behind for <see cref="PauseAfter"/> does the consumer pause (see
    /// <see cref="ApplyBackpressure"/>): pausing drops librdkafka's prefetched records, which then have to be
    /// fetched again, and not polling for long would hold up rebalances.
    /// </summary>
    private bool WaitForSpace()
    {
        if (_stopFetching || Volatile.Read(ref _buffered) < _settings.MaxBufferedRecords)
        {
            _behindSince = 0;
            return false;
        }

        var now = Environment.TickCount64;
        if (_behindSince == 0)
        {
            _behindSince = now;
        }

        if (now - _behindSince >= (long)PauseAfter.TotalMilliseconds)
        {
            return false;
        }

        lock (_spaceGate)
        {
            if (Volatile.Read(ref _buffered) >= _settings.MaxBufferedRecords)
            {
                Monitor.Wait(_spaceGate, TimeSpan.FromMilliseconds(20));
            }
        }

        return true;
    }

    /// <summary>Pauses every assigned partition while the stage has been behind too long or fetching has stopped; resumes at half.</summary>
    private bool ApplyBackpressure(IConsumer<byte[]?, byte[]> consumer)
    {
        var buffered = Volatile.Read(ref _buffered);
        var paused = _pausedVersion >= 0;
        var mustPause = _stopFetching || (buffered >= _settings.MaxBufferedRecords && _behindSince != 0);
        if (mustPause && _pausedVersion != _assignmentVersion)
        {
            consumer.Pause(consumer.Assignment);
            _pausedVersion = _assignmentVersion;
            return true;
        }

        if (paused && !mustPause && buffered <= _settings.MaxBufferedRecords / 2)
        {
            consumer.Resume(consumer.Assignment);
            _pausedVersion = -1;
            return false;
        }

        return paused;
    }

    private void OnAssigned(IEnumerable<TopicPartition> partitions)
    {
        FlushPending();
        var assigned = partitions.Select(p => new PartitionId(p.Topic, p.Partition.Value)).ToList();
        _currentEpoch = _ownership.Assign(assigned);
        _assignmentVersion++;
        KafkaLog.Assigned(_logger, _settings.GroupId, assigned);
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]> consumer, List<TopicPartition> partitions)
    {
        FlushPending();
        if (_pausedVersion >= 0)
        {
            // librdkafka keeps a partition's pause across unassign and a later assign: lift it while it is still ours.
            consumer.Resume(partitions);
        }

        var revoked = partitions.Select(p => new PartitionId(p.Topic, p.Partition.Value)).ToList();
        var revokedAt = _ownership.NextEpoch;
        var link = _link;
        if (link is not null)
        {
            // The stage must have dropped every buffered record of these partitions before they go to another
            // consumer; waiting here holds the rebalance until it has.
            Task.WaitAny([link.Revoke(revoked, revokedAt), _sourceStopped.Task], RevokeHandshakeTimeout);
        }

        _ownership.Revoke(revoked);
        _lag.Revoked(revoked);
        _currentEpoch = _ownership.Epoch;
        _assignmentVersion++;
        KafkaLog.Revoked(_logger, _settings.GroupId, revoked);
    }

    /// <summary>
    /// librdkafka's own log: kept at debug level, except its warning that it moved a partition's position because Kafka
    /// no longer had the offset to read (auto.offset.reset after OFFSET_OUT_OF_RANGE): that means records deleted
    /// before this group read them, which must not pass unseen.
    /// </summary>
    private void OnClientLog(LogMessage message)
    {
        if (message.Facility == "OFFSET" && message.Level <= SyslogLevel.Warning)
        {
            KafkaLog.OffsetReset(_logger, _settings.GroupId, message.Message);
        }
        else
        {
            KafkaLog.ClientLog(_logger, message.Facility, message.Message);
        }
    }

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            KafkaLog.ConsumerFatalError(_logger, _settings.GroupId, error.Reason);
            _link?.Fail(new KafkaException(error));
            _shutdownRequested = true;
        }
        else
        {
            KafkaLog.ConsumerTransientError(_logger, _settings.GroupId, error.Reason);
        }
    }
}
