namespace Berth.IntegrationTests.Harness;

/// <summary>
/// Runs a script against a daemon with docker-py as Debian ships it (python3-docker 5.0.3):
/// the system's interpreter, not whichever <c>python3</c> comes first on the PATH, whose own
/// docker-py may be another version. The script gets the daemon's host as <c>sys.argv[1]</c>.
/// </summary>
public static class DockerPy
{
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>The script's output; a non-zero exit fails the test with both outputs.</summary>
    public static async Task<string> RunAsync(string script, string host)
    {
        var r = await ProcessRunner.RunAsync(Python, ["-c", script, host]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Stdout.Replace("\r", "");
    }
}
