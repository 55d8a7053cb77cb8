using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>
/// Go's <c>text/tabwriter</c> (left-aligned, space padding, no flags): tab-terminated cells
/// of consecutive lines form column blocks padded to the widest cell plus padding. The last
/// cell of a line is not tab-terminated and is never padded. docker tables use
/// minwidth 10, padding 3; <c>version</c>/<c>info</c> use other settings.
/// </summary>
internal sealed class TabWriter(int minWidth, int padding)
{
    private readonly List<List<string>> _lines = [];
    private readonly List<int> _widths = [];
    private StringBuilder _output = new();

    /// <summary>Formats <paramref name="text"/> and returns the aligned result.</summary>
    public string Format(string text)
    {
        _lines.Clear();
        _output = new StringBuilder();
        var rows = text.Split('\n');
        foreach (var row in rows)
        {
            _lines.Add([.. row.Split('\t')]);
        }

        FormatBlock(0, _lines.Count);
        return _output.ToString();
    }

    private void FormatBlock(int line0, int line1)
    {
        var column = _widths.Count;
        for (var current = line0; current < line1; current++)
        {
            if (column >= _lines[current].Count - 1)
            {
                continue;
            }

            // A cell exists in this column: print the lines before the block, then size the block.
            WriteLines(line0, current);
            line0 = current;
            var width = minWidth;
            for (; current < line1; current++)
            {
                var cells = _lines[current];
                if (column >= cells.Count - 1)
                {
                    break;
                }

                width = Math.Max(width, cells[column].Length + padding);
            }

            _widths.Add(width);
            FormatBlock(line0, current);
            _widths.RemoveAt(_widths.Count - 1);
            line0 = current;
        }

        WriteLines(line0, line1);
    }

    private void WriteLines(int line0, int line1)
    {
        for (var i = line0; i < line1; i++)
        {
            var cells = _lines[i];
            for (var j = 0; j < cells.Count; j++)
            {
                _output.Append(cells[j]);
                if (j < _widths.Count && j < cells.Count - 1)
                {
                    _output.Append(' ', _widths[j] - cells[j].Length);
                }
            }

            if (i + 1 < _lines.Count)
            {
                _output.Append('\n');
            }
        }
    }
}
