namespace Berth.Client;

/// <summary>Body of <c>POST /containers/create</c>.</summary>
public sealed record CreateContainerResult(string Id, IReadOnlyList<string> Warnings);
