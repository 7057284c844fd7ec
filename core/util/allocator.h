#pragma once
// Heap settings for the data loader's large, short-lived buffers.
//
//   avt::tuneAllocator();   // once, at the start of main()
//
// Why: a loader worker allocates and frees buffers of several MB per sample (a clip's float
// frames: 16 x 3 x 224 x 224 x 4 = 9.6 MB; a batch of them). glibc serves allocations above its
// mmap threshold with fresh mmap() calls, so every sample paid for the kernel zeroing and
// faulting in its pages again, and the freed memory went straight back to the kernel. In `perf
// record` of `bench prepared` (avt-base, 10 s 640x360 clips, 2-core machine) the kernel took
// 23-32% of the samples, mostly page faults. With the mmap threshold at glibc's largest
// (32 MiB) and a trim threshold of 512 MiB these buffers are reused from the heap; set as
// environment variables (with a 128 MiB MALLOC_TOP_PAD_), one run each, the cached training
// loader went from 124.5 to 138.1 clips/s.
//
// The environment variables MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_ still win: when
// either is set, nothing is changed. No-op on C libraries other than glibc.
// Thread-safety: call before starting threads.
namespace avt {

void tuneAllocator();

} // namespace avt
