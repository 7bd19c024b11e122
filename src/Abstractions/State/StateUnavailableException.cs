namespace StreamEngine.Abstractions.State;

/// <summary>
/// The state store (Redis) could not be reached or did not answer in time. The operation may or may not have been
/// applied; every state operation is safe to repeat, so the caller backs off and retries it.
/// </summary>
public sealed class StateUnavailableException : Exception
{
    public StateUnavailableException()
    {
    }

    public StateUnavailableException(string message)
        : base(message)
    {
    }

    public StateUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
