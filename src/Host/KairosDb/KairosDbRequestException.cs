namespace StreamEngine.Host.KairosDb;

/// <summary>
/// A KairosDB API request that cannot be served as sent: answered 400 with KairosDB's <c>{"errors": [message]}</c>.
/// The message names the offending field as KairosDB does (<c>query.metric[0].aggregators[0].sampling.unit …</c>)
/// and says what to send instead.
/// </summary>
public sealed class KairosDbRequestException : Exception
{
    public KairosDbRequestException()
        : base("The KairosDB request is invalid: check it against docs/kairosdb-api.md.")
    {
    }

    public KairosDbRequestException(string message)
        : base(message)
    {
    }

    public KairosDbRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
