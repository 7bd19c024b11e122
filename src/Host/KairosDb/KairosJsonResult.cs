using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StreamEngine.Abstractions.Metrics;

namespace StreamEngine.Host.KairosDb;

/// <summary>A JSON answer written straight to the response with a <see cref="Utf8JsonWriter"/>, numbers as KairosDB prints them.</summary>
public sealed class KairosJsonResult : IResult
{
    private readonly int status;
    private readonly Action<Utf8JsonWriter> write;

    public KairosJsonResult(int status, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        this.status = status;
        this.write = write;
    }

    /// <summary>Writes a value as KairosDB does: a long as an integer, a double always with a fraction or exponent (<c>21.0</c>); a non-finite double as null.</summary>
    public static void WriteValue(Utf8JsonWriter json, MetricValue value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value.IsLong)
        {
            json.WriteNumberValue(value.LongValue);
            return;
        }

        var number = value.DoubleValue;
        if (!double.IsFinite(number))
        {
            json.WriteNullValue();
            return;
        }

        Span<byte> text = stackalloc byte[40];
        number.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        if (text[..length].IndexOfAny(".eE"u8) < 0)
        {
            ".0"u8.CopyTo(text[length..]);
            length += 2;
        }

        json.WriteRawValue(text[..length], skipInputValidation: true);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using (var json = new Utf8JsonWriter(httpContext.Response.BodyWriter))
        {
            write(json);
            await json.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }

        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
