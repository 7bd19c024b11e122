using Microsoft.AspNetCore.Http;

namespace StreamEngine.Host.Admin;

/// <summary>Error answers of the admin API: always a JSON body <c>{"error":"..."}</c> saying what was wrong and what to do.</summary>
public static class ApiResults
{
    public static IResult Error(int status, string message) => Results.Json(new ErrorBody(message), statusCode: status);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static IResult Unauthorized(string message) => Error(StatusCodes.Status401Unauthorized, message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static IResult Conflict(string message) => Error(StatusCodes.Status409Conflict, message);
}
