// model/runtime/cpu_threads: LibTorch's threads and a pthreads OpenBLAS kept from competing.
#include "check.h"

#include "model/runtime/cpu_threads.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cstdio>
#include <cstdlib>

using namespace avt::model;

namespace {

// Restores LibTorch's thread count and OpenBLAS's rule after a test.
struct RestoreThreads {
    int before = at::get_num_threads();
    ~RestoreThreads()
    {
        unsetenv("AVT_BLAS_THREADS");
        applyCpuThreads(before);
    }
};

} // namespace

AVT_TEST(cpu_threads_sets_libtorch_and_keeps_pthreads_openblas_to_one)
{
    RestoreThreads restore;
    const CpuThreads t = applyCpuThreads(2);
    CHECK(t.intraOp == 2);
    CHECK(at::get_num_threads() == 2);
    CHECK(t.summary().rfind("2 LibTorch threads; BLAS: ", 0) == 0);
    std::printf("  | %s\n", t.summary().c_str());
    if (t.openBlas && t.blasThreading == BlasThreading::Pthreads) {
        CHECK(t.blasThreads == 1);
        CHECK(t.blasShort() == "OpenBLAS pthreads x1");
        CHECK(t.summary().find("pthreads build, 1 thread") != std::string::npos);
        CHECK(currentCpuThreads().blasThreads == 1);
    } else {
        std::printf("  | (no pthreads OpenBLAS in this process: the BLAS rule is not exercised here)\n");
        CHECK(t.blasShort() != "OpenBLAS pthreads x1");
    }
    // 0 keeps LibTorch's count.
    CHECK(applyCpuThreads(0).intraOp == 2);
    // Matrix products still give the right answer with the rule applied.
    const auto a = torch::randn({300, 200}, torch::kDouble), b = torch::randn({200, 100}, torch::kDouble);
    const auto c = torch::matmul(a, b);
    CHECK_CLOSE((c - (a.unsqueeze(2) * b.unsqueeze(0)).sum(1)).abs().max().item<double>(), 0.0, 1e-10);
}

AVT_TEST(cpu_threads_env_override_and_scoped_peak)
{
    RestoreThreads restore;
    const CpuThreads base = applyCpuThreads(2);
    if (!(base.openBlas && base.blasThreading == BlasThreading::Pthreads)) {
        std::printf("  | (no pthreads OpenBLAS in this process: nothing to override)\n");
        return;
    }
    setenv("AVT_BLAS_THREADS", "2", 1);
    CHECK(applyCpuThreads(2).blasThreads == 2);
    setenv("AVT_BLAS_THREADS", "zero", 1); // not a count: the rule's 1
    CHECK(applyCpuThreads(2).blasThreads == 1);
    unsetenv("AVT_BLAS_THREADS");
    CHECK(applyCpuThreads(2).blasThreads == 1);
    {
        const ScopedBlasThreads peak(2);
        CHECK(currentCpuThreads().blasThreads == 2);
    }
    CHECK(currentCpuThreads().blasThreads == 1);
}
