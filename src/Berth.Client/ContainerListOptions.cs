namespace Berth.Client;

/// <summary>Query of <c>GET /containers/json</c>.</summary>
public sealed record ContainerListOptions(bool All = false, int Limit = -1, bool Size = false, FilterArgs? Filters = null);
