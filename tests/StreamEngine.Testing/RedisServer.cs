using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StreamEngine.Testing;

/// <summary>
/// A private <c>redis-server</c> on a free port of 127.0.0.1 that a test can kill and start again: without persistence
/// (it comes back empty), or persistent (every write appended and fsynced to a private directory before Redis answers,
/// so it comes back with everything it acknowledged, as a production Redis with <c>appendfsync always</c>).
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly string? _directory;
    private Process? _process;

    private RedisServer(int port, string? directory)
    {
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public static RedisServer Start() => Start(null);

    /// <summary>Starts a server that keeps its data across <see cref="Stop"/> and <see cref="StartAgain"/>.</summary>
    public static RedisServer StartPersistent() => Start(Directory.CreateTempSubdirectory("streamengine-redis-").FullName);

    /// <summary>Kills the server (as a crash would) and waits until it is gone.</summary>
    public void Stop()
    {
        if (_process is { } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Starts the server again on the same port (empty unless persistent) and waits until it answers PING.</summary>
    public void StartAgain() => StartProcess();

    public void Dispose()
    {
        Stop();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static RedisServer Start(string? directory)
    {
        var server = new RedisServer(FreePort(), directory);
        server.StartProcess();
        return server;
    }

    private void StartProcess()
    {
        var info = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] persistence = _directory is null
            ? ["--appendonly", "no"]
            : ["--appendonly", "yes", "--appendfsync", "always", "--dir", _directory];
        foreach (var argument in (string[])["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", .. persistence])
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException(
                "redis-server is not installed: install it with 'apt-get install redis-server' (scripts/test.sh does this).", error);
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilReady();
    }

    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!AnswersPing())
        {
            if (_process is null || _process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not answer PING within 20 s (exited: {_process?.HasExited}).");
            }

            Thread.Sleep(20);
        }
    }

    private bool AnswersPing()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
