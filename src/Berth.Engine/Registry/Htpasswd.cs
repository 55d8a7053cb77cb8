using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Berth.Core.Errors;

namespace Berth.Engine.Registry;

/// <summary>
/// The registry's users: an htpasswd file of bcrypt hashes (<c>htpasswd -B</c>), as
/// distribution's htpasswd auth accepts. Checking bcrypt costs tens of milliseconds and a
/// client sends its credentials on every request, so a successful check is remembered (by a
/// SHA-256 of user and password, never the password itself).
/// </summary>
public sealed class Htpasswd
{
    private readonly Dictionary<string, string> _users;
    private readonly ConcurrentDictionary<string, bool> _verified = new();

    private Htpasswd(Dictionary<string, string> users) => _users = users;

    public static Htpasswd Load(string path)
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            int colon = line.IndexOf(':');
            string hash = colon > 0 ? line[(colon + 1)..] : "";
            if (!hash.StartsWith("$2", StringComparison.Ordinal))
                throw BerthException.Invalid($"{path}: only bcrypt entries (htpasswd -B) are supported");
            users[line[..colon]] = hash;
        }
        if (users.Count == 0)
            throw BerthException.Invalid($"{path}: no users");
        return new Htpasswd(users);
    }

    public bool Verify(string user, string password)
    {
        if (!_users.TryGetValue(user, out string? hash))
            return false;
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user + "\0" + password)));
        if (_verified.ContainsKey(key))
            return true;
        bool ok;
        try
        {
            ok = BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            ok = false;
        }
        if (ok)
            _verified[key] = true;
        return ok;
    }
}
