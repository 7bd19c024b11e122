using Confluent.Kafka;

namespace StreamEngine.Bench;

/// <summary>Produces one record, waiting while librdkafka's local queue is full instead of failing.</summary>
internal static class QueueFullRetry
{
    public static void Produce(
        IProducer<byte[], byte[]> producer, string topic, Message<byte[], byte[]> message, Action<DeliveryReport<byte[], byte[]>> onDelivered)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, onDelivered);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }
}
