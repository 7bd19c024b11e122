using StreamEngine.Abstractions.Registry;

namespace StreamEngine.Host.Simulator;

/// <summary>A simulated gateway and the devices behind it, with their clear tokens.</summary>
public sealed record SimulatedGateway(IssuedCredentials Gateway, IReadOnlyList<IssuedCredentials> Devices);
