#include "model/bench/model_bench.h"

#include "model/avt/avt_model.h"
#include "model/flops/flops.h"
#include "model/losses/losses.h"
#include "model/runtime/cpu_threads.h"

#include <torch/torch.h>
#include <torch/version.h>
#if TORCH_VERSION_MAJOR >= 2
#include <ATen/autocast_mode.h>
#endif

#if defined(AVT_WITH_CUDA) && __has_include(<c10/cuda/CUDACachingAllocator.h>)
#include <c10/cuda/CUDACachingAllocator.h>
#define AVT_BENCH_CUDA_STATS 1
#endif

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace avt::model {

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

void sync(const torch::Device &d)
{
    if (d.is_cuda())
        torch::cuda::synchronize();
}

// Linux: peak RSS since the last reset (VmHWM); writing 5 to clear_refs resets it.
void resetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }

double peakRssMiB()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0; // kB -> MiB
    return 0;
}

void resetCudaPeak(const torch::Device &d)
{
#ifdef AVT_BENCH_CUDA_STATS
    c10::cuda::CUDACachingAllocator::resetPeakStats(d.index() < 0 ? 0 : d.index());
#endif
}

double cudaPeakMiB(const torch::Device &d)
{
#ifdef AVT_BENCH_CUDA_STATS
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(d.index() < 0 ? 0 : d.index());
    return double(stats.allocated_bytes[0].peak) / (1024.0 * 1024.0); // index 0 = aggregate
#else
    return 0;
#endif
}

// Turns bf16 autocast on / off for CUDA where this LibTorch supports it.
void setAutocast(bool on)
{
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
    at::autocast::set_autocast_enabled(at::kCUDA, on);
#elif TORCH_VERSION_MAJOR == 2
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(on);
#else
    TORCH_CHECK(!on, "bench: bf16 autocast needs LibTorch >= 2.0 (this is ", TORCH_VERSION, ")");
#endif
}

} // namespace

double measureMatmulGflops(const std::string &device, int64_t n, bool bf16)
{
    const torch::Device d(device);
    auto opts = torch::TensorOptions().device(d).dtype(bf16 ? torch::kBFloat16 : torch::kFloat);
    auto a = torch::randn({n, n}, opts), b = torch::randn({n, n}, opts);
    torch::NoGradGuard guard;
    auto c = torch::matmul(a, b); // warm-up
    sync(d);
    int reps = 0;
    const auto t0 = Clock::now();
    do {
        c = torch::matmul(a, b);
        sync(d);
        ++reps;
    } while (seconds(t0) < 0.5 && reps < 1000);
    return 2.0 * double(n) * double(n) * double(n) * reps / seconds(t0) / 1e9;
}

BenchResult benchModel(const BenchOptions &o)
{
    TORCH_CHECK(o.batch >= 1 && o.iterations >= 1 && o.warmup >= 0, "bench: batch and iterations must be >= 1");
    TORCH_CHECK(o.device == "cpu" || o.device.rfind("cuda", 0) == 0, "bench: device must be cpu or cuda[:N], got ",
                o.device);
    const torch::Device d(o.device);
    TORCH_CHECK(!d.is_cuda() || torch::cuda::is_available(), "bench: CUDA is not available in this build/machine");
    const CpuThreads cpu = applyCpuThreads(o.threads);
    torch::manual_seed(0);
    AvtModel net(o.config);
    net->to(d);
    net->train();
    AvtInputs in;
    const auto &c = o.config;
    if (c.hasAudio())
        in.audio = torch::randn({o.batch, c.audio.frames, c.audio.melBins}, torch::TensorOptions().device(d));
    if (c.hasVideo())
        in.video =
            torch::randn({o.batch, 3, c.video.frames, c.video.size, c.video.size}, torch::TensorOptions().device(d));
    auto labels = torch::randint(c.head.classes, {o.batch}, torch::TensorOptions().dtype(torch::kLong).device(d));
    const bool autocast = o.bf16 && d.is_cuda();
    auto step = [&] {
        if (autocast)
            setAutocast(true);
        auto out = net->forward(in);
        auto loss = classificationLoss(out.logits.to(torch::kFloat), labels);
        if (autocast)
            setAutocast(false);
        net->zero_grad();
        loss.backward();
    };
    for (int i = 0; i < o.warmup; ++i)
        step();
    sync(d);
    d.is_cuda() ? resetCudaPeak(d) : resetPeakRss();
    const auto t0 = Clock::now();
    for (int i = 0; i < o.iterations; ++i)
        step();
    sync(d);
    const double secs = seconds(t0) / o.iterations;

    BenchResult r;
    r.device = o.device;
    r.threads = cpu.intraOp;
    r.blas = cpu.blasShort();
    r.msPerBatch = secs * 1e3;
    r.clipsPerSecond = double(o.batch) / secs;
    r.peakMemoryMiB = d.is_cuda() ? cudaPeakMiB(d) : peakRssMiB();
    r.forwardGmacsPerClip = modelCost(c).total().macs / 1e9;
    r.achievedGflops = 6.0 * r.forwardGmacsPerClip * double(o.batch) / secs;
    {
        // The reference is the machine's peak at these threads: a pthreads OpenBLAS, kept to
        // one thread inside the model (model/runtime/cpu_threads.h), gets them all here.
        const ScopedBlasThreads peak(r.threads);
        r.matmulGflops = measureMatmulGflops(o.device, d.is_cuda() ? 8192 : 2048, autocast);
    }
    return r;
}

std::string formatBench(const BenchOptions &o, const BenchResult &r, bool json)
{
    char buf[640];
    if (json)
        std::snprintf(buf, sizeof buf,
                      "{\"model\":\"%s\",\"device\":\"%s\",\"threads\":%d,\"batch\":%lld,\"bf16\":%s,"
                      "\"ms_per_batch\":%.2f,\"clips_per_s\":%.3f,\"peak_mem_mib\":%.1f,"
                      "\"fwd_gmacs_per_clip\":%.3f,\"achieved_gflops\":%.2f,\"matmul_gflops\":%.2f,\"blas\":\"%s\"}",
                      o.config.name.c_str(), r.device.c_str(), r.threads, (long long)o.batch, o.bf16 ? "true" : "false",
                      r.msPerBatch, r.clipsPerSecond, r.peakMemoryMiB, r.forwardGmacsPerClip, r.achievedGflops,
                      r.matmulGflops, r.blas.c_str());
    else
        std::snprintf(buf, sizeof buf,
                      "%-10s %-6s threads %2d batch %3lld: %9.1f ms/batch fwd+bwd, %8.2f clips/s, peak %8.1f MiB, "
                      "%7.2f GMACs/clip fwd, %7.1f GFLOP/s (%.0f%% of matmul %.1f GFLOP/s), %s",
                      o.config.name.c_str(), r.device.c_str(), r.threads, (long long)o.batch, r.msPerBatch,
                      r.clipsPerSecond, r.peakMemoryMiB, r.forwardGmacsPerClip, r.achievedGflops,
                      100.0 * r.achievedGflops / r.matmulGflops, r.matmulGflops, r.blas.c_str());
    return buf;
}

} // namespace avt::model
