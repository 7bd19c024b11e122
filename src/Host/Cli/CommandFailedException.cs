namespace StreamEngine.Host.Cli;

/// <summary>A CLI verb (<c>simulate</c>, <c>topology</c>) could not do its job; the message says what went wrong and what to do.</summary>
public sealed class CommandFailedException : Exception
{
    public CommandFailedException()
    {
    }

    public CommandFailedException(string message)
        : base(message)
    {
    }

    public CommandFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
