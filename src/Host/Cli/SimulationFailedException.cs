namespace StreamEngine.Host.Cli;

/// <summary>The <c>simulate</c> verb could not do its job; the message says what went wrong and what to do.</summary>
public sealed class SimulationFailedException : Exception
{
    public SimulationFailedException()
    {
    }

    public SimulationFailedException(string message)
        : base(message)
    {
    }

    public SimulationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
