using System.Net;
using System.Net.Sockets;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>Finds runs of consecutive free ports on loopback.</summary>
public static class FreePorts
{
    public static int Consecutive(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = Random.Shared.Next(20_000, 60_000);
            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"Found no {count} consecutive free ports on 127.0.0.1.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
