namespace StreamEngine.Topologies.Authentication;

/// <summary>The outcome of checking an id and token against the registry.</summary>
public enum CredentialCheck
{
    Valid,
    Unknown,
    BadToken,
    Inactive,
}
