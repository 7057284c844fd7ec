#pragma once
// CPU threads of the engine: LibTorch's intra-op threads, and the BLAS underneath them.
//
//   const auto t = avt::model::applyCpuThreads(4);   // 0: keep LibTorch's current count
//   std::puts(t.summary().c_str());   // "4 LibTorch threads; BLAS: OpenBLAS 0.3.21 ... 1 thread"
//
// Why: Debian's LibTorch (1.13 and 2.6) calls matrix products through libblas.so.3, which is
// OpenBLAS's pthreads build when libopenblas0-pthread is installed. That build keeps a thread
// pool of its own, sized to all cores, next to LibTorch's OpenMP pool, and LibTorch does not
// resize it. Each pool's threads spin while the other works, so with 2 LibTorch threads on 2
// cores a training step got slower, not faster: avt-tiny batch 8 fwd+bwd on LibTorch 1.13 took
// 296 ms at 2 threads against 195 ms at 1, and on LibTorch 2.6 1018 ms against 97 ms
// (both 2-core machine). With OpenBLAS kept to one thread it took 166 ms and 83 ms.
//
// The rule: where the loaded BLAS is OpenBLAS built with pthreads, its thread count is set to
// 1, so that LibTorch's threads are the only parallelism (they split work around the matrix
// products). OpenBLAS built with OpenMP shares LibTorch's OpenMP pool and is left alone; so is
// any other BLAS (MKL in PyTorch's own LibTorch builds, which LibTorch already sizes itself).
// The environment variable AVT_BLAS_THREADS=N sets a different OpenBLAS-pthreads count, for
// measuring the rule itself.
//
// Thread-safety: call from the thread that owns the run (the settings are process-wide, except
// LibTorch's OpenMP count, which is per calling thread as in at::set_num_threads).
#include <string>

namespace avt::model {

enum class BlasThreading { Unknown, Sequential, Pthreads, OpenMP };

struct CpuThreads {
    int intraOp = 1;       // at::get_num_threads() after the call
    bool openBlas = false; // the process has OpenBLAS loaded
    BlasThreading blasThreading = BlasThreading::Unknown;
    int blasThreads = 0;    // OpenBLAS's own count after the call (0: not OpenBLAS)
    std::string blasConfig; // openblas_get_config(), e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH ..."
    // One line for logs, e.g. "2 LibTorch threads; BLAS: OpenBLAS 0.3.21 ..., pthreads build, 1 thread".
    std::string summary() const;
    // A few words for benchmark lines: "OpenBLAS pthreads x1", "OpenBLAS OpenMP", "not OpenBLAS".
    std::string blasShort() const;
};

// Sets LibTorch's intra-op threads to `threads` when it is > 0, then applies the BLAS rule
// above. Returns what is in effect afterwards.
CpuThreads applyCpuThreads(int threads = 0);

// What is in effect now, changing nothing.
CpuThreads currentCpuThreads();

// Gives a pthreads OpenBLAS `threads` threads for the object's lifetime, then restores its
// count; does nothing for other BLAS builds. For measuring the machine's peak matrix product
// (model/bench), not for model code.
class ScopedBlasThreads {
public:
    explicit ScopedBlasThreads(int threads);
    ~ScopedBlasThreads();
    ScopedBlasThreads(const ScopedBlasThreads &) = delete;
    ScopedBlasThreads &operator=(const ScopedBlasThreads &) = delete;

private:
    int m_previous = 0; // 0: nothing to restore
};

} // namespace avt::model
