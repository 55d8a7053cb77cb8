using System.Text;
using Berth.Cli.Templates.Nodes;

namespace Berth.Cli.Templates;

/// <summary>A parsed Go text/template, executable over many data values.</summary>
internal sealed class GoTemplate
{
    private readonly ListNode _root;

    private GoTemplate(ListNode root) => _root = root;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="TemplateException"/> on syntax errors.</summary>
    public static GoTemplate Parse(string text) => new(TemplateParser.Parse(text));

    public string Execute(object? data, TemplateOptions options = default)
    {
        var output = new StringBuilder();
        Execute(data, output, options);
        return output.ToString();
    }

    public void Execute(object? data, StringBuilder output, TemplateOptions options = default)
        => new TemplateEvaluator(output, data, options).Walk(data, _root);
}
