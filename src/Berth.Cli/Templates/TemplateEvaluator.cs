using System.Collections;
using System.Text;
using System.Text.Json;
using Berth.Cli.Templates.Nodes;

namespace Berth.Cli.Templates;

/// <summary>Walks a parsed template over one data value, writing to a <see cref="StringBuilder"/>.</summary>
internal sealed class TemplateEvaluator(StringBuilder output, object? root, TemplateOptions options)
{
    private readonly List<(string Name, object? Value)> _variables = [("$", root)];

    public void Walk(object? dot, Node node)
    {
        switch (node)
        {
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    Walk(dot, child);
                }

                break;
            case TextNode text:
                output.Append(text.Text);
                break;
            case ActionNode action:
                var value = EvalPipeline(dot, action.Pipeline);
                if (action.Pipeline.Declarations.Count == 0)
                {
                    GoValues.Append(output, value is NoValue ? "<no value>" : value);
                }

                break;
            case BranchNode branch:
                WalkBranch(dot, branch);
                break;
        }
    }

    private void WalkBranch(object? dot, BranchNode branch)
    {
        var mark = _variables.Count;
        var value = EvalPipeline(dot, branch.Pipeline, declare: branch.Kind != BranchKind.Range);
        if (branch.Kind == BranchKind.Range)
        {
            var any = false;
            foreach (var (key, item) in Iterate(value))
            {
                any = true;
                var declarations = branch.Pipeline.Declarations;
                if (declarations.Count == 1)
                {
                    _variables.Add((declarations[0], item));
                }
                else if (declarations.Count == 2)
                {
                    _variables.Add((declarations[0], key));
                    _variables.Add((declarations[1], item));
                }

                Walk(item, branch.Body);
                _variables.RemoveRange(mark, _variables.Count - mark);
            }

            if (!any && branch.Else is not null)
            {
                Walk(dot, branch.Else);
            }
        }
        else if (GoValues.IsTrue(value))
        {
            Walk(branch.Kind == BranchKind.With ? value : dot, branch.Body);
        }
        else if (branch.Else is not null)
        {
            Walk(dot, branch.Else);
        }

        _variables.RemoveRange(mark, _variables.Count - mark);
    }

    private static IEnumerable<(object? Key, object? Item)> Iterate(object? value)
    {
        switch (value)
        {
            case JsonElement { ValueKind: JsonValueKind.Array } array:
                var index = 0L;
                foreach (var item in array.EnumerateArray())
                {
                    yield return (index++, item);
                }

                break;
            case JsonElement { ValueKind: JsonValueKind.Object } map:
                foreach (var property in map.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    yield return (property.Name, property.Value);
                }

                break;
            case JsonElement { ValueKind: JsonValueKind.Null } or null or NoValue:
                break;
            case long count:
                for (var i = 0L; i < count; i++)
                {
                    yield return (i, i);
                }

                break;
            case IDictionary dictionary:
                foreach (var key in dictionary.Keys.Cast<object>().OrderBy(k => k.ToString(), StringComparer.Ordinal))
                {
                    yield return (key, dictionary[key]);
                }

                break;
            case IEnumerable list and not string:
                var i2 = 0L;
                foreach (var item in list)
                {
                    yield return (i2++, item);
                }

                break;
            default:
                throw new TemplateException($"range can't iterate over {GoValues.Print(value)}");
        }
    }

    private object? EvalPipeline(object? dot, PipelineNode pipeline, bool declare = true)
    {
        object? value = null;
        var piped = false;
        foreach (var command in pipeline.Commands)
        {
            value = EvalCommand(dot, command, value, piped);
            piped = true;
        }

        if (declare)
        {
            foreach (var name in pipeline.Declarations)
            {
                var existing = _variables.FindLastIndex(v => v.Name == name);
                if (pipeline.IsAssignment && existing >= 0)
                {
                    _variables[existing] = (name, value);
                }
                else
                {
                    _variables.Add((name, value));
                }
            }
        }

        return value;
    }

    private object? EvalCommand(object? dot, CommandNode command, object? pipedValue, bool piped)
    {
        var first = command.Arguments[0];
        var args = command.Arguments.Skip(1).Select(a => EvalArg(dot, a)).ToList();
        if (piped)
        {
            args.Add(pipedValue);
        }

        switch (first)
        {
            case IdentifierNode identifier when options.HeaderMode && identifier.Name is "json" or "split" or "join" or "title" or "lower" or "upper" or "pad" or "truncate":
                // docker renders table headers with these functions disabled, so "{{.ID | lower}}" heads "CONTAINER ID".
                return args.Count > 0 ? args[0] : string.Empty;
            case IdentifierNode identifier:
                return TemplateFunctions.Call(identifier.Name, args);
            case FieldNode field:
                return EvalFields(dot, field.Names, args, field.Position);
            case ChainNode chain:
                return EvalFields(EvalArg(dot, chain.Receiver), chain.Names, args, chain.Position);
        }

        if (args.Count > 0)
        {
            throw new TemplateException($"template: :1:{command.Position}: executing \"\" at <{Describe(first)}>: can't give argument to non-function {Describe(first)}");
        }

        return EvalArg(dot, first);
    }

    private object? EvalArg(object? dot, Node node) => node switch
    {
        DotNode => dot,
        LiteralNode literal => literal.Value,
        VariableNode variable => LookupVariable(variable.Name),
        FieldNode field => EvalFields(dot, field.Names, [], field.Position),
        ChainNode chain => EvalFields(EvalArg(dot, chain.Receiver), chain.Names, [], chain.Position),
        PipeOperandNode pipe => EvalPipeline(dot, pipe.Pipeline),
        IdentifierNode identifier => TemplateFunctions.Call(identifier.Name, []),
        _ => throw new TemplateException("template: unexpected node"),
    };

    private object? LookupVariable(string name)
    {
        var index = _variables.FindLastIndex(v => v.Name == name);
        return index >= 0 ? _variables[index].Value : throw new TemplateException($"template: :1: undefined variable: {name}");
    }

    private object? EvalFields(object? receiver, IReadOnlyList<string> names, IReadOnlyList<object?> args, int position)
    {
        var current = receiver;
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            current = current switch
            {
                JsonElement { ValueKind: JsonValueKind.Object } e when e.TryGetProperty(name, out var v) => v,
                JsonElement { ValueKind: JsonValueKind.Object } when options.MissingKeyIsError
                    => throw new TemplateException($"template: :1:{position}: executing \"\" at <.{name}>: map has no entry for key \"{name}\""),
                JsonElement { ValueKind: JsonValueKind.Object } => NoValue.Instance,
                TemplateObject o when o.TryGet(name, out var v) => v,
                TemplateObject o => throw new TemplateException($"template: :1:{position}: executing \"\" at <.{name}>: can't evaluate field {name} in type {o.TypeName}"),
                IDictionary d => d.Contains(name) ? d[name] : NoValue.Instance,
                JsonElement { ValueKind: JsonValueKind.Null } or null or NoValue => NoValue.Instance,
                _ => throw new TemplateException($"template: :1:{position}: executing \"\" at <.{name}>: can't evaluate field {name} in type {GoTypeName(current)}"),
            };

            if (current is TemplateMethod method)
            {
                current = method.Invoke(i == names.Count - 1 ? args : []);
            }
        }

        return current;
    }

    private static string GoTypeName(object? value) => value switch
    {
        string or JsonElement { ValueKind: JsonValueKind.String } => "string",
        long or JsonElement { ValueKind: JsonValueKind.Number } => "float64",
        bool or JsonElement { ValueKind: JsonValueKind.True or JsonValueKind.False } => "bool",
        _ => "interface {}",
    };

    private static string Describe(Node node) => node switch
    {
        LiteralNode { Value: string s } => GoJson.Serialize(s),
        LiteralNode literal => GoValues.Print(literal.Value),
        DotNode => ".",
        VariableNode v => v.Name,
        _ => node.ToString() ?? string.Empty,
    };
}
