using System.Text;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>A writer a command writes to while the test reads what it wrote so far, from another thread.</summary>
public sealed class LiveOutput : TextWriter
{
    private readonly Lock _writing = new();
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Everything written so far.</summary>
    public string Text
    {
        get
        {
            lock (_writing)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_writing)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_writing)
        {
            _text.Append(value);
        }
    }

    public override string ToString() => Text;
}
