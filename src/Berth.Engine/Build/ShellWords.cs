using System.Text;
using Berth.Core.Errors;

namespace Berth.Engine.Build;

/// <summary>
/// The Dockerfile's word processing (BuildKit's <c>shell.Lex</c>): quotes, the escape
/// character, and variable substitution with <c>$VAR</c>, <c>${VAR}</c>, <c>${VAR:-word}</c>,
/// <c>${VAR-word}</c>, <c>${VAR:+word}</c>, <c>${VAR+word}</c>, <c>${VAR:?msg}</c>. Single quotes
/// keep everything literal; double quotes keep spaces but still substitute. An unset variable
/// is empty.
/// </summary>
public sealed class ShellWords(char escape = '\\')
{
    /// <summary>One word: quotes removed, variables substituted, spaces kept.</summary>
    public string ProcessWord(string text, IReadOnlyDictionary<string, string> env) => Process(text, env, split: false)[0];

    /// <summary>Words split at unquoted whitespace, after substitution (ENV, LABEL, EXPOSE...).</summary>
    public IReadOnlyList<string> ProcessWords(string text, IReadOnlyDictionary<string, string> env) => Process(text, env, split: true);

    private List<string> Process(string text, IReadOnlyDictionary<string, string> env, bool split)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (split && char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(word.ToString());
                word.Clear();
                inWord = false;
                i++;
                continue;
            }
            inWord = true;
            if (c == escape)
            {
                if (i + 1 < text.Length)
                    word.Append(text[i + 1]);
                i += 2;
            }
            else if (c == '\'')
            {
                int end = text.IndexOf('\'', i + 1);
                if (end < 0)
                    throw BerthException.Invalid($"unexpected end of statement while looking for matching single-quote");
                word.Append(text, i + 1, end - i - 1);
                i = end + 1;
            }
            else if (c == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                        throw BerthException.Invalid("unexpected end of statement while looking for matching double-quote");
                    char d = text[i];
                    if (d == '"')
                    {
                        i++;
                        break;
                    }
                    if (d == escape && i + 1 < text.Length && text[i + 1] is '"' or '$' || d == escape && i + 1 < text.Length && text[i + 1] == escape)
                    {
                        word.Append(text[i + 1]);
                        i += 2;
                    }
                    else if (d == '$')
                    {
                        i = Substitute(text, i, env, word);
                    }
                    else
                    {
                        word.Append(d);
                        i++;
                    }
                }
            }
            else if (c == '$')
            {
                i = Substitute(text, i, env, word);
            }
            else
            {
                word.Append(c);
                i++;
            }
        }
        if (inWord || !split)
            words.Add(word.ToString());
        return words;
    }

    /// <summary>Substitutes the variable at <paramref name="i"/> (a <c>$</c>); returns the index after it.</summary>
    private int Substitute(string text, int i, IReadOnlyDictionary<string, string> env, StringBuilder output)
    {
        i++;
        if (i >= text.Length)
        {
            output.Append('$');
            return i;
        }
        if (text[i] == '{')
        {
            int start = i + 1;
            int j = start;
            while (j < text.Length && IsNameChar(text[j], j == start))
                j++;
            string name = text[start..j];
            if (name.Length == 0 || j >= text.Length)
                throw BerthException.Invalid($"failed to process \"{text}\": missing ':' in substitution");
            if (text[j] == '}')
            {
                output.Append(env.GetValueOrDefault(name, ""));
                return j + 1;
            }
            bool colon = text[j] == ':';
            if (colon)
                j++;
            char op = j < text.Length ? text[j] : '\0';
            if (op is not ('-' or '+' or '?'))
                throw BerthException.Invalid($"failed to process \"{text}\": unsupported modifier ({op}) in substitution");
            int close = MatchingBrace(text, j + 1);
            if (close < 0)
                throw BerthException.Invalid($"failed to process \"{text}\": syntax error: missing '}}'");
            string word = ProcessWord(text[(j + 1)..close], env);
            bool set = env.TryGetValue(name, out string? value);
            bool present = set && (!colon || value!.Length > 0);
            switch (op)
            {
                case '-': output.Append(present ? value : word); break;
                case '+': output.Append(present ? word : ""); break;
                default:
                    if (!present)
                        throw BerthException.Invalid($"failed to process \"{text}\": {name}: {(word.Length > 0 ? word : "is not allowed to be unset")}");
                    output.Append(value);
                    break;
            }
            return close + 1;
        }
        int k = i;
        while (k < text.Length && IsNameChar(text[k], k == i))
            k++;
        if (k == i)
        {
            output.Append('$');
            return i;
        }
        output.Append(env.GetValueOrDefault(text[i..k], ""));
        return k;
    }

    private static int MatchingBrace(string text, int from)
    {
        int depth = 0;
        for (int i = from; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && depth-- == 0) return i;
        }
        return -1;
    }

    private static bool IsNameChar(char c, bool first) => c == '_' || char.IsAsciiLetter(c) || !first && char.IsAsciiDigit(c);
}
