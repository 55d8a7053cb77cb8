using Berth.Linux.Interop;
using Berth.Linux.Namespaces;

namespace Berth.Tests.Namespaces;

public sealed class NamespaceThreadsTests
{
    [Fact]
    public void Work_runs_off_the_calling_thread_and_its_thread_is_kept_for_the_next()
    {
        int caller = Environment.CurrentManagedThreadId;
        int first = NamespaceThreads.Run(() => Environment.CurrentManagedThreadId);
        int second = NamespaceThreads.Run(() => Environment.CurrentManagedThreadId);

        Assert.NotEqual(caller, first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_failure_is_thrown_to_the_caller()
    {
        var e = Assert.Throws<InvalidOperationException>(() => NamespaceThreads.Run<int>(() => throw new InvalidOperationException("inside")));
        Assert.Equal("inside", e.Message);
    }

    [RootFact]
    public void A_thread_left_in_another_namespace_is_not_used_again()
    {
        string home = NamespaceOf("/proc/self/ns/net");
        int stranded = NamespaceThreads.Run(() =>
        {
            Assert.Equal(0, Libc.Unshare(Libc.CLONE_NEWNET));
            return Environment.CurrentManagedThreadId;
        });

        var (next, seen) = NamespaceThreads.Run(() => (Environment.CurrentManagedThreadId, NamespaceOf("/proc/thread-self/ns/net")));

        Assert.NotEqual(stranded, next);
        Assert.Equal(home, seen);
    }

    private static string NamespaceOf(string link) => new FileInfo(link).LinkTarget!;
}
