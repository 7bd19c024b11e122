using System.Globalization;

namespace StreamEngine.Host.Cli;

/// <summary>The options of <c>streamengine simulate</c>, with their defaults.</summary>
public sealed record SimulateOptions
{
    public const string PasswordVariable = "STREAMENGINE_ADMIN_PASSWORD";

    public const string Usage = """
        Usage: streamengine simulate [options]
        Registers simulated gateways and devices through the admin API (or reuses the ones in the state file) and
        publishes their reports to Kafka.

          --mode deterministic|random  deterministic: a fixed scenario with every bad-input class, then the expected
                                       readings and dead letters; random: reports at --rate for --duration
                                       (default deterministic)
          --gateways N                 gateways, 1 to 1000 (default 3)
          --devices M                  active devices per gateway, 1 to 1000 (default 10)
          --rate R                     random mode: reports per second, more than 0, at most 100000 (default 20)
          --duration D                 random mode: seconds to run, more than 0 (default 10)
          --bad-share F                random mode: share of bad reports, 0 to 1 (default 0.05)
          --seed N                     random mode: seed of the random choices (default 42)
          --api URL                    the engine's admin API (default http://localhost:8080)
          --user NAME                  admin user (default admin)
          --password PASSWORD          admin password (default: the STREAMENGINE_ADMIN_PASSWORD variable)
          --bootstrap SERVERS          Kafka brokers to publish to (default 127.0.0.1:9092)
          --state FILE                 where the ids and tokens of the fleet are kept between runs (default data/simulator.json)
          --help                       this text

        Options take their value as '--name value' or '--name=value'. Exit codes: 0 done, 1 failed, 2 bad options.
        """;

    private static readonly string[] RandomOnly = ["rate", "duration", "bad-share", "seed"];

    public SimulationMode Mode { get; init; } = SimulationMode.Deterministic;

    public int Gateways { get; init; } = 3;

    public int Devices { get; init; } = 10;

    public double Rate { get; init; } = 20;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public double BadShare { get; init; } = 0.05;

    public int Seed { get; init; } = 42;

    public Uri Api { get; init; } = new("http://localhost:8080");

    public string User { get; init; } = "admin";

    public required string Password { get; init; }

    public string Bootstrap { get; init; } = "127.0.0.1:9092";

    public string StateFile { get; init; } = Path.Combine("data", "simulator.json");

    /// <summary>True when the arguments ask for the usage text.</summary>
    public static bool IsHelp(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Any(a => a is "--help" or "-h");
    }

    /// <summary>Reads the options; null with <paramref name="error"/> saying what is wrong and what is allowed.</summary>
    /// <param name="args">The arguments after <c>simulate</c>.</param>
    /// <param name="environment">Reads an environment variable (the password's default).</param>
    /// <param name="error">What was wrong, when the result is null.</param>
    public static SimulateOptions? Parse(IReadOnlyList<string> args, Func<string, string?> environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                error = $"Unexpected argument '{arg}': options start with '--' (for example --mode random). Run 'streamengine simulate --help' for the list.";
                return null;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            if (!Known(name))
            {
                error = $"Unknown option '--{name}'. Allowed: {string.Join(", ", Names.Select(n => "--" + n))}.";
                return null;
            }

            if (values.ContainsKey(name))
            {
                error = $"Option '--{name}' is given twice: give it once.";
                return null;
            }

            if (equals >= 0)
            {
                values[name] = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                values[name] = args[++i];
            }
            else
            {
                error = $"Option '--{name}' needs a value: --{name} VALUE or --{name}=VALUE.";
                return null;
            }
        }

        error = Read(values, environment, out var options);
        return error is null ? options : null;
    }

    private static readonly string[] Names =
        ["mode", "gateways", "devices", "rate", "duration", "bad-share", "seed", "api", "user", "password", "bootstrap", "state"];

    private static bool Known(string name) => Names.Contains(name, StringComparer.Ordinal);

    private static string? Read(Dictionary<string, string> values, Func<string, string?> environment, out SimulateOptions? options)
    {
        options = null;
        var password = values.GetValueOrDefault("password") ?? environment(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            return $"No admin password: pass --password PASSWORD or set {PasswordVariable} (the engine logs the generated one at its first start).";
        }

        var result = new SimulateOptions { Password = password };
        if (values.TryGetValue("mode", out var mode))
        {
            if (mode is not ("deterministic" or "random"))
            {
                return $"--mode is '{mode}'; allowed: deterministic or random.";
            }

            result = result with { Mode = mode == "random" ? SimulationMode.Random : SimulationMode.Deterministic };
        }

        if (result.Mode == SimulationMode.Deterministic && RandomOnly.FirstOrDefault(values.ContainsKey) is { } randomOption)
        {
            return $"--{randomOption} applies to --mode random only: add --mode random or leave --{randomOption} out.";
        }

        string? error = null;
        result = result with
        {
            Gateways = Integer(values, "gateways", result.Gateways, 1, 1000, ref error),
            Devices = Integer(values, "devices", result.Devices, 1, 1000, ref error),
            Seed = Integer(values, "seed", result.Seed, int.MinValue, int.MaxValue, ref error),
            Rate = Number(values, "rate", result.Rate, 100_000, ref error),
            Duration = TimeSpan.FromSeconds(Number(values, "duration", result.Duration.TotalSeconds, TimeSpan.FromDays(365).TotalSeconds, ref error)),
            User = Text(values, "user", result.User, ref error),
            Bootstrap = Text(values, "bootstrap", result.Bootstrap, ref error),
            StateFile = Text(values, "state", result.StateFile, ref error),
        };
        if (error is not null)
        {
            return error;
        }

        if (values.TryGetValue("bad-share", out var share))
        {
            if (!double.TryParse(share, NumberStyles.Float, CultureInfo.InvariantCulture, out var badShare) || badShare is < 0 or > 1 || double.IsNaN(badShare))
            {
                return $"--bad-share is '{share}'; allowed: a number from 0 to 1, for example 0.05.";
            }

            result = result with { BadShare = badShare };
        }

        if (values.TryGetValue("api", out var api))
        {
            if (!Uri.TryCreate(api, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return $"--api is '{api}'; allowed: an http or https URL, for example http://localhost:8080.";
            }

            result = result with { Api = uri };
        }

        options = result;
        return null;
    }

    private static int Integer(Dictionary<string, string> values, string name, int fallback, int min, int max, ref string? error)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        error ??= $"--{name} is '{text}'; allowed: a whole number from {min} to {max}.";
        return fallback;
    }

    private static double Number(Dictionary<string, string> values, string name, double fallback, double max, ref string? error)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= max)
        {
            return value;
        }

        error ??= $"--{name} is '{text}'; allowed: a number more than 0 and at most {max.ToString(CultureInfo.InvariantCulture)}.";
        return fallback;
    }

    private static string Text(Dictionary<string, string> values, string name, string fallback, ref string? error)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        error ??= $"--{name} is empty; give it a value or leave it out for the default ({fallback}).";
        return fallback;
    }
}
