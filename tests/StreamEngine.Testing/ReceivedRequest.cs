namespace StreamEngine.Testing;

/// <summary>One request the Twilio stand-in received: its form fields and the status it answered.</summary>
public sealed record ReceivedRequest(IReadOnlyDictionary<string, string> Fields, int Status);
