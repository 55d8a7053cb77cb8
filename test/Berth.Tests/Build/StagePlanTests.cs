using Berth.Engine.Build;

namespace Berth.Tests.Build;

public sealed class StagePlanTests
{
    private static bool[] Needed(string dockerfile, int target)
    {
        var stages = new List<List<Instruction>>();
        foreach (var ins in DockerfileParser.Parse(dockerfile).Instructions)
        {
            if (ins.Keyword == "FROM")
                stages.Add([]);
            stages[^1].Add(ins);
        }
        return StagePlan.Needed(stages, target, from => from.Text.Split(' ')[0].Replace("$BASE", "dep"));
    }

    [Fact]
    public void The_target_keeps_the_stages_it_builds_on_and_copies_from_and_nothing_else()
    {
        const string file = """
            FROM busybox AS unused
            FROM busybox AS dep
            FROM dep AS middle
            FROM busybox AS lib
            FROM busybox AS final
            COPY --from=middle /a /a
            COPY --from=3 /b /b
            FROM final AS after
            """;
        Assert.Equal([false, true, true, true, true, false], Needed(file, 4));
        Assert.Equal([false, true, true, true, true, true], Needed(file, 5));
        Assert.Equal([false, true, false, false, false, false], Needed(file, 1));
    }

    [Fact]
    public void A_base_named_through_an_arg_and_a_copy_source_holding_a_variable_are_honoured()
    {
        const string file = """
            FROM busybox AS zero
            FROM busybox AS dep
            FROM $BASE AS built
            FROM busybox AS final
            COPY --from=${SOURCE} /a /a
            """;
        Assert.Equal([false, true, true, false], Needed(file, 2));
        Assert.Equal([true, true, true, true], Needed(file, 3)); // a variable source keeps every earlier stage
    }
}
