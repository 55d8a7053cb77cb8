using System.Text;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Daemon.Api;

namespace Berth.Tests.Api;

/// <summary><c>GET /images/json</c>'s filters: every accepted term filters, none is ignored.</summary>
public sealed class ImageFilterTests
{
    private static Image Image(string id, int day, string labels = "{}", params string[] tags) => new()
    {
        Id = id,
        Config = Encoding.UTF8.GetBytes("{\"config\":{\"Labels\":" + labels + "},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"),
        DiffIds = [],
        Created = new DateTime(2026, 1, day, 0, 0, 0, DateTimeKind.Utc),
        Size = 0,
        Tags = tags,
    };

    private static readonly Image s_old = Image("sha256:old", 1, """{"tier":"db"}""", "docker.io/library/old:latest");
    private static readonly Image s_mid = Image("sha256:mid", 2, """{"tier":"web","team":"a"}""", "docker.io/library/mid:latest");
    private static readonly Image s_new = Image("sha256:new", 3, "null", "docker.io/library/new:latest");
    private static readonly Image[] s_all = [s_old, s_mid, s_new];

    private static Image Resolve(string name) =>
        s_all.FirstOrDefault(i => i.Tags.Any(t => t.Contains("/" + name + ":"))) ?? throw BerthException.NotFound($"No such image: {name}");

    private static string[] Matching(string filters)
    {
        var filter = ImageFilter.Parse(filters, Resolve);
        return s_all.Where(filter.Matches).Select(i => i.Id).ToArray();
    }

    [Fact]
    public void Label_matches_a_key_or_a_key_and_value_of_the_config_labels()
    {
        Assert.Equal(["sha256:mid"], Matching("""{"label":["team"]}"""));
        Assert.Equal(["sha256:old"], Matching("""{"label":["tier=db"]}"""));
        Assert.Equal(["sha256:mid"], Matching("""{"label":["tier=web","team=a"]}"""));
        Assert.Empty(Matching("""{"label":["tier=none"]}"""));
    }

    [Fact]
    public void Before_and_since_compare_with_the_named_images_creation()
    {
        Assert.Equal(["sha256:old"], Matching("""{"before":["mid"]}"""));
        Assert.Equal(["sha256:new"], Matching("""{"since":["mid"]}"""));
        Assert.Empty(Matching("""{"since":["mid"],"before":["mid"]}"""));
    }

    [Fact]
    public void Until_takes_a_timestamp()
    {
        long secondOfJanuary = new DateTimeOffset(2026, 1, 2, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Equal(["sha256:old", "sha256:mid"], Matching($$"""{"until":["{{secondOfJanuary}}"]}"""));
    }

    [Fact]
    public void A_missing_image_in_before_is_not_found()
    {
        var e = Assert.Throws<BerthException>(() => Matching("""{"before":["nosuch"]}"""));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public void Prune_filters_choose_dangling_or_all_and_narrow_by_label_and_until()
    {
        var dangling = ImageFilter.ParseForPrune("""{"dangling":["true"],"label!":["tier=db"]}""");
        Assert.False(dangling.PrunesAll);
        Assert.Equal(["sha256:mid", "sha256:new"], s_all.Where(dangling.Matches).Select(i => i.Id).ToArray());
        var all = ImageFilter.ParseForPrune("""{"dangling":["false"],"label":["tier"]}""");
        Assert.True(all.PrunesAll);
        Assert.Equal(["sha256:old", "sha256:mid"], s_all.Where(all.Matches).Select(i => i.Id).ToArray());
        Assert.False(ImageFilter.ParseForPrune(null).PrunesAll);
        Assert.Throws<BerthException>(() => ImageFilter.ParseForPrune("""{"reference":["x"]}"""));
        Assert.Throws<BerthException>(() => ImageFilter.ParseForPrune("""{"dangling":["maybe"]}"""));
    }
}
