namespace Berth.Engine.Build;

/// <summary>
/// Which stages a build runs: the target (the last stage, or <c>--target</c>) and, transitively,
/// the stages it is built <c>FROM</c> or copies from (<c>COPY --from=name|index</c>). The
/// classic builder of dockerd 20.10 runs every stage up to the target; this skips the others,
/// as BuildKit does. A reference it cannot resolve before the build (a <c>--from</c> still
/// holding a variable) keeps every earlier stage, so nothing a step may need is skipped.
/// </summary>
internal static class StagePlan
{
    /// <param name="stages">Each stage's instructions, FROM first.</param>
    /// <param name="target">Index of the stage the build ends with.</param>
    /// <param name="baseName">A FROM line's base name after substitution of the global args.</param>
    public static bool[] Needed(IReadOnlyList<IReadOnlyList<Instruction>> stages, int target, Func<Instruction, string> baseName)
    {
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < stages.Count; i++)
            if (Name(stages[i][0]) is { } name)
                byName.TryAdd(name, i);

        var needed = new bool[stages.Count];
        var pending = new Stack<int>([target]);
        while (pending.Count > 0)
        {
            int i = pending.Pop();
            if (needed[i])
                continue;
            needed[i] = true;
            void Need(int index)
            {
                if (index >= 0 && index < i)
                    pending.Push(index);
            }
            if (byName.TryGetValue(baseName(stages[i][0]), out int from))
                Need(from);
            foreach (var ins in stages[i])
            {
                if (ins.Keyword is not ("COPY" or "ADD") || ins.Flag("from") is not { } source)
                    continue;
                if (source.Contains('$'))
                {
                    for (int j = 0; j < i; j++)
                        Need(j);
                }
                else if (int.TryParse(source, out int index))
                {
                    Need(index);
                }
                else if (byName.TryGetValue(source, out int named))
                {
                    Need(named);
                }
            }
        }
        return needed;
    }

    /// <summary>The stage's name (<c>FROM image AS name</c>), or null.</summary>
    public static string? Name(Instruction from)
    {
        string[] parts = from.Text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 3 ? parts[2] : null;
    }
}
