namespace StreamEngine.Abstractions.Messaging;

/// <summary>Builds <see cref="ProducerEnvelope{TPass}"/>s: one record, several, or none (pass the value straight on).</summary>
public static class ProducerEnvelope
{
    public static ProducerEnvelope<TPass> Of<TPass>(ProducerRecord record, TPass passThrough) =>
        new([record], passThrough);

    public static ProducerEnvelope<TPass> OfMany<TPass>(IReadOnlyList<ProducerRecord> records, TPass passThrough) =>
        new(records, passThrough);

    public static ProducerEnvelope<TPass> PassThrough<TPass>(TPass passThrough) =>
        new(Array.Empty<ProducerRecord>(), passThrough);
}
