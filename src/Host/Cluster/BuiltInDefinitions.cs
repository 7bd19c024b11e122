using StreamEngine.Host.Deployment;

namespace StreamEngine.Host.Cluster;

/// <summary>The definition documents in a directory (not its subdirectories): the built-in topologies a new cluster deploys.</summary>
public static class BuiltInDefinitions
{
    /// <summary>The <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> documents of <paramref name="directory"/>, by file name; relative to the program's directory.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static IReadOnlyList<(string Document, DefinitionFormat Format)> Read(string directory)
    {
        var path = Path.IsPathRooted(directory) ? directory : Path.Combine(AppContext.BaseDirectory, directory);
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException(
                $"The built-in topology definitions directory '{path}' does not exist; set Cluster:BuiltInTopologies to the directory holding them (cluster-config/topologies in the repository).");
        }

        return [.. Directory.EnumerateFiles(path).Order(StringComparer.Ordinal)
            .Select(file => (File: file, Format: DefinitionDocuments.FormatOf(file)))
            .Where(file => file.Format is not null)
            .Select(file => (File.ReadAllText(file.File), file.Format!.Value))];
    }
}
