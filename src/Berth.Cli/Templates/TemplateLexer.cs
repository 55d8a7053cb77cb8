using System.Text;

namespace Berth.Cli.Templates;

/// <summary>
/// Splits a Go text/template into tokens: literal text between actions, and the words
/// inside <c>{{ }}</c>. Handles the trim markers <c>{{- </c> and <c> -}}</c> (which eat the
/// adjacent white space of the text) and <c>{{/* comments */}}</c>.
/// </summary>
internal sealed class TemplateLexer(string input)
{
    private readonly List<Token> _tokens = [];
    private int _position;

    public List<Token> Lex()
    {
        while (_position < input.Length)
        {
            var open = input.IndexOf("{{", _position, StringComparison.Ordinal);
            if (open < 0)
            {
                AddText(input[_position..]);
                break;
            }

            var text = input[_position..open];
            var trimLeft = open + 3 < input.Length && input[open + 2] == '-' && IsSpace(input[open + 3]);
            AddText(trimLeft ? text.TrimEnd(' ', '\t', '\r', '\n') : text);
            _position = open + (trimLeft ? 3 : 2);
            LexAction(open);
        }

        _tokens.Add(new Token(TokenKind.EndOfInput, string.Empty, input.Length));
        return _tokens;
    }

    private void AddText(string text)
    {
        if (text.Length > 0)
        {
            _tokens.Add(new Token(TokenKind.Text, text, _position));
        }
    }

    private void LexAction(int start)
    {
        SkipSpaces();
        if (input.AsSpan(_position).StartsWith("/*"))
        {
            var endComment = input.IndexOf("*/", _position, StringComparison.Ordinal);
            if (endComment < 0)
            {
                throw Error("unclosed comment");
            }

            _position = endComment + 2;
            SkipSpaces();
            CloseAction(emitDelimiters: false);
            return;
        }

        _tokens.Add(new Token(TokenKind.LeftDelim, "{{", start));
        while (true)
        {
            SkipSpaces();
            if (_position >= input.Length)
            {
                throw Error("unclosed action");
            }

            if (input.AsSpan(_position).StartsWith("}}") || input.AsSpan(_position).StartsWith("-}}"))
            {
                CloseAction(emitDelimiters: true);
                return;
            }

            LexWord();
            var last = _tokens[^1];
            _tokens[^1] = last with { End = _position };
        }
    }

    private void CloseAction(bool emitDelimiters)
    {
        var trimRight = input.AsSpan(_position).StartsWith("-}}");
        if (!trimRight && !input.AsSpan(_position).StartsWith("}}"))
        {
            throw Error("unclosed comment");
        }

        _position += trimRight ? 3 : 2;
        if (emitDelimiters)
        {
            _tokens.Add(new Token(TokenKind.RightDelim, "}}", _position));
        }

        if (trimRight)
        {
            while (_position < input.Length && IsSpace(input[_position]))
            {
                _position++;
            }
        }
    }

    private void LexWord()
    {
        var c = input[_position];
        var start = _position;
        switch (c)
        {
            case '|':
                Emit(TokenKind.Pipe, "|", 1);
                return;
            case '(':
                Emit(TokenKind.LeftParen, "(", 1);
                return;
            case ')':
                Emit(TokenKind.RightParen, ")", 1);
                return;
            case ',':
                Emit(TokenKind.Comma, ",", 1);
                return;
            case ':' when Peek(1) == '=':
                Emit(TokenKind.Declare, ":=", 2);
                return;
            case '=':
                Emit(TokenKind.Assign, "=", 1);
                return;
            case '"':
                _tokens.Add(new Token(TokenKind.String, ReadQuoted(), start));
                return;
            case '`':
                var close = input.IndexOf('`', _position + 1);
                if (close < 0)
                {
                    throw Error("unterminated raw quoted string");
                }

                _tokens.Add(new Token(TokenKind.String, input[(_position + 1)..close], start));
                _position = close + 1;
                return;
            case '.' when !IsIdentifierChar(Peek(1)):
                Emit(TokenKind.Dot, ".", 1);
                return;
            case '.':
                _position++;
                _tokens.Add(new Token(TokenKind.Field, ReadIdentifier(), start));
                return;
            case '$':
                _position++;
                _tokens.Add(new Token(TokenKind.Variable, "$" + ReadIdentifier(), start));
                return;
        }

        if (char.IsDigit(c) || (c is '-' or '+' && char.IsDigit(Peek(1))))
        {
            _position++;
            while (_position < input.Length && (char.IsLetterOrDigit(input[_position]) || input[_position] is '.' or '_' or '+' or '-' && char.IsLetter(input[_position - 1])))
            {
                _position++;
            }

            _tokens.Add(new Token(TokenKind.Number, input[start.._position], start));
            return;
        }

        if (IsIdentifierChar(c))
        {
            _tokens.Add(new Token(TokenKind.Identifier, ReadIdentifier(), start));
            return;
        }

        throw Error($"unexpected \"{c}\" in command");
    }

    private string ReadQuoted()
    {
        var builder = new StringBuilder();
        _position++;
        while (true)
        {
            if (_position >= input.Length || input[_position] == '\n')
            {
                throw Error("unterminated quoted string");
            }

            var c = input[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escaped = _position < input.Length ? input[_position++] : '\\';
            builder.Append(escaped switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '0' => '\0',
                _ => escaped,
            });
        }
    }

    private string ReadIdentifier()
    {
        var start = _position;
        while (_position < input.Length && IsIdentifierChar(input[_position]))
        {
            _position++;
        }

        return input[start.._position];
    }

    private void Emit(TokenKind kind, string text, int length)
    {
        _tokens.Add(new Token(kind, text, _position));
        _position += length;
    }

    private char Peek(int offset) => _position + offset < input.Length ? input[_position + offset] : '\0';

    private void SkipSpaces()
    {
        while (_position < input.Length && IsSpace(input[_position]))
        {
            _position++;
        }
    }

    private TemplateException Error(string message)
    {
        var line = 1 + input.AsSpan(0, Math.Min(_position, input.Length)).Count('\n');
        return new TemplateException($"template: :{line}: {message}");
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
