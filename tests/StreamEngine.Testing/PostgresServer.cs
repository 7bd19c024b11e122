using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace StreamEngine.Testing;

/// <summary>
/// A private PostgreSQL server on a free port of 127.0.0.1: a cluster initialised in a temporary directory (which also
/// holds its socket), started as a plain <c>postgres</c> process, stopped and deleted on dispose. PostgreSQL refuses to
/// run as root, so under root it runs as the <c>postgres</c> user that Debian's <c>postgresql</c> package creates.
/// Durability is off (fsync, full-page writes): a test's server never outlives a crash.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string BinariesRoot = "/usr/lib/postgresql";
    private const string SystemUser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory;
    private readonly string _binaries;
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    private PostgresServer(string directory, string binaries, int port)
    {
        _directory = directory;
        _binaries = binaries;
        Port = port;
    }

    /// <summary>The TCP port on 127.0.0.1 the server listens on.</summary>
    public int Port { get; }

    /// <summary>Starts a server with an empty cluster and waits until it accepts connections.</summary>
    public static PostgresServer Start()
    {
        var binaries = Binaries();
        var directory = Directory.CreateTempSubdirectory("streamengine-postgres-").FullName;
        var server = new PostgresServer(directory, binaries, FreePort());
        try
        {
            server.Initialise();
            server.StartProcess();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>The connection string of <paramref name="database"/> on this server, as the <c>postgres</c> superuser.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = SystemUser, Database = database, Pooling = false }.ConnectionString;

    /// <summary>Creates an empty database named <paramref name="database"/> and returns its connection string.</summary>
    public async Task<string> CreateDatabase(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(database);
    }

    /// <summary>Stops the server (a fast shutdown: connections cut, no waiting for clients) and deletes its directory.</summary>
    public void Dispose()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                try
                {
                    RunProgram("pg_ctl", "stop", "-D", DataDirectory, "-m", "fast", "-w");
                }
                catch (InvalidOperationException)
                {
                    // pg_ctl could not stop it: it is killed below, so that its directory can still be deleted.
                }

                if (!process.WaitForExit(StartTimeout))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                }
            }

            process.Dispose();
            _process = null;
        }

        Directory.Delete(_directory, recursive: true);
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    private void Initialise()
    {
        if (Environment.IsPrivilegedProcess)
        {
            RunToEnd(Plain("chown", [SystemUser, _directory]));
        }

        RunProgram("initdb", "-D", DataDirectory, "-U", SystemUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions");
    }

    private void StartProcess()
    {
        _process = Process.Start(AsPostgresUser(Path.Combine(_binaries, "postgres"),
            ["-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _directory,
             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off"]))
            ?? throw new InvalidOperationException("postgres did not start.");
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilAcceptingConnections();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }

    private void WaitUntilAcceptingConnections()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!AcceptsConnections())
        {
            if (_process is null || _process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"postgres on port {Port} did not accept connections within {StartTimeout.TotalSeconds:0} s (exited: {_process?.HasExited}); it said:\n{string.Join('\n', _log)}");
            }

            Thread.Sleep(20);
        }
    }

    private bool AcceptsConnections()
    {
        try
        {
            using var connection = new NpgsqlConnection(ConnectionString("postgres"));
            connection.Open();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <summary>Runs one of PostgreSQL's programs to its end.</summary>
    private void RunProgram(string program, params string[] arguments) => RunToEnd(AsPostgresUser(Path.Combine(_binaries, program), arguments));

    /// <summary>Runs a program to its end; fails with its output when it fails.</summary>
    private static void RunToEnd(ProcessStartInfo info)
    {
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{info.FileName} {string.Join(' ', info.ArgumentList)} failed ({process.ExitCode}): {output.Result}{errors}");
        }
    }

    /// <summary>Starts a program as the <c>postgres</c> user under root (PostgreSQL refuses root), as this user otherwise.</summary>
    private static ProcessStartInfo AsPostgresUser(string program, string[] arguments) =>
        Environment.IsPrivilegedProcess ? Plain("runuser", ["-u", SystemUser, "--", program, .. arguments]) : Plain(program, arguments);

    private static ProcessStartInfo Plain(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>The newest installed PostgreSQL's programs (Debian keeps each major version in its own directory).</summary>
    private static string Binaries()
    {
        var newest = Directory.Exists(BinariesRoot)
            ? Directory.GetDirectories(BinariesRoot)
                .Where(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out _) && File.Exists(Path.Combine(d, "bin", "postgres")))
                .MaxBy(d => int.Parse(Path.GetFileName(d), CultureInfo.InvariantCulture))
            : null;
        return newest is null
            ? throw new InvalidOperationException(
                $"PostgreSQL is not installed (no {BinariesRoot}/<version>/bin/postgres): install it with 'apt-get install postgresql' (scripts/test.sh does this).")
            : Path.Combine(newest, "bin");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
