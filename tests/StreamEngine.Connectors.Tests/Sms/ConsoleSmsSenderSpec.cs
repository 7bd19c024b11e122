using Microsoft.Extensions.Configuration;
using StreamEngine.Abstractions.Notifications;
using StreamEngine.Connectors.Sms;

namespace StreamEngine.Connectors.Tests.Sms;

public sealed class ConsoleSmsSenderSpec
{
    [Fact]
    public async Task Prints_each_sms_on_one_line_and_accepts_it()
    {
        using var output = new StringWriter();
        var sender = new ConsoleSmsSender(output);

        var first = await sender.Send(new SmsMessage("+351912345678", "Freezer 2 is too hot.\nCheck it.", "alert-1"));
        var second = await sender.Send(new SmsMessage("+351912345679", "Fridge 1 is back online.", "alert-2"));

        Assert.Equal(new SmsAccepted("console-1"), first);
        Assert.Equal(new SmsAccepted("console-2"), second);
        Assert.Equal(
            [
                "SMS to +351912345678 (alert alert-1, console-1): Freezer 2 is too hot. Check it.",
                "SMS to +351912345679 (alert alert-2, console-2): Fridge 1 is back online.",
            ],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Without_an_account_sid_the_console_sender_is_used()
    {
        using var http = new HttpClient();

        Assert.IsType<ConsoleSmsSender>(SmsSenders.Create(new SmsSettings(), http));
    }

    [Fact]
    public void Settings_come_from_the_sms_section_with_defaults()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sms:Twilio:AccountSid"] = "AC1",
                ["Sms:Twilio:AuthToken"] = "token",
                ["Sms:Twilio:From"] = "+15005550006",
                ["Sms:RatePerSecond"] = "2.5",
            })
            .Build();

        var settings = SmsSettings.FromConfiguration(configuration);

        Assert.Equal("AC1", settings.Twilio.AccountSid);
        Assert.Equal(new Uri("https://api.twilio.com"), settings.Twilio.BaseUrl);
        Assert.Equal(2.5, settings.RatePerSecond);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.RetryFor);
        using var http = new HttpClient();
        Assert.IsType<TwilioSmsSender>(SmsSenders.Create(settings, http));
    }
}
