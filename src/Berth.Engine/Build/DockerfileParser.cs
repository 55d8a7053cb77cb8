using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Core.Errors;

namespace Berth.Engine.Build;

/// <summary>
/// Parses a Dockerfile as BuildKit's parser does: parser directives at the top (<c># escape=`</c>,
/// <c># syntax=...</c> accepted and ignored, <c># check=...</c>), comments, line continuations with
/// the escape character, heredocs on RUN/COPY/ADD, flags, JSON (exec) or shell form. Each
/// instruction is checked for its arguments here, so a bad Dockerfile fails before any step runs,
/// with Docker's <c>dockerfile parse error line N: ...</c>.
/// </summary>
public static partial class DockerfileParser
{
    private static readonly HashSet<string> s_known =
    [
        "FROM", "RUN", "CMD", "ENTRYPOINT", "ENV", "ARG", "LABEL", "EXPOSE", "VOLUME", "WORKDIR", "USER", "COPY", "ADD",
        "SHELL", "STOPSIGNAL", "HEALTHCHECK", "ONBUILD", "MAINTAINER",
    ];

    private static readonly Dictionary<string, string[]> s_flags = new()
    {
        ["FROM"] = ["platform"],
        ["COPY"] = ["from", "chown", "chmod", "link", "parents", "exclude"],
        ["ADD"] = ["chown", "chmod", "link", "checksum", "keep-git-dir", "exclude"],
        ["RUN"] = ["mount", "network", "security"],
        ["HEALTHCHECK"] = ["interval", "timeout", "start-period", "start-interval", "retries"],
    };

    [GeneratedRegex(@"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$")]
    private static partial Regex DirectiveRegex();

    [GeneratedRegex(@"(?:^|(?<=\s))<<(-?)(""[^""]*""|'[^']*'|[A-Za-z0-9_]+)")]
    private static partial Regex HeredocRegex();

    public static Dockerfile Parse(string text)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        char escape = '\\';
        int i = 0;
        var seen = new HashSet<string>();
        // Directives: only at the very top, before any instruction, blank line or other comment.
        for (; i < lines.Length; i++)
        {
            var m = DirectiveRegex().Match(lines[i]);
            if (!m.Success)
                break;
            string key = m.Groups[1].Value.ToLowerInvariant();
            if (key is not ("escape" or "syntax" or "check"))
                break;
            if (!seen.Add(key))
                throw BerthException.Invalid($"only one {key} parser directive can be used");
            if (key == "escape")
            {
                string value = m.Groups[2].Value;
                if (value is not ("\\" or "`"))
                    throw BerthException.Invalid($"invalid escape token '{value}' does not match ` or \\");
                escape = value[0];
            }
        }

