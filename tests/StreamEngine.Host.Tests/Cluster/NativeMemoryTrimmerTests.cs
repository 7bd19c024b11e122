using System.Runtime.InteropServices;
using StreamEngine.Host.Cluster;

namespace StreamEngine.Host.Tests.Cluster;

/// <summary>
/// The node's native memory trim: blocks freed between blocks still in use stay in the process (glibc returns only an
/// arena's top) until it trims. Residence is read page by page with <c>mincore</c>, so other tests' memory does not count.
/// </summary>
public sealed partial class NativeMemoryTrimmerTests
{
    private const int PageSize = 4096;
    private const int BlockSize = 64 * 1024;
    private const int Blocks = 512;

    [Fact]
    public void Native_memory_freed_between_blocks_in_use_leaves_the_process_when_trimmed_and_not_before()
    {
        Assert.True(OperatingSystem.IsLinux(), "The trim is glibc's; these tests run on Linux.");
        var blocks = Enumerable.Range(0, Blocks).Select(_ => Marshal.AllocHGlobal(BlockSize)).ToArray();
        try
        {
            foreach (var block in blocks)
            {
                Marshal.Copy(new byte[BlockSize], 0, block, BlockSize);
            }

            var freed = blocks.Where((_, i) => i % 2 == 0).ToArray();
            foreach (var block in freed)
            {
                Marshal.FreeHGlobal(block);
            }

            var residentBefore = ResidentFraction(freed);
            using var trimmer = NativeMemoryTrimmer.Start(TimeSpan.FromHours(1));
            Assert.NotNull(trimmer);
            Assert.True(trimmer.TrimNow(), "malloc_trim said it handed nothing back");
            var residentAfter = ResidentFraction(freed);

            Assert.True(residentBefore > 0.9, $"{residentBefore:P0} of the freed blocks' pages were resident before the trim");
            Assert.True(residentAfter < 0.1, $"{residentAfter:P0} of the freed blocks' pages were still resident after the trim");
        }
        finally
        {
            foreach (var block in blocks.Where((_, i) => i % 2 == 1))
            {
                Marshal.FreeHGlobal(block);
            }
        }
    }

    [Fact]
    public void A_zero_interval_starts_no_trim()
    {
        Assert.Null(NativeMemoryTrimmer.Start(TimeSpan.Zero));
    }

    /// <summary>Of the whole pages inside the blocks (past malloc's header), the fraction in memory.</summary>
    private static double ResidentFraction(IReadOnlyList<nint> blocks)
    {
        var pages = 0;
        var resident = 0;
        var vector = Marshal.AllocHGlobal(BlockSize / PageSize);
        try
        {
            foreach (var block in blocks)
            {
                var first = (block + PageSize) & ~(nint)(PageSize - 1);
                var count = (int)((block + BlockSize - first) / PageSize) - 1;
                Assert.Equal(0, MinCore(first, (nuint)(count * PageSize), vector));
                var flags = new byte[count];
                Marshal.Copy(vector, flags, 0, count);
                pages += count;
                resident += flags.Count(f => (f & 1) != 0);
            }
        }
        finally
        {
            Marshal.FreeHGlobal(vector);
        }

        return (double)resident / pages;
    }

    [LibraryImport("libc", EntryPoint = "mincore")]
    private static partial int MinCore(nint address, nuint length, nint vector);
}
