using System.Diagnostics;
using System.Text.Json;

namespace Berth.Cli.Registry;

/// <summary>
/// A docker credential helper (<c>docker-credential-NAME</c>, named by config.json's
/// <c>credsStore</c> or <c>credHelpers</c>): <c>get</c> and <c>erase</c> read the server on stdin,
/// <c>store</c> reads <c>{"ServerURL","Username","Secret"}</c>; <c>get</c> answers the same JSON.
/// </summary>
internal sealed class CredentialHelper(string name)
{
    public string Program => "docker-credential-" + name;

    public (string User, string Password)? Get(string server)
    {
        var (exit, output) = Run("get", server);
        if (exit != 0)
            return null; // "credentials not found in native keychain"
        using var doc = JsonDocument.Parse(output);
        string user = doc.RootElement.TryGetProperty("Username", out var u) ? u.GetString() ?? "" : "";
        string secret = doc.RootElement.TryGetProperty("Secret", out var s) ? s.GetString() ?? "" : "";
        return user.Length == 0 && secret.Length == 0 ? null : (user, secret);
    }

    public void Store(string server, string user, string password)
    {
        string json = JsonSerializer.Serialize(new Dictionary<string, string> { ["ServerURL"] = server, ["Username"] = user, ["Secret"] = password }, Berth.Client.ClientJson.Default.DictionaryStringString);
        var (exit, output) = Run("store", json);
        if (exit != 0)
            throw new Commands.CliFailure($"Error saving credentials: error storing credentials - err: exit status {exit}, out: `{output.Trim()}`");
    }

    public void Erase(string server) => Run("erase", server);

    private (int Exit, string Output) Run(string verb, string input)
    {
        var info = new ProcessStartInfo(Program, verb)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            try
            {
                process.StandardInput.Write(input);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The helper exited without reading: its exit status and output say why.
            }
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, process.ExitCode == 0 ? output : output + error.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new Commands.CliFailure($"error getting credentials - err: exec: \"{Program}\": executable file not found in $PATH, out: ``");
        }
    }
}
