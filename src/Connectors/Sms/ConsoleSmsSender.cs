using System.Globalization;
using StreamEngine.Abstractions.Notifications;

namespace StreamEngine.Connectors.Sms;

/// <summary>
/// The embedded default when no Twilio account is configured: prints each SMS (recipient, alert id, text) as one line
/// and accepts it with a made-up id <c>console-N</c>. Never rejects and never throws.
/// </summary>
public sealed class ConsoleSmsSender : ISmsSender
{
    private readonly Lock _gate = new();
    private readonly TextWriter _output;
    private long _sent;

    public ConsoleSmsSender(TextWriter? output = null)
    {
        _output = output ?? Console.Out;
    }

    public Task<SmsResult> Send(SmsMessage message, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        string id;
        lock (_gate)
        {
            id = string.Create(CultureInfo.InvariantCulture, $"console-{++_sent}");
            _output.WriteLine($"SMS to {message.To} (alert {message.AlertId}, {id}): {message.Body.ReplaceLineEndings(" ")}");
            _output.Flush();
        }

        return Task.FromResult<SmsResult>(new SmsAccepted(id));
    }
}
