using Berth.Core.Distribution;
using Berth.Daemon.Api;

namespace Berth.Tests.Api;

public sealed class ProgressStreamTests
{
    [Fact]
    public void A_layers_step_has_a_progress_detail_a_message_none_as_dockerd_writes_them()
    {
        Assert.Equal("{\"status\":\"Downloading\",\"progressDetail\":{\"current\":5,\"total\":10},\"id\":\"abc\"}\r\n",
            ProgressStream.Line(new ProgressUpdate("Downloading", "abc", 5, 10)));
        Assert.Equal("{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"abc\"}\r\n", ProgressStream.Line(new ProgressUpdate("Preparing", "abc")));
        // docker-compose prints only the lines without progressDetail: these are the ones it shows.
        Assert.Equal("{\"status\":\"Pulling from cmp/base\",\"id\":\"latest\"}\r\n", ProgressStream.Line(ProgressUpdate.Message("Pulling from cmp/base", "latest")));
        Assert.Equal("{\"status\":\"1.0: digest: sha256:ab size: 527\"}\r\n", ProgressStream.Line(ProgressUpdate.Message("1.0: digest: sha256:ab size: 527")));
    }
}
