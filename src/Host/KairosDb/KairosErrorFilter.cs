using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StreamEngine.Host.KairosDb;

/// <summary>
/// Answers failures of the KairosDB endpoints in KairosDB's error JSON, <c>{"errors": [...]}</c>: a malformed
/// request (<see cref="KairosDbRequestException"/>, or a query or datapoint the store rejects with
/// <see cref="ArgumentException"/>) with 400, a store failure with 500 (logged).
/// </summary>
public sealed partial class KairosErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (KairosDbRequestException e)
        {
            return KairosResponses.Errors(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (ArgumentException e)
        {
            return KairosResponses.Errors(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (context.HttpContext.RequestServices.GetService<ILoggerFactory>() is { } loggers)
            {
                Failed(loggers.CreateLogger<KairosErrorFilter>(), e, context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            }

            return KairosResponses.Errors(
                StatusCodes.Status500InternalServerError,
                $"The metric store failed: {e.Message}. Check the host's log; the request may be retried.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "KairosDB API {Method} {Path} failed")]
    private static partial void Failed(ILogger logger, Exception exception, string method, PathString path);
}
