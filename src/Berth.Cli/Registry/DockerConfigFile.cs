using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Client;
using Berth.Core.Images;

namespace Berth.Cli.Registry;

/// <summary>
/// The docker CLI's <c>config.json</c> (<c>$DOCKER_CONFIG/config.json</c>, else
/// <c>~/.docker/config.json</c>), so berth and docker share logins: <c>auths</c> maps a
/// registry (<c>127.0.0.1:5000</c>; Docker Hub as <c>https://index.docker.io/v1/</c>) to
/// <c>{"auth": base64("user:password")}</c>, or, when <c>credsStore</c> or <c>credHelpers</c> names
/// a helper, an empty entry with the secret kept by the helper. Other keys are kept as they are.
/// </summary>
internal sealed class DockerConfigFile
{
    public const string HubServer = "https://index.docker.io/v1/";

    private readonly JsonObject _root;

    private DockerConfigFile(string path, JsonObject root) => (Path, _root) = (path, root);

    public string Path { get; }

    public static DockerConfigFile Load()
    {
        string dir = Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } d
            ? d : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        string path = System.IO.Path.Combine(dir, "config.json");
        JsonObject root = File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject o ? o : new JsonObject();
        return new DockerConfigFile(path, root);
    }

    /// <summary>The <c>auths</c> key of a registry domain or login server address.</summary>
    public static string ServerKey(string server)
    {
        string s = server.Trim();
        int scheme = s.IndexOf("://", StringComparison.Ordinal);
        string host = scheme >= 0 ? s[(scheme + 3)..] : s;
        int slash = host.IndexOf('/');
        if (slash >= 0)
            host = host[..slash];
        return host is "" or "docker.io" or "index.docker.io" or "registry-1.docker.io" ? HubServer : host;
    }

    /// <summary>The helper that keeps <paramref name="server"/>'s credentials: <c>credHelpers</c>, else <c>credsStore</c>.</summary>
    private CredentialHelper? HelperFor(string server)
    {
        string key = ServerKey(server);
        string? name = (_root["credHelpers"] as JsonObject)?[key]?.GetValue<string>() ?? _root["credsStore"]?.GetValue<string>();
        return string.IsNullOrEmpty(name) ? null : new CredentialHelper(name);
    }

    public bool HasHelper(string server) => HelperFor(server) is not null;

    public (string User, string Password)? Get(string server)
    {
        if (HelperFor(server) is CredentialHelper helper)
            return helper.Get(ServerKey(server));
        if (_root["auths"] is not JsonObject auths || auths[ServerKey(server)] is not JsonObject entry)
            return null;
        if (entry["auth"]?.GetValue<string>() is { Length: > 0 } auth)
        {
            string pair = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            int colon = pair.IndexOf(':');
            if (colon > 0)
                return (pair[..colon], pair[(colon + 1)..]);
        }
        return null;
    }

    public void Set(string server, string user, string password)
    {
        var auths = _root["auths"] as JsonObject ?? new JsonObject();
        _root["auths"] = auths;
        if (HelperFor(server) is CredentialHelper helper)
        {
            // As the docker CLI: the secret goes to the helper, config.json keeps an empty entry.
            helper.Store(ServerKey(server), user, password);
            auths[ServerKey(server)] = new JsonObject();
        }
        else
        {
            auths[ServerKey(server)] = new JsonObject { ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)) };
        }
        Save();
    }

    public bool Remove(string server)
    {
        HelperFor(server)?.Erase(ServerKey(server));
        if (_root["auths"] is not JsonObject auths || !auths.Remove(ServerKey(server)))
            return false;
        Save();
        return true;
    }

    /// <summary>The <c>X-Registry-Auth</c> for pulling or pushing <paramref name="reference"/>, or null for anonymous.</summary>
    public string? RegistryAuthFor(ImageReference reference)
    {
        string key = ServerKey(reference.Domain);
        return Get(key) is var (user, password) ? EngineClient.EncodeRegistryAuth(user, password, key) : null;
    }

    private void Save()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        string temp = Path + ".tmp";
        File.WriteAllText(temp, _root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentCharacter = '\t', IndentSize = 1 }));
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, Path, overwrite: true);
    }
}
