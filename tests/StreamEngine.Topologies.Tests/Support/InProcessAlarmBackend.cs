using StreamEngine.Abstractions.Notifications;
using StreamEngine.Abstractions.State;
using StreamEngine.Connectors.State;

namespace StreamEngine.Topologies.Tests.Support;

/// <summary>The embedded default: the in-process state on the spec's clock and an SMS sender that records.</summary>
public sealed class InProcessAlarmBackend(TimeProvider clock) : AlarmBackend
{
    private readonly InProcessAlarmState _state = new(clock);
    private readonly RecordingSms _sms = new();

    public override IAlarmState State => _state;

    public override ISmsSender Sms => _sms;

    public override IReadOnlyList<SmsMessage> Sent => [.. _sms.Sent];

    public override int SmsAttempts => _sms.Attempts;

    public override void SmsUnavailableFor(int attempts) => _sms.FailNext(attempts);

    public override void SmsRejectsNext(int code, string message) => _sms.Rejection = new SmsRejected(code, message);

    public override ValueTask DisposeAsync() => _state.DisposeAsync();
}
