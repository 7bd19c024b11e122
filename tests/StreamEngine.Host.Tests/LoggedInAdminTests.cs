namespace StreamEngine.Host.Tests;

/// <summary>Tests that run against a fresh admin API server, with a client already holding an admin token.</summary>
public abstract class LoggedInAdminTests : IAsyncLifetime
{
    protected AdminApiServer Server { get; private set; } = null!;

    protected HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await AdminApiServer.Start();
        Admin = await Server.LoggedIn();
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
    }
}
