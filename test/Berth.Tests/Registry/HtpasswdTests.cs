using Berth.Core.Errors;
using Berth.Engine.Registry;

namespace Berth.Tests.Registry;

public sealed class HtpasswdTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void Bcrypt_users_are_checked_and_other_hashes_refused()
    {
        string file = _dir["htpasswd"];
        File.WriteAllText(file, "# users\nalice:" + BCrypt.Net.BCrypt.HashPassword("s3cret", 4) + "\n");
        var users = Htpasswd.Load(file);
        Assert.True(users.Verify("alice", "s3cret"));
        Assert.True(users.Verify("alice", "s3cret")); // remembered
        Assert.False(users.Verify("alice", "wrong"));
        Assert.False(users.Verify("bob", "s3cret"));

        File.WriteAllText(file, "alice:{SHA}abc\n");
        Assert.Contains("only bcrypt", Assert.Throws<BerthException>(() => Htpasswd.Load(file)).Message);
    }

    public void Dispose() => _dir.Dispose();
}
