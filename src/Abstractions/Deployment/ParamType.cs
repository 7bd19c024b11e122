namespace StreamEngine.Abstractions.Deployment;

/// <summary>What a built-in topology's param holds, and so how its text is read.</summary>
public enum ParamType
{
    /// <summary>Text, not empty (a topic or metric name).</summary>
    Text,

    /// <summary>An absolute http or https URL, or empty.</summary>
    Url,

    /// <summary>A whole number (<see cref="int"/>).</summary>
    WholeNumber,

    /// <summary>A number (<see cref="double"/>), e.g. <c>20</c> or <c>7.5</c>.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A <see cref="TimeSpan"/> in the grammar of <see cref="DurationText"/>.</summary>
    Duration,
}
