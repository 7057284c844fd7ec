// Micro-benchmark (not a test): depthwise Conv3d forward / backward, hand-written CPU kernel
// (model/layers/depthwise_conv3d) against torch::conv3d with groups = C.
//
//   avt-bench-depthwise-conv3d [threads] [iters]
// Prints, per shape, the best time of `iters` runs for each path in ms.
#include "model/layers/depthwise_conv3d.h"

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace {

template <typename F> double bestMs(F f, int iters)
{
    double best = 1e30;
    for (int i = 0; i < iters; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    const int threads = argc > 1 ? std::atoi(argv[1]) : 1, iters = argc > 2 ? std::atoi(argv[2]) : 3;
    torch::set_num_threads(threads);
    struct Shape {
        int64_t b, c, t, h, w, k;
    };
    const Shape shapes[] = {{8, 16, 4, 28, 28, 5},
                            {8, 16, 4, 28, 28, 3},
                            {8, 32, 4, 14, 14, 5},
                            {1, 64, 8, 56, 56, 5},
                            {1, 320, 8, 14, 14, 3}};
    std::printf("threads %d, best of %d\n", torch::get_num_threads(), iters);
    for (const auto &s : shapes) {
        auto x = torch::randn({s.b, s.c, s.t, s.h, s.w}).requires_grad_(true);
        auto w = (torch::randn({s.c, 1, s.k, s.k, s.k}) * 0.1).requires_grad_(true);
        auto b = torch::randn({s.c}).requires_grad_(true);
        auto g = torch::randn({s.b, s.c, s.t, s.h, s.w});
        const double gmac = double(x.numel()) * double(s.k * s.k * s.k) / 1e9;
        for (int ours = 1; ours >= 0; --ours) {
            auto f = ours ? avt::model::depthwiseConv3d : avt::model::depthwiseConv3dReference;
            torch::Tensor y;
            const double fwd = bestMs([&] { y = f(x, w, b); }, iters);
            const double bwd = bestMs(
                                   [&] {
                                       y = f(x, w, b);
                                       y.backward(g);
                                   },
                                   iters)
                               - fwd;
            std::printf("[%lld,%lld,%lld,%lld,%lld] k=%lld %-9s fwd %8.2f ms (%5.2f GMAC/s)  bwd %8.2f ms\n",
                        (long long)s.b, (long long)s.c, (long long)s.t, (long long)s.h, (long long)s.w, (long long)s.k,
                        ours ? "ours" : "conv3d", fwd, gmac / (fwd / 1e3), bwd);
            std::fflush(stdout);
        }
    }
    return 0;
}
