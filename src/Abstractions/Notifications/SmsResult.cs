namespace StreamEngine.Abstractions.Notifications;

/// <summary>What became of one SMS: <see cref="SmsAccepted"/> or <see cref="SmsRejected"/>.</summary>
public abstract record SmsResult
{
    private protected SmsResult()
    {
    }
}
