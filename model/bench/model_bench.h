#pragma once
// Model speed: forward + classification loss + backward per batch, on CPU or CUDA.
//
//   avt::model::BenchOptions o;  o.config = *ModelConfig::preset("avt-tiny");  o.batch = 2;
//   auto r = avt::model::benchModel(o);      // throws c10::Error on a bad config / device
//   std::puts(avt::model::formatBench(o, r).c_str());
//
// Achieved GFLOP/s = 2 FLOPs per MAC x 3 (forward + backward ~ 3x forward) x analytic forward
// MACs (model/flops) x batch / time. The reference is a square float32 matmul (n = 2048 on CPU,
// 8192 on CUDA; bf16 when autocast is on) timed in the same run. Peak memory: peak RSS of the
// process during the timed iterations on CPU (VmHWM after resetting it), the CUDA caching
// allocator's peak on GPU.
// CUDA builds: bf16 autocast (LibTorch >= 2.0) when bf16 is set; attention uses the fused
// scaled_dot_product_attention kernel there (model/layers/transformer.cpp).
// Thread-safety: uses the global torch thread pool; run one benchmark at a time.
#include "model/config/model_config.h"

#include <string>

namespace avt::model {

struct BenchOptions {
    ModelConfig config;
    int64_t batch = 2;          // clips per iteration
    int warmup = 1;             // untimed iterations
    int iterations = 3;         // timed iterations
    std::string device = "cpu"; // "cpu" | "cuda"
    bool bf16 = false;          // CUDA autocast to bfloat16 (LibTorch >= 2.0)
    int threads = 0;            // intra-op threads (0 = LibTorch default)
};

struct BenchResult {
    double msPerBatch = 0; // mean forward + backward time per batch
    double clipsPerSecond = 0;
    double peakMemoryMiB = 0; // RSS peak (CPU) or CUDA allocator peak
    double forwardGmacsPerClip = 0;
    double achievedGflops = 0; // see header comment
    double matmulGflops = 0;   // reference in the same run
    int threads = 0;
    std::string blas;   // CpuThreads::blasShort() in effect (model/runtime/cpu_threads.h)
    std::string device; // as used
};

BenchResult benchModel(const BenchOptions &options);
// GFLOP/s of an n x n float32 (or bf16) matmul on device.
double measureMatmulGflops(const std::string &device, int64_t n, bool bf16 = false);
// One human-readable line, or a JSON object when json.
std::string formatBench(const BenchOptions &options, const BenchResult &r, bool json = false);

} // namespace avt::model
