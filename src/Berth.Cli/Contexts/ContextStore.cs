using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Client;

namespace Berth.Cli.Contexts;

/// <summary>
/// Contexts as the docker CLI stores them, so berth and docker share them: under the config
/// directory (<c>$DOCKER_CONFIG</c>, else <c>~/.docker</c>), <c>contexts/meta/SHA256(NAME)/meta.json</c>
/// (<c>{"Name", "Metadata": {"Description"}, "Endpoints": {"docker": {"Host", "SkipTLSVerify"}}}</c>)
/// and the endpoint's TLS files in <c>contexts/tls/SHA256(NAME)/docker/{ca,cert,key}.pem</c>; the
/// current one is <c>currentContext</c> in <c>config.json</c>. "default" is not stored: it is the
/// environment's (<c>-H</c>, <c>BERTH_HOST</c>, <c>DOCKER_HOST</c> or the default socket).
/// </summary>
internal sealed class ContextStore(string configDir)
{
    public const string Default = "default";
    private static readonly string[] s_tlsFiles = ["ca.pem", "cert.pem", "key.pem"];

    public static ContextStore Open() => new(Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } d
        ? d : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker"));

    public string MetaDir(string name) => Path.Combine(configDir, "contexts", "meta", Id(name));

    public string TlsDir(string name) => Path.Combine(configDir, "contexts", "tls", Id(name));

    private string ConfigFile => Path.Combine(configDir, "config.json");

    /// <summary>The directory name of a context: the hex SHA-256 of its name, as the docker CLI's.</summary>
    public static string Id(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    public IReadOnlyList<DockerContext> List()
    {
        string meta = Path.Combine(configDir, "contexts", "meta");
        if (!Directory.Exists(meta))
            return [];
        return Directory.EnumerateDirectories(meta).Select(d => Path.Combine(d, "meta.json")).Where(File.Exists)
            .Select(f => Parse(File.ReadAllText(f))).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    public DockerContext? Find(string name)
    {
        string file = Path.Combine(MetaDir(name), "meta.json");
        return File.Exists(file) ? Parse(File.ReadAllText(file)) : null;
    }

    public void Create(DockerContext context, string? ca, string? cert, string? key)
    {
        string dir = MetaDir(context.Name);
        Directory.CreateDirectory(dir);
        var json = new JsonObject
        {
            ["Name"] = context.Name,
            ["Metadata"] = context.Description is null ? new JsonObject() : new JsonObject { ["Description"] = context.Description },
            ["Endpoints"] = new JsonObject { ["docker"] = new JsonObject { ["Host"] = context.Host, ["SkipTLSVerify"] = context.SkipTlsVerify } },
        };
        File.WriteAllText(Path.Combine(dir, "meta.json"), json.ToJsonString());
        string[] given = [ca ?? "", cert ?? "", key ?? ""];
        for (int i = 0; i < s_tlsFiles.Length; i++)
        {
            if (given[i].Length == 0)
                continue;
            string tls = Path.Combine(TlsDir(context.Name), "docker");
            Directory.CreateDirectory(tls);
            File.Copy(given[i], Path.Combine(tls, s_tlsFiles[i]), overwrite: true);
            File.SetUnixFileMode(Path.Combine(tls, s_tlsFiles[i]), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public void Remove(string name)
    {
        if (Directory.Exists(MetaDir(name)))
            Directory.Delete(MetaDir(name), recursive: true);
        if (Directory.Exists(TlsDir(name)))
            Directory.Delete(TlsDir(name), recursive: true);
    }

    /// <summary>The TLS files stored for a context's docker endpoint, by name (ca.pem, cert.pem, key.pem).</summary>
    public IReadOnlyList<string> TlsFiles(string name)
    {
        string dir = Path.Combine(TlsDir(name), "docker");
        return s_tlsFiles.Where(f => File.Exists(Path.Combine(dir, f))).ToList();
    }

    /// <summary>How berth speaks to a stored context's endpoint: TLS when it has TLS files.</summary>
    public ClientTls? Tls(DockerContext context)
    {
        var files = TlsFiles(context.Name);
        if (files.Count == 0)
            return null;
        string dir = Path.Combine(TlsDir(context.Name), "docker");
        string? File(string f) => files.Contains(f) ? Path.Combine(dir, f) : null;
        return new ClientTls(!context.SkipTlsVerify && files.Contains("ca.pem"), File("ca.pem"), File("cert.pem"), File("key.pem"));
    }

    /// <summary><c>currentContext</c> of config.json, "default" when unset.</summary>
    public string Current
    {
        get
        {
            if (!File.Exists(ConfigFile) || JsonNode.Parse(File.ReadAllText(ConfigFile)) is not JsonObject root)
                return Default;
            return root["currentContext"]?.GetValue<string>() is { Length: > 0 } name ? name : Default;
        }
        set
        {
            JsonObject root = File.Exists(ConfigFile) && JsonNode.Parse(File.ReadAllText(ConfigFile)) is JsonObject o ? o : new JsonObject();
            if (value == Default)
                root.Remove("currentContext");
            else
                root["currentContext"] = value;
            Directory.CreateDirectory(configDir);
            string temp = ConfigFile + ".tmp";
            File.WriteAllText(temp, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentCharacter = '\t', IndentSize = 1 }));
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(temp, ConfigFile, overwrite: true);
        }
    }

    private static DockerContext Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        string? description = root.TryGetProperty("Metadata", out var m) && m.ValueKind == JsonValueKind.Object && m.TryGetProperty("Description", out var d) ? d.GetString() : null;
        string host = "";
        bool skip = false;
        if (root.TryGetProperty("Endpoints", out var e) && e.TryGetProperty("docker", out var docker))
        {
            host = docker.TryGetProperty("Host", out var h) ? h.GetString() ?? "" : "";
            skip = docker.TryGetProperty("SkipTLSVerify", out var s) && s.ValueKind == JsonValueKind.True;
        }
        return new DockerContext(root.GetProperty("Name").GetString()!, description, host, skip);
    }
}

/// <summary>A stored context: its name, description and docker endpoint.</summary>
internal sealed record DockerContext(string Name, string? Description, string Host, bool SkipTlsVerify);
