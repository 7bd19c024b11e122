namespace StreamEngine.Host.Cluster;

/// <summary>How a manager command went; REST maps it to a status code.</summary>
public enum ManagerOutcome
{
    Done,
    Invalid,
    NotFound,
    Conflict,
}
