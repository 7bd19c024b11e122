using System.Net;
using System.Net.Sockets;

namespace StreamEngine.Connectors.Kafka.Embedded;

/// <summary>
/// Listens on a fixed address and forwards each connection to a target port on loopback.
/// The mock brokers only listen on ports the kernel picks; this gives each a stable address a person can type.
/// </summary>
internal sealed class TcpForwarder : IDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();

    private TcpForwarder(TcpListener listener, int targetPort)
    {
        _listener = listener;
        _targetPort = targetPort;
        _ = AcceptLoop();
    }

    public IPEndPoint LocalEndpoint => (IPEndPoint)_listener.LocalEndpoint;

    public static TcpForwarder Start(IPAddress address, int port, int targetPort)
    {
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException(
                $"The embedded Kafka cluster cannot listen on {address}:{port}: {e.Message}. "
                + "Stop what uses that port, or set Kafka:Embedded:Port to another port (0 picks free ones).", e);
        }

        return new TcpForwarder(listener, targetPort);
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Pump(client);
        }
    }

    private async Task Pump(Socket client)
    {
        using var clientSocket = client;
        using var target = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await target.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token).ConfigureAwait(false);
            await using var clientStream = new NetworkStream(client, ownsSocket: false);
            await using var targetStream = new NetworkStream(target, ownsSocket: false);
            var up = clientStream.CopyToAsync(targetStream, _stop.Token);
            var down = targetStream.CopyToAsync(clientStream, _stop.Token);
            await Task.WhenAny(up, down).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A broker set down or a client gone: the connection simply ends, as with a real broker.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
