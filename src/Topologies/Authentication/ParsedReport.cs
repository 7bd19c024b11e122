using StreamEngine.Abstractions.Messaging;
using StreamEngine.Abstractions.Readings;

namespace StreamEngine.Topologies.Authentication;

/// <summary>A consumed report with what the parser made of it and when the engine read it (Unix ms).</summary>
public sealed record ParsedReport(CommittableMessage Message, ReportParseResult Parsed, long ReceivedAt);
