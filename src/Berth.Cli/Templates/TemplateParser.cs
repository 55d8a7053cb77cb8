using System.Globalization;
using Berth.Cli.Templates.Nodes;

namespace Berth.Cli.Templates;

/// <summary>
/// Recursive-descent parser for the text/template subset docker users write:
/// actions, pipelines, variables, parenthesized operands, and if/else if/else, range and with blocks.
/// </summary>
internal sealed class TemplateParser
{
    private readonly List<Token> _tokens;
    private int _index;

    private TemplateParser(List<Token> tokens) => _tokens = tokens;

    public static ListNode Parse(string text)
    {
        var parser = new TemplateParser(new TemplateLexer(text).Lex());
        var body = parser.ParseList(out var terminator);
        if (terminator is not null)
        {
            throw new TemplateException($"template: :1: unexpected {{{{{terminator}}}}}");
        }

        return body;
    }

    /// <summary>Parses nodes until end of input or a <c>{{end}}</c>/<c>{{else}}</c>, whose keyword is returned.</summary>
    private ListNode ParseList(out string? terminator)
    {
        var nodes = new List<Node>();
        while (true)
        {
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.EndOfInput:
                    terminator = null;
                    return new ListNode(nodes);
                case TokenKind.Text:
                    nodes.Add(new TextNode(token.Value));
                    continue;
                case TokenKind.LeftDelim:
                    break;
                default:
                    throw Unexpected(token);
            }

            var keyword = Peek();
            if (keyword.Kind == TokenKind.Identifier && keyword.Value is "end" or "else")
            {
                _index++;
                if (keyword.Value == "end")
                {
                    Expect(TokenKind.RightDelim);
                }

                terminator = keyword.Value;
                return new ListNode(nodes);
            }

            if (keyword.Kind == TokenKind.Identifier && keyword.Value is "if" or "range" or "with")
            {
                _index++;
                nodes.Add(ParseBranch(keyword.Value switch { "if" => BranchKind.If, "range" => BranchKind.Range, _ => BranchKind.With }));
                continue;
            }

            nodes.Add(new ActionNode(ParsePipeline(TokenKind.RightDelim)));
        }
    }

    private BranchNode ParseBranch(BranchKind kind)
    {
        var pipeline = ParsePipeline(TokenKind.RightDelim);
        var body = ParseList(out var terminator);
        ListNode? elseList = null;
        if (terminator is null)
        {
            throw new TemplateException("template: :1: unexpected EOF");
        }

        if (terminator == "else")
        {
            // "{{else if x}}" chains: the nested branch consumes the shared {{end}}.
            if (Peek() is { Kind: TokenKind.Identifier, Value: "if" or "with" } chained)
            {
                _index++;
                var nested = ParseBranch(chained.Value == "if" ? BranchKind.If : BranchKind.With);
                return new BranchNode(kind, pipeline, body, new ListNode([nested]));
            }

            Expect(TokenKind.RightDelim);
            elseList = ParseList(out terminator);
            if (terminator != "end")
            {
                throw new TemplateException("template: :1: expected end; found " + (terminator is null ? "EOF" : "{{else}}"));
            }
        }

        return new BranchNode(kind, pipeline, body, elseList);
    }

    private PipelineNode ParsePipeline(TokenKind closing)
    {
        var declarations = new List<string>();
        var isAssignment = false;
        var save = _index;
        while (Peek().Kind == TokenKind.Variable)
        {
            declarations.Add(Next().Value);
            var separator = Next();
            if (separator.Kind == TokenKind.Comma)
            {
                continue;
            }

            if (separator.Kind is TokenKind.Declare or TokenKind.Assign)
            {
                isAssignment = separator.Kind == TokenKind.Assign;
                break;
            }

            // Not a declaration after all ("{{$x}}" or "{{$x.Field}}").
            declarations.Clear();
            _index = save;
            break;
        }

        var commands = new List<CommandNode>();
        while (true)
        {
            commands.Add(ParseCommand(closing));
            var token = Next();
            if (token.Kind == closing)
            {
                return new PipelineNode(declarations, isAssignment, commands);
            }

            if (token.Kind != TokenKind.Pipe)
            {
                throw Unexpected(token);
            }
        }
    }

    private CommandNode ParseCommand(TokenKind closing)
    {
        var arguments = new List<Node>();
        var position = Peek().Position;
        while (Peek().Kind != closing && Peek().Kind != TokenKind.Pipe)
        {
            arguments.Add(ParseOperand());
        }

        if (arguments.Count == 0)
        {
            throw new TemplateException("template: :1: missing value for command");
        }

        return new CommandNode(arguments, position);
    }

    private Node ParseOperand()
    {
        var token = Next();
        Node operand = token.Kind switch
        {
            TokenKind.Field => ParseFields(token),
            TokenKind.Dot => new DotNode(),
            TokenKind.Variable => new VariableNode(token.Value),
            TokenKind.String => new LiteralNode(token.Value),
            TokenKind.Number => new LiteralNode(ParseNumber(token.Value)),
            TokenKind.LeftParen => new PipeOperandNode(ParsePipeline(TokenKind.RightParen)),
            TokenKind.Identifier => token.Value switch
            {
                "true" => new LiteralNode(true),
                "false" => new LiteralNode(false),
                "nil" => new LiteralNode(null),
                _ => new IdentifierNode(token.Value),
            },
            _ => throw Unexpected(token),
        };

        if (operand is VariableNode or PipeOperandNode && Peek().Kind == TokenKind.Field && Peek().Position == _tokens[_index - 1].End)
        {
            var names = new List<string>();
            while (Peek().Kind == TokenKind.Field && Peek().Position == _tokens[_index - 1].End)
            {
                names.Add(Next().Value);
            }

            return new ChainNode(operand, names, token.Position);
        }

        return operand;
    }

    private FieldNode ParseFields(Token first)
    {
        var names = new List<string> { first.Value };
        while (Peek().Kind == TokenKind.Field && Peek().Position == _tokens[_index - 1].End)
        {
            names.Add(Next().Value);
        }

        return new FieldNode(names, first.Position);
    }

    private static object ParseNumber(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }

        throw new TemplateException($"template: :1: bad number syntax: \"{text}\"");
    }

    private Token Next() => _tokens[Math.Min(_index++, _tokens.Count - 1)];

    private Token Peek() => _tokens[Math.Min(_index, _tokens.Count - 1)];

    private void Expect(TokenKind kind)
    {
        var token = Next();
        if (token.Kind != kind)
        {
            throw Unexpected(token);
        }
    }

    private static TemplateException Unexpected(Token token) => token.Kind switch
    {
        TokenKind.EndOfInput => new TemplateException("template: :1: unexpected EOF"),
        TokenKind.RightDelim => new TemplateException("template: :1: unexpected \"}\" in operand"),
        _ => new TemplateException($"template: :1: unexpected \"{token.Value}\" in operand"),
    };
}
