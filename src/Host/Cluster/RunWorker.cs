using StreamEngine.Host.Deployment;

namespace StreamEngine.Host.Cluster;

/// <summary>
/// Run worker <see cref="Index"/> of a topology as deployed in <see cref="Revision"/>. The manager repeats it every
/// second for each worker that should run, so a worker whose node died starts again on a survivor. The definition
/// travels as its document: every node reads it with its own parser.
/// </summary>
public sealed record RunWorker(string Topology, int Index, long Revision, string Document, DefinitionFormat Format) : IWorkerMessage;
