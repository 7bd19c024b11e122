namespace StreamEngine.Bench;

/// <summary>Runs a blocking client loop on a thread of its own, named so its CPU shows up under that name.</summary>
internal static class DedicatedThread
{
    public static Task<T> Run<T>(string name, Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        { IsBackground = true, Name = name };
        thread.Start();
        return completion.Task;
    }
}
