namespace StreamEngine.Bench;

/// <summary>The Akka path's per-record work alone, in memory on one thread: what parsing costs without Kafka or Akka.</summary>
internal static class ParseOnly
{
    public static PathResult Run(int records)
    {
        const int distinct = 10_000;
        var values = Enumerable.Range(0, distinct).Select(i => ReadingGenerator.Value(i, 1_732_300_000_000)).ToArray();
        var mapper = new ReadingToEnvelope("out", new PathClock());
        var clock = new PathClock();
        clock.FirstRecord();
        long checksum = 0;
        for (var i = 0; i < records; i++)
        {
            var record = new Abstractions.Messaging.ConsumedRecord("in", 0, i, null, values[i % distinct], 0);
            var envelope = mapper.Map(new Abstractions.Messaging.CommittableMessage(record, null!));
            checksum += envelope.Records[0].Key!.Length;
        }

        GC.KeepAlive(checksum);
        return clock.Finish("parse + envelope only (in memory)", records);
    }
}
