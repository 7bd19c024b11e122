using System.Text;
using System.Text.Json;
using StreamEngine.Abstractions.Readings;

namespace StreamEngine.Abstractions.Tests.Readings;

public sealed class DeadLetterSpec
{
    private static DeadLetter WithPayload(string payload) =>
        new("reports/0/4711", "authentication", DeadLetterReason.Schema, "gateway: missing 'auth'", payload, 1732291201123);

    [Fact]
    public void A_dead_letter_is_written_with_the_design_field_names()
    {
        var json = Encoding.UTF8.GetString(DeadLetterJson.Serialize(WithPayload("{}")));

        Assert.Equal(
            """{"source":"reports/0/4711","topology":"authentication","reason":"schema","detail":"gateway: missing \u0027auth\u0027","payload":"{}","at":1732291201123}""",
            json);
    }

    [Fact]
    public void A_written_dead_letter_is_valid_JSON_that_keeps_its_text()
    {
        var letter = WithPayload("{\"a\":\"<é°\\\"\n\"}");

        using var document = JsonDocument.Parse(DeadLetterJson.Serialize(letter));

        Assert.Equal(letter.Payload, document.RootElement.GetProperty("payload").GetString());
        Assert.Equal(letter.Detail, document.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public void A_payload_of_64_KiB_is_kept_whole()
    {
        var payload = new string('a', DeadLetter.MaxPayloadBytes);

        Assert.Equal(payload, WithPayload(payload).Payload);
    }

    [Fact]
    public void A_payload_over_64_KiB_is_truncated_to_64_KiB()
    {
        var letter = WithPayload(new string('a', 200_000));

        Assert.Equal(65_536, letter.Payload.Length);
        Assert.Equal(DeadLetter.MaxPayloadBytes, Encoding.UTF8.GetByteCount(letter.Payload));
    }

    [Fact]
    public void Truncation_never_splits_a_character()
    {
        // 'a' then two-byte 'é's: the 64 KiB limit falls in the middle of one.
        var letter = WithPayload("a" + new string('é', 40_000));

        Assert.Equal(DeadLetter.MaxPayloadBytes - 1, Encoding.UTF8.GetByteCount(letter.Payload));
        Assert.EndsWith("é", letter.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', letter.Payload);
    }

    [Fact]
    public void A_payload_set_with_a_copy_is_truncated_too()
    {
        var letter = WithPayload("{}") with { Payload = new string('b', 70_000) };

        Assert.Equal(DeadLetter.MaxPayloadBytes, letter.Payload.Length);
    }

    [Fact]
    public void A_dead_letter_from_raw_bytes_keeps_their_first_64_KiB()
    {
        var payload = new byte[2 * 1024 * 1024];
        payload.AsSpan().Fill((byte)'x');

        var letter = DeadLetter.FromBytes("reports/0/1", "authentication", DeadLetterReason.TooLarge, "too large", payload, 1);

        Assert.Equal(new string('x', DeadLetter.MaxPayloadBytes), letter.Payload);
    }

    [Fact]
    public void A_dead_letter_from_bytes_that_are_not_UTF8_still_has_text()
    {
        var letter = DeadLetter.FromBytes("reports/0/1", "authentication", DeadLetterReason.MalformedJson, "not JSON", [0x7B, 0xFF, 0x7D], 1);

        Assert.Equal("{\uFFFD}", letter.Payload);
        Assert.NotEmpty(DeadLetterJson.Serialize(letter));
    }

    [Fact]
    public void The_reasons_are_the_ones_of_the_design()
    {
        string[] reasons =
        [
            DeadLetterReason.MalformedJson, DeadLetterReason.Schema, DeadLetterReason.UnknownGateway,
            DeadLetterReason.BadGatewayToken, DeadLetterReason.UnknownDevice, DeadLetterReason.BadDeviceToken,
            DeadLetterReason.DeviceInactive, DeadLetterReason.OutOfRange, DeadLetterReason.TooLarge, DeadLetterReason.SinkFailed,
        ];

        Assert.Equal(
            "malformed-json|schema|unknown-gateway|bad-gateway-token|unknown-device|bad-device-token|device-inactive|out-of-range|too-large|sink-failed",
            string.Join('|', reasons));
    }
}
