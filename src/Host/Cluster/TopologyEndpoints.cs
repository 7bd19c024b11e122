using System.Globalization;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using StreamEngine.Abstractions.Deployment;
using StreamEngine.Host.Admin;
using StreamEngine.Host.Deployment;

namespace StreamEngine.Host.Cluster;

/// <summary>
/// The topology REST API under <see cref="Prefix"/>, shaped like Storm's UI REST API (docs/topology-api.md): list,
/// deploy, describe, activate, deactivate, rebalance and kill, each an ask to the topology manager. Every call needs
/// an admin bearer JWT (<see cref="BearerAuthFilter"/>, registered by <see cref="AdminApi.AddAdminApi"/>).
/// </summary>
public static class TopologyEndpoints
{
    public const string Prefix = "/api/v1/topologies";

    /// <summary>Kill's longest allowed wait, in seconds.</summary>
    public const int MaxWaitSeconds = 3600;

    /// <summary>Maps every topology endpoint; the <see cref="ITopologyManagerClient"/> is registered by the caller.</summary>
    public static IEndpointRouteBuilder MapTopologyApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var secured = endpoints.MapGroup(Prefix);
        secured.AddEndpointFilter<BearerAuthFilter>();
        secured.MapGet("", List);
        secured.MapPost("", Deploy);
        secured.MapGet("/{name}", Describe);
        secured.MapPost("/{name}/activate", (string name, [FromServices] ITopologyManagerClient manager, CancellationToken cancellation) =>
            Command(manager, new ManagerCommand.Activate(name), StatusCodes.Status200OK, cancellation));
        secured.MapPost("/{name}/deactivate", (string name, [FromServices] ITopologyManagerClient manager, CancellationToken cancellation) =>
            Command(manager, new ManagerCommand.Deactivate(name), StatusCodes.Status200OK, cancellation));
        secured.MapPost("/{name}/rebalance", Rebalance);
        secured.MapPost("/{name}/kill", Kill);
        return endpoints;
    }

    private static Task<IResult> List([FromServices] ITopologyManagerClient manager, CancellationToken cancellation) =>
        Asked(manager, new ManagerCommand.List(), answer => answer is IReadOnlyList<TopologySummary> list
            ? Results.Json(list, TopologyJson.Options)
            : Unexpected(answer), cancellation);

    private static async Task<IResult> Deploy(HttpRequest request, [FromServices] ITopologyManagerClient manager)
    {
        var format = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            ? DefinitionFormat.Json
            : DefinitionFormat.Yaml;
        using var reader = new StreamReader(request.Body);
        var document = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        var read = DefinitionDocuments.Read(document, format);
        if (read.Definition is not { } definition)
        {
            return Results.Json(
                new DefinitionErrorsBody(
                    $"The {format.ToString().ToUpperInvariant()} definition has {read.Errors.Count} error(s); fix each field named in 'errors' and deploy again.",
                    read.Errors),
                TopologyJson.Options,
                statusCode: StatusCodes.Status400BadRequest);
        }

        return await Asked(manager, new ManagerCommand.Deploy(document, format), answer =>
        {
            if (answer is not ManagerReply { Outcome: ManagerOutcome.Done } reply)
            {
                return Refused(answer);
            }

            request.HttpContext.Response.Headers.Location = $"{Prefix}/{Uri.EscapeDataString(definition.Name)}";
            return Results.Json(reply, TopologyJson.Options, statusCode: StatusCodes.Status201Created);
        }, request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static Task<IResult> Describe(string name, [FromServices] ITopologyManagerClient manager, CancellationToken cancellation) =>
        Asked(manager, new ManagerCommand.Describe(name), answer => answer is TopologyDescription description
            ? Results.Json(description, TopologyJson.Options)
            : Refused(answer), cancellation);

    private static Task<IResult> Rebalance(string name, HttpRequest request, [FromServices] ITopologyManagerClient manager)
    {
        var text = request.Query["parallelism"].ToString();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parallelism) || parallelism is < TopologyDefinition.MinParallelism or > TopologyDefinition.MaxParallelism)
        {
            return Task.FromResult(ApiResults.BadRequest(text.Length == 0
                ? $"Say the new parallelism: POST {Prefix}/{name}/rebalance?parallelism=N, N from {TopologyDefinition.MinParallelism} to {TopologyDefinition.MaxParallelism}."
                : $"parallelism is '{text}'; allowed: a whole number from {TopologyDefinition.MinParallelism} to {TopologyDefinition.MaxParallelism}."));
        }

        return Command(manager, new ManagerCommand.Rebalance(name, parallelism), StatusCodes.Status200OK, request.HttpContext.RequestAborted);
    }

    private static Task<IResult> Kill(string name, HttpRequest request, [FromServices] ITopologyManagerClient manager)
    {
        var drain = StopWorker.DefaultDrainTimeout;
        if (request.Query.ContainsKey("wait"))
        {
            var text = request.Query["wait"].ToString();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxWaitSeconds)
            {
                return Task.FromResult(ApiResults.BadRequest(
                    $"wait is '{text}'; allowed: whole seconds from 0 to {MaxWaitSeconds} that workers may drain, or leave it out for {StopWorker.DefaultDrainTimeout.TotalSeconds:0}."));
            }

            drain = TimeSpan.FromSeconds(seconds);
        }

        return Command(manager, new ManagerCommand.Kill(name, drain), StatusCodes.Status202Accepted, request.HttpContext.RequestAborted);
    }

    private static Task<IResult> Command(ITopologyManagerClient manager, ManagerCommand command, int status, CancellationToken cancellation) =>
        Asked(manager, command, answer => answer is ManagerReply { Outcome: ManagerOutcome.Done } reply
            ? Results.Json(reply, TopologyJson.Options, statusCode: status)
            : Refused(answer), cancellation);

    private static async Task<IResult> Asked(ITopologyManagerClient manager, ManagerCommand command, Func<object, IResult> answered, CancellationToken cancellation)
    {
        object answer;
        try
        {
            answer = await manager.Ask(command, cancellation).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            return ApiResults.Error(StatusCodes.Status503ServiceUnavailable,
                $"The topology manager did not answer ({e.Message}): this node has no cluster yet. Start the seed node of Cluster:SeedNodes "
                + "(or run this node without seeds to form a cluster of its own), wait until it logs 'Cluster node ... up', then try again.");
        }

        return answered(answer);
    }

    private static IResult Refused(object answer) => answer switch
    {
        ManagerReply { Outcome: ManagerOutcome.Invalid } reply => ApiResults.BadRequest(reply.Message),
        ManagerReply { Outcome: ManagerOutcome.NotFound } reply => ApiResults.NotFound(reply.Message),
        ManagerReply { Outcome: ManagerOutcome.Conflict } reply => ApiResults.Conflict(reply.Message),
        _ => Unexpected(answer),
    };

    private static IResult Unexpected(object answer) => ApiResults.Error(StatusCodes.Status500InternalServerError,
        $"The topology manager answered with a {answer.GetType().Name}, which this API does not know; check that every node runs the same streamengine version.");
}
