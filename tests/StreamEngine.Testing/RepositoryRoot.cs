namespace StreamEngine.Testing;

/// <summary>The repository the tests run from: the directory above the test binaries that holds <c>StreamEngine.sln</c>.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StreamEngine.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No StreamEngine.sln above {AppContext.BaseDirectory}: run the tests from inside the repository.");
    }
}
