using System.Text.Json;

namespace Berth.Cli.Containers;

/// <summary>
/// The ExecConfig body of <c>POST /containers/{id}/exec</c>, as docker's <c>parseExec</c> fills
/// it: stdout and stderr are attached unless detached, stdin only with <c>-i</c>, and a TTY's
/// console size rides along so the process starts at the right size.
/// </summary>
internal sealed record ExecRequest(
    IReadOnlyList<string> Cmd,
    IReadOnlyList<string> Env,
    string User,
    string WorkingDir,
    bool Tty,
    bool Interactive,
    bool Detach,
    bool Privileged,
    string DetachKeys,
    (int Height, int Width)? ConsoleSize)
{
    public bool AttachStdin => !Detach && Interactive;

    public bool AttachOutput => !Detach;

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("User", User);
            w.WriteBoolean("Privileged", Privileged);
            w.WriteBoolean("Tty", Tty);
            if (ConsoleSize is { } size)
            {
                w.WriteStartArray("ConsoleSize");
                w.WriteNumberValue(size.Height);
                w.WriteNumberValue(size.Width);
                w.WriteEndArray();
            }

            w.WriteBoolean("AttachStdin", AttachStdin);
            w.WriteBoolean("AttachStderr", AttachOutput);
            w.WriteBoolean("AttachStdout", AttachOutput);
            w.WriteBoolean("Detach", Detach);
            w.WriteString("DetachKeys", DetachKeys);
            w.WriteStartArray("Env");
            foreach (var e in Env)
            {
                w.WriteStringValue(e);
            }

            w.WriteEndArray();
            w.WriteString("WorkingDir", WorkingDir);
            w.WriteStartArray("Cmd");
            foreach (var c in Cmd)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
