namespace StreamEngine.Abstractions.Metrics;

/// <summary>KairosDB's <c>order</c>: the order of a result's values, and which points a <c>limit</c> keeps.</summary>
public enum SortOrder
{
    Ascending,
    Descending,
}