        var instructions = new List<Instruction>();
        while (i < lines.Length)
        {
            string line = lines[i];
            if (IsBlankOrComment(line))
            {
                i++;
                continue;
            }
            int start = i + 1;
            var logical = new StringBuilder();
            string current = line.TrimStart();
            i++;
            while (Continues(current, escape, out string stripped))
            {
                logical.Append(stripped);
                // Comment and blank lines inside a continuation are dropped.
                while (i < lines.Length && IsBlankOrComment(lines[i]))
                    i++;
                if (i >= lines.Length)
                {
                    current = "";
                    break;
                }
                current = lines[i++];
            }
            logical.Append(current);
            string full = logical.ToString().Trim();
            var instruction = ParseInstruction(full, start, lines, ref i);
            instructions.Add(instruction);
        }
        if (instructions.Count == 0)
            throw BerthException.Invalid("failed to parse Dockerfile: file with no instructions");
        return new Dockerfile(escape, instructions);
    }

    /// <summary>Parses one instruction's text (ONBUILD triggers go through here too).</summary>
    public static Instruction ParseInstruction(string full, int line)
    {
        int none = int.MaxValue;
        return ParseInstruction(full, line, [], ref none);
    }

    private static Instruction ParseInstruction(string full, int line, string[] lines, ref int next)
    {
        int space = full.IndexOfAny([' ', '\t']);
        string keyword = (space < 0 ? full : full[..space]).ToUpperInvariant();
        string rest = space < 0 ? "" : full[(space + 1)..].TrimStart();
        if (!s_known.Contains(keyword))
            throw Error(line, $"unknown instruction: {(space < 0 ? full : full[..space])}");

        var flags = new List<string>();
        if (keyword != "ONBUILD")
        {
            while (rest.StartsWith("--", StringComparison.Ordinal))
            {
                int end = rest.IndexOfAny([' ', '\t']);
                string flag = end < 0 ? rest : rest[..end];
                if (flag == "--")
                    break;
                rest = end < 0 ? "" : rest[end..].TrimStart();
                flags.Add(flag);
            }
            foreach (string flag in flags)
            {
                string name = flag[2..].Split('=')[0];
                if (!s_flags.TryGetValue(keyword, out var allowed) || !allowed.Contains(name))
                    throw Error(line, $"Unknown flag: {name}");
            }
        }

        var heredocs = new List<Heredoc>();
        if (keyword is "RUN" or "COPY" or "ADD" && next != int.MaxValue)
        {
            foreach (Match m in HeredocRegex().Matches(rest))
            {
                string word = m.Groups[2].Value;
                bool quoted = word[0] is '"' or '\'';
                string name = quoted ? word[1..^1] : word;
                bool strip = m.Groups[1].Value == "-";
                var body = new StringBuilder();
                bool closed = false;
                while (next < lines.Length)
                {
                    string l = lines[next++];
                    string candidate = strip ? l.TrimStart('\t') : l;
                    if (candidate == name)
                    {
                        closed = true;
                        break;
                    }
                    body.Append(candidate).Append('\n');
                }
                if (!closed)
                    throw Error(line, $"unterminated heredoc {name}");
                heredocs.Add(new Heredoc(name, body.ToString(), !quoted));
            }
        }

        IReadOnlyList<string>? json = null;
        if (rest.StartsWith('[') && keyword is "RUN" or "CMD" or "ENTRYPOINT" or "SHELL" or "COPY" or "ADD" or "VOLUME")
            json = TryJson(rest);
        var instruction = new Instruction(line, keyword, flags, rest, json, heredocs, full);
        Validate(instruction);
        return instruction;
    }

    private static IReadOnlyList<string>? TryJson(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, EngineJson.Default.StringArray);
        }
        catch (JsonException)
        {
            return null; // not JSON: Docker falls back to shell form
        }
    }

    /// <summary>Argument counts and forms, with Docker's messages.</summary>
    private static void Validate(Instruction ins)
    {
        string k = ins.Keyword;
        string text = ins.Text;
        bool empty = text.Length == 0 && ins.Json is null;
        switch (k)
        {
            case "FROM":
                int words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
                if (words is not (1 or 3))
                    throw Error(ins.Line, "FROM requires either one or three arguments");
                if (words == 3 && !text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1].Equals("AS", StringComparison.OrdinalIgnoreCase))
                    throw Error(ins.Line, "FROM requires either one or three arguments");
                break;
            case "RUN" or "CMD" or "ENTRYPOINT":
                if (k == "RUN" && empty)
                    throw Error(ins.Line, "RUN requires at least one argument");
                if (k == "RUN" && ins.Flags.Count > 0)
                    throw Error(ins.Line, $"the --{ins.Flags[0][2..].Split('=')[0]} option requires BuildKit; this builder runs RUN without it");
                break;
            case "SHELL":
                if (ins.Json is null)
                    throw Error(ins.Line, "SHELL requires the arguments to be in JSON form");
                if (ins.Json.Count == 0)
                    throw Error(ins.Line, "SHELL requires at least one argument");
                break;
            case "ENV" or "LABEL":
                if (empty)
                    throw Error(ins.Line, $"{k} requires at least one argument");
                if (!text.Contains('=') && text.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries).Length < 2)
                    throw Error(ins.Line, $"{k} must have two arguments");
                break;
            case "COPY" or "ADD":
                int count = ins.Json?.Count ?? text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
                if (count < 2)
                    throw Error(ins.Line, $"{k} requires at least two arguments, but only one was provided. Destination could not be determined.");
                if (ins.Flag("link") is not null || ins.Flag("parents") is not null || ins.Flag("exclude") is not null || ins.Flag("checksum") is not null || ins.Flag("keep-git-dir") is not null)
                    throw Error(ins.Line, $"the {ins.Flags.First(f => f.Split('=')[0] is not ("--from" or "--chown" or "--chmod"))} option requires BuildKit");
                break;
            case "ARG":
                if (text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length == 0)
                    throw Error(ins.Line, "ARG requires at least one argument");
                break;
            case "WORKDIR" or "USER" or "STOPSIGNAL" or "MAINTAINER":
                if (text.Length == 0)
                    throw Error(ins.Line, $"{k} requires exactly one argument");
                break;
            case "EXPOSE" or "VOLUME":
                if (empty)
                    throw Error(ins.Line, $"{k} requires at least one argument");
                break;
            case "ONBUILD":
                if (text.Length == 0)
                    throw Error(ins.Line, "ONBUILD requires at least one argument");
                string trigger = text.Split([' ', '\t'], 2)[0].ToUpperInvariant();
                if (trigger is "ONBUILD")
                    throw Error(ins.Line, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
                if (trigger is "FROM" or "MAINTAINER")
                    throw Error(ins.Line, $"{trigger} isn't allowed as an ONBUILD trigger");
                ParseInstruction(text, ins.Line);
                break;
            case "HEALTHCHECK":
                string first = text.Split([' ', '\t'], 2)[0].ToUpperInvariant();
                if (first is not ("NONE" or "CMD"))
                    throw Error(ins.Line, "Unknown type\"" + first + "\" in HEALTHCHECK (try CMD)");
                if (first == "NONE" && text.Trim().Length > 4)
                    throw Error(ins.Line, "HEALTHCHECK NONE takes no arguments");
                if (first == "CMD" && text.Trim().Length <= 3)
                    throw Error(ins.Line, "Missing command after HEALTHCHECK CMD");
                break;
        }
    }

    private static bool IsBlankOrComment(string line)
    {
        string t = line.TrimStart();
        return t.Length == 0 || t[0] == '#';
    }

    /// <summary>True if the line ends with the escape character (trailing blanks allowed); gives it without.</summary>
    private static bool Continues(string line, char escape, out string stripped)
    {
        string t = line.TrimEnd(' ', '\t');
        if (t.Length > 0 && t[^1] == escape)
        {
            stripped = t[..^1];
            return true;
        }
        stripped = line;
        return false;
    }

    public static BerthException Error(int line, string message) => BerthException.Invalid($"dockerfile parse error line {line}: {message}");
}
