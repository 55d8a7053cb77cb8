using System.Diagnostics;
using System.Text.Json;
using Berth.Linux.Processes;

namespace Berth.Linux.Cni;

/// <summary>
/// One CNI plugin invocation, per the CNI spec: the verb and the container in the environment,
/// the network configuration on stdin, the result (or an error object) on stdout.
/// </summary>
public sealed class CniPlugin(string pluginDir)
{
    public string PluginDir { get; } = pluginDir;

    /// <summary>Runs plugin <paramref name="type"/>; returns its stdout. A failure is a <see cref="ToolException"/> carrying the plugin's <c>msg</c>.</summary>
    public async Task<string> ExecAsync(string type, string command, string containerId, string netns, string ifName, byte[] config, CancellationToken ct)
    {
        string binary = Path.Combine(PluginDir, type);
        if (type.Contains('/') || !File.Exists(binary))
            throw new ToolException(type, 127, $"failed to find plugin \"{type}\" in path [{PluginDir}]");
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["CNI_COMMAND"] = command;
        info.Environment["CNI_CONTAINERID"] = containerId;
        info.Environment["CNI_NETNS"] = netns;
        info.Environment["CNI_IFNAME"] = ifName;
        info.Environment["CNI_PATH"] = PluginDir;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {binary}");
        try
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(ct);
            Task<string> stderr = process.StandardError.ReadToEndAsync(ct);
            await process.StandardInput.BaseStream.WriteAsync(config, ct);
            process.StandardInput.Close();
            await process.WaitForExitAsync(ct);
            string output = await stdout;
            string errors = await stderr;
            if (process.ExitCode != 0)
                throw new ToolException(type, process.ExitCode, ErrorMessage(output) ?? errors);
            return output;
        }
        finally
        {
            ToolRunner.ClosePipes(process);
        }
    }

    /// <summary>The <c>msg</c> (and <c>details</c>) of a CNI error object.</summary>
    private static string? ErrorMessage(string stdout)
    {
        try
        {
            using var doc = JsonDocument.Parse(stdout);
            if (!doc.RootElement.TryGetProperty("msg", out var msg))
                return null;
            string text = msg.GetString() ?? "";
            if (doc.RootElement.TryGetProperty("details", out var details) && details.GetString() is { Length: > 0 } d)
                text += ": " + d;
            return text;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
