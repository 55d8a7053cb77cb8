namespace Berth.Engine.Build;

/// <summary>
/// One Dockerfile instruction as parsed, before evaluation: the keyword (upper case), its
/// <c>--flags</c>, the rest of the line as written (<see cref="Text"/>), the JSON array when
/// written in exec form, and any heredocs it opened. <see cref="Original"/> is the logical
/// line (continuations joined) that <c>Step N/M :</c> prints.
/// </summary>
public sealed record Instruction(int Line, string Keyword, IReadOnlyList<string> Flags, string Text, IReadOnlyList<string>? Json,
    IReadOnlyList<Heredoc> Heredocs, string Original)
{
    /// <summary>The value of <c>--name=value</c>, or null when the flag is absent.</summary>
    public string? Flag(string name)
    {
        foreach (string flag in Flags)
        {
            string body = flag[2..];
            int eq = body.IndexOf('=');
            if ((eq < 0 ? body : body[..eq]) == name)
                return eq < 0 ? "" : body[(eq + 1)..];
        }
        return null;
    }
}

/// <summary>A here-document (<c>&lt;&lt;EOF</c>): its name, body, and whether variables in it are expanded (unquoted name).</summary>
public sealed record Heredoc(string Name, string Content, bool Expand);

/// <summary>A parsed Dockerfile: its escape character and its instructions, in order.</summary>
public sealed record Dockerfile(char Escape, IReadOnlyList<Instruction> Instructions);
