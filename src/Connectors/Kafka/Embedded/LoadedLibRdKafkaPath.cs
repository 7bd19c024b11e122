using System.Runtime.InteropServices;

namespace StreamEngine.Connectors.Kafka.Embedded;

/// <summary>
/// Finds the file of the librdkafka that Confluent.Kafka loaded. Confluent.Kafka picks among the builds it ships
/// (on Debian 12 the plain one needs a libsasl2 Debian lacks, so it falls back to its centos8 build); asking the
/// process which file it mapped gives exactly that choice, with nothing to configure by hand.
/// </summary>
internal static class LoadedLibRdKafkaPath
{
    public static string Find()
    {
        // Loading through Confluent.Kafka first makes the library's choice its own.
        _ = Confluent.Kafka.Library.Version;
        var mapped = FromProcessMaps();
        if (mapped is not null)
        {
            return mapped;
        }

        var shipped = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        throw new DllNotFoundException(
            "Could not find the librdkafka library that Confluent.Kafka loaded (looked in /proc/self/maps). "
            + $"The embedded Kafka cluster needs it; check that Confluent.Kafka's native files are in '{shipped}', "
            + "or set Kafka:BootstrapServers to use a real Kafka instead.");
    }

    private static string? FromProcessMaps()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                continue;
            }

            var path = line[slash..].Trim();
            if (Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal))
            {
                return path;
            }
        }

        return null;
    }
}
