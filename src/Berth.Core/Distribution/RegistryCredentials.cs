namespace Berth.Core.Distribution;

/// <summary>
/// What a client hands over for one registry (the Engine API's AuthConfig): a user name and
/// password, or an identity token from an earlier login, or a ready bearer token.
/// </summary>
public sealed record RegistryCredentials(string? Username, string? Password)
{
    public string? IdentityToken { get; init; }
    public string? RegistryToken { get; init; }
    public string? ServerAddress { get; init; }

    public bool IsEmpty => string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(IdentityToken) && string.IsNullOrEmpty(RegistryToken);

    public static readonly RegistryCredentials Anonymous = new(null, null);
}
