using System.Globalization;
using StreamEngine.Host.Cluster;

namespace StreamEngine.Host.Cli;

/// <summary>The action, arguments and options of <c>streamengine topology</c>, with their defaults.</summary>
public sealed record TopologyOptions
{
    public const string Usage = """
        Usage: streamengine topology ACTION [ARGUMENTS] [options]
        Manages the topologies of a running engine through its REST API (docs/topology-api.md).

          deploy FILE                  deploy the definition in FILE (*.yaml, *.yml or *.json)
          list                         the deployed topologies
          describe NAME                a topology's summary and its workers
          activate NAME                resume consumption
          deactivate NAME              pause consumption
          rebalance NAME N             run N workers, 1 to 64
          kill NAME [--wait SECONDS]   stop taking records, let the workers drain for at most SECONDS (default 20),
                                       then forget the topology; shows the workers still draining until it is gone

          --url URL                    the engine (default http://localhost:8080)
          --user NAME                  admin user (default admin)
          --password PASSWORD          admin password (default: the STREAMENGINE_ADMIN_PASSWORD variable)
          --help                       this text

        Options take their value as '--name value' or '--name=value'. Exit codes: 0 done, 1 failed, 2 bad arguments.
        """;

    private static readonly Dictionary<string, string[]> Actions = new(StringComparer.Ordinal)
    {
        ["deploy"] = ["FILE"],
        ["list"] = [],
        ["describe"] = ["NAME"],
        ["activate"] = ["NAME"],
        ["deactivate"] = ["NAME"],
        ["rebalance"] = ["NAME", "N"],
        ["kill"] = ["NAME"],
    };

    private static readonly string[] Names = ["url", "user", "password", "wait"];

    /// <summary>deploy, list, describe, activate, deactivate, rebalance or kill.</summary>
    public required string Action { get; init; }

    /// <summary>The action's arguments, as many as it takes (FILE, NAME, or NAME and N).</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    public Uri Url { get; init; } = new("http://localhost:8080");

    public string User { get; init; } = "admin";

    public required string Password { get; init; }

    /// <summary>Kill's drain timeout; null leaves it to the engine (20 s).</summary>
    public int? WaitSeconds { get; init; }

    /// <summary>True when the arguments ask for the usage text.</summary>
    public static bool IsHelp(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Any(a => a is "--help" or "-h");
    }

    /// <summary>Reads the action and options; null with <paramref name="error"/> saying what is wrong and what is allowed.</summary>
    /// <param name="args">The arguments after <c>topology</c>.</param>
    /// <param name="environment">Reads an environment variable (the password's default).</param>
    /// <param name="error">What was wrong, when the result is null.</param>
    public static TopologyOptions? Parse(IReadOnlyList<string> args, Func<string, string?> environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            error = !Names.Contains(name, StringComparer.Ordinal) ? $"Unknown option '--{name}'. Allowed: {string.Join(", ", Names.Select(n => "--" + n))}."
                : values.ContainsKey(name) ? $"Option '--{name}' is given twice: give it once."
                : equals < 0 && i + 1 >= args.Count ? $"Option '--{name}' needs a value: --{name} VALUE or --{name}=VALUE."
                : null;
            if (error is not null)
            {
                return null;
            }

            values[name] = equals >= 0 ? arg[(equals + 1)..] : args[++i];
        }

        error = Read(positional, values, environment, out var options);
        return error is null ? options : null;
    }

    private static string? Read(List<string> positional, Dictionary<string, string> values, Func<string, string?> environment, out TopologyOptions? options)
    {
        options = null;
        if (positional.Count == 0)
        {
            return $"No action given; say one of {string.Join(", ", Actions.Keys)}, for example 'streamengine topology list'.";
        }

        if (!Actions.TryGetValue(positional[0], out var expected))
        {
            return $"'{positional[0]}' is not an action; allowed: {string.Join(", ", Actions.Keys)}.";
        }

        var action = positional[0];
        if (positional.Count - 1 != expected.Length)
        {
            var given = positional.Count == 1 ? "none" : $"'{string.Join(" ", positional.Skip(1))}'";
            return $"'{action}' takes {(expected.Length == 0 ? "no arguments" : string.Join(" ", expected))}, given {given}: "
                + $"streamengine topology {action} {string.Join(" ", expected)}".TrimEnd() + ".";
        }

        var password = values.GetValueOrDefault("password") ?? environment(SimulateOptions.PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            return $"No admin password: pass --password PASSWORD or set {SimulateOptions.PasswordVariable} (the engine logs the generated one at its first start).";
        }

        var result = new TopologyOptions { Action = action, Arguments = positional[1..], Password = password };
        if (values.TryGetValue("user", out var user))
        {
            if (string.IsNullOrWhiteSpace(user))
            {
                return "--user is empty; give an admin's name or leave it out for admin.";
            }

            result = result with { User = user };
        }

        if (values.TryGetValue("url", out var url))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return $"--url is '{url}'; allowed: an http or https URL, for example http://localhost:8080.";
            }

            result = result with { Url = uri };
        }

        if (values.TryGetValue("wait", out var wait))
        {
            if (action != "kill")
            {
                return "--wait applies to kill only: leave it out.";
            }

            if (!int.TryParse(wait, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > TopologyEndpoints.MaxWaitSeconds)
            {
                return $"--wait is '{wait}'; allowed: whole seconds from 0 to {TopologyEndpoints.MaxWaitSeconds}.";
            }

            result = result with { WaitSeconds = seconds };
        }

        options = result;
        return null;
    }
}
