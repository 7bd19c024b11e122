namespace StreamEngine.Host.Cli;

/// <summary>Fixed-width text tables for the console: a header row and rows, columns two spaces apart.</summary>
public static class TextTable
{
    /// <summary>The table's lines; every column as wide as its widest cell, the last one not padded.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var all = rows.Prepend(headers).ToList();
        var widths = Enumerable.Range(0, headers.Count).Select(c => all.Max(r => r[c].Length)).ToList();
        return [.. all.Select(r => string.Join("  ", r.Select((cell, c) => c == r.Count - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd())];
    }
}
