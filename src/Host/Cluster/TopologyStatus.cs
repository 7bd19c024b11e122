namespace StreamEngine.Host.Cluster;

/// <summary>A deployed topology's status, as Storm's UI shows it.</summary>
public enum TopologyStatus
{
    Active,
    Inactive,

    /// <summary>Killed; its workers are draining. Gone from the list once they stopped.</summary>
    Killing,
}
