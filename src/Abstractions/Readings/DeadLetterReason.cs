namespace StreamEngine.Abstractions.Readings;

/// <summary>Why a message went to <c>deadletters</c>: the <c>reason</c> values of a <see cref="DeadLetter"/>.</summary>
public static class DeadLetterReason
{
    public const string MalformedJson = "malformed-json";
    public const string Schema = "schema";
    public const string UnknownGateway = "unknown-gateway";
    public const string BadGatewayToken = "bad-gateway-token";
    public const string UnknownDevice = "unknown-device";
    public const string BadDeviceToken = "bad-device-token";
    public const string DeviceInactive = "device-inactive";
    public const string OutOfRange = "out-of-range";
    public const string TooLarge = "too-large";
    public const string SinkFailed = "sink-failed";

    /// <summary>The SMS provider refused an alert's text for good (the detail has its code and message).</summary>
    public const string SmsRejected = "sms-rejected";

    /// <summary>The legacy API kept refusing or failing a reading until the retries ran out.</summary>
    public const string LegacyFailed = "legacy-failed";
}
