namespace StreamEngine.Abstractions.Notifications;

/// <summary>
/// The SMS provider could not be reached or kept failing (5xx, 429, connection errors) until the sender's retry
/// budget ran out. The message may or may not have been sent; the caller backs off and retries later.
/// </summary>
public sealed class SmsUnavailableException : Exception
{
    public SmsUnavailableException()
    {
    }

    public SmsUnavailableException(string message)
        : base(message)
    {
    }

    public SmsUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
