namespace StreamEngine.Abstractions.Metrics;

/// <summary>
/// KairosDB's tag group of a result, <c>{"name": "tag", "tags": ["host"], "group": {"host": "server1"}}</c>.
/// </summary>
/// <param name="Tags">The tag names grouped by, as the query gave them.</param>
/// <param name="Group">The group's value of each of those tags; a tag the group's series lack is absent.</param>
public sealed record TagGroup(IReadOnlyList<string> Tags, IReadOnlyDictionary<string, string> Group);
