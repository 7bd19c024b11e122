namespace StreamEngine.Abstractions.Alerts;

/// <summary>The device's contact details from its registry config map (<c>name</c>, <c>owner</c>, <c>phone</c> in E.164); each may be missing.</summary>
public sealed record AlertDevice(string? Name, string? Owner, string? Phone);
