using Berth.Core.Errors;

namespace Berth.Linux.Processes;

/// <summary>
/// The host's <c>ps</c>, filtered to some PIDs: what <c>docker top</c> shows, with whatever
/// ps options the user passes (Docker runs ps on the host too).
/// </summary>
public static class ProcessTable
{
    public static async Task<(IReadOnlyList<string> Titles, IReadOnlyList<IReadOnlyList<string>> Rows)> ListAsync(
        string psArgs, IReadOnlyCollection<int> pids, CancellationToken ct)
    {
        var args = psArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string output;
        try
        {
            output = await ToolRunner.RunAsync("ps", args, ct);
        }
        catch (ToolException e) when (e.Stderr.Split('\n')[0] is { Length: > 0 } why)
        {
            // As dockerd: the first line of ps's complaint, not its usage text.
            throw new BerthException(ErrorKind.Internal, "ps: " + why);
        }
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
            throw BerthException.Invalid("ps printed nothing");
        var titles = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int pidColumn = Array.IndexOf(titles, "PID");
        if (pidColumn < 0)
            throw BerthException.Invalid("Couldn't find PID field in ps output");
        var rows = new List<IReadOnlyList<string>>();
        foreach (string line in lines.Skip(1))
        {
            // The last column (the command) may contain spaces: split only as many times as there are titles.
            var fields = line.Split(' ', titles.Length, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < titles.Length)
                fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > pidColumn && int.TryParse(fields[pidColumn], out int pid) && pids.Contains(pid))
                rows.Add(fields.Select(f => f.Trim()).ToList());
        }
        return (titles, rows);
    }
}
