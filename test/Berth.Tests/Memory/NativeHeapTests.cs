using System.Runtime.InteropServices;
using Berth.Linux.Memory;

namespace Berth.Tests.Memory;

public sealed class NativeHeapTests
{
    [Fact]
    public void Freed_malloc_memory_goes_back_to_the_system()
    {
        // Blocks under glibc's mmap threshold come from an arena and stay there once freed.
        var blocks = Enumerable.Range(0, 512).Select(_ => Marshal.AllocHGlobal(64 << 10)).ToList();
        var bytes = new byte[64 << 10];
        blocks.ForEach(block => Marshal.Copy(bytes, 0, block, bytes.Length));
        blocks.ForEach(Marshal.FreeHGlobal);
        Assert.True(NativeHeap.Trim());
    }
}
