using StreamEngine.Abstractions.Notifications;
using StreamEngine.Host.Topologies;

namespace StreamEngine.Host.Tests.Topologies;

public sealed class CountingSmsSenderTests
{
    [Fact]
    public async Task Counts_what_the_provider_accepted_and_rejected_and_passes_its_answer_on()
    {
        var sms = new CountingSmsSender(new AnswersByNumber());

        Assert.IsType<SmsAccepted>(await sms.Send(new SmsMessage("+351900000001", "ALERT", "a1")));
        Assert.IsType<SmsAccepted>(await sms.Send(new SmsMessage("+351900000002", "ALERT", "a2")));
        Assert.Equal(new SmsRejected(21211, "invalid To"), await sms.Send(new SmsMessage("+0", "ALERT", "a3")));

        Assert.Equal((2, 1), (sms.Accepted, sms.Rejected));
    }

    private sealed class AnswersByNumber : ISmsSender
    {
        public Task<SmsResult> Send(SmsMessage message, CancellationToken cancellation = default) =>
            Task.FromResult<SmsResult>(message.To == "+0" ? new SmsRejected(21211, "invalid To") : new SmsAccepted("SM" + message.AlertId));
    }
}
