namespace StreamEngine.Bench;

/// <summary>Where the Akka path puts its <c>.Async()</c> boundaries (each one is another actor).</summary>
internal enum AsyncBoundaries
{
    /// <summary>Everything fused into one actor.</summary>
    None,

    /// <summary>After the source: polling hand-off on one actor, parse + produce + commit on another.</summary>
    Source,

    /// <summary>After the source and after the parse: three actors.</summary>
    All,
}
