namespace StreamEngine.Abstractions.Readings;

/// <summary>The device's identity as its gateway reports it.</summary>
/// <param name="Id">The device id.</param>
/// <param name="Auth">The device token as its JSON text: gateways send it as a number (<c>789</c>) or a string (<c>"789"</c>); both give <c>789</c>.</param>
public sealed record DeviceCredentials(long Id, string Auth);
