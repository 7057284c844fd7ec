// model/layers/depthwise_conv3d: the hand-written CPU depthwise Conv3d against torch::conv3d
// (groups = C, padding k/2): forward, input / weight / bias gradients, non-contiguous tensors,
// finite differences in float64, double backward, thread invariance, fallback and errors.
#include "check.h"

#include "model/layers/depthwise_conv3d.h"

#include <torch/torch.h>

#include <cstdio>

using avt::model::depthwiseConv3d;
using avt::model::depthwiseConv3dReference;
using avt::model::depthwiseConv3dUsesFastPath;

namespace {

struct Case {
    int64_t b, c, t, h, w, k;
};

// max |a - b| / max(1, max |b|).
double relErr(const torch::Tensor &a, const torch::Tensor &b)
{
    const double scale = std::max(1.0, b.abs().max().item<double>());
    return (a - b).abs().max().item<double>() / scale;
}

struct Outputs {
    torch::Tensor y, gx, gw, gb;
};

// y = f(x, w, b); L = sum(y * r); returns y and dL/d{x, w, b}. `view` turns the contiguous
// base input into the tensor that is fed to f (e.g. a non-contiguous view).
template <typename F, typename V>
Outputs run(F f, const torch::Tensor &x0, const torch::Tensor &w0, const torch::Tensor &b0, const torch::Tensor &r,
            V view)
{
    auto x = x0.clone().requires_grad_(true);
    auto w = w0.clone().requires_grad_(true);
    auto b = b0.defined() ? b0.clone().requires_grad_(true) : torch::Tensor();
    auto y = f(view(x), w, b);
    (y * r).sum().backward();
    return {y.detach(), x.grad(), w.grad(), b.defined() ? b.grad() : torch::Tensor()};
}

void compareCase(const Case &cs, torch::Dtype dt, double tol, bool withBias)
{
    auto o = torch::TensorOptions().dtype(dt);
    auto x = torch::randn({cs.b, cs.c, cs.t, cs.h, cs.w}, o);
    auto w = torch::randn({cs.c, 1, cs.k, cs.k, cs.k}, o) * 0.2;
    auto b = withBias ? torch::randn({cs.c}, o) : torch::Tensor();
    auto r = torch::randn({cs.b, cs.c, cs.t, cs.h, cs.w}, o);
    CHECK(depthwiseConv3dUsesFastPath(x, w, b));
    auto same = [](const torch::Tensor &t) { return t; };
    auto ours = run(depthwiseConv3d, x, w, b, r, same);
    auto ref = run(depthwiseConv3dReference, x, w, b, r, same);
    CHECK(ours.y.sizes() == ref.y.sizes());
    CHECK(ours.y.scalar_type() == dt);
    const double ey = relErr(ours.y, ref.y), ex = relErr(ours.gx, ref.gx), ew = relErr(ours.gw, ref.gw);
    const double eb = withBias ? relErr(ours.gb, ref.gb) : 0.0;
    if (!(ey <= tol && ex <= tol && ew <= tol && eb <= tol))
        std::fprintf(stderr, "  case [%lld,%lld,%lld,%lld,%lld] k=%lld %s bias=%d: y %.3g gx %.3g gw %.3g gb %.3g\n",
                     (long long)cs.b, (long long)cs.c, (long long)cs.t, (long long)cs.h, (long long)cs.w,
                     (long long)cs.k, dt == torch::kDouble ? "f64" : "f32", int(withBias), ey, ex, ew, eb);
    CHECK(ey <= tol);
    CHECK(ex <= tol);
    CHECK(ew <= tol);
    CHECK(eb <= tol);
    CHECK(ours.gw.sizes() == w.sizes());
}

const Case kCases[] = {
    {1, 3, 1, 5, 7, 3},                        // T = 1: only the middle temporal tap sees data
    {3, 4, 5, 6, 9, 5},                        // batch 3, odd sizes
    {3, 2, 3, 11, 13, 5},                      // W wider than a vector, odd
    {1, 5, 4, 4, 4, 3},    {2, 3, 2, 3, 2, 5}, // kernel larger than T, H and W
    {2, 16, 4, 14, 14, 5},                     // UniFormer stage-2-like plane
    {1, 2, 3, 5, 6, 7},                        // k = 7 (unrolled path)
    {2, 3, 3, 4, 5, 1},                        // k = 1 (generic path)
    {1, 2, 5, 6, 12, 9},                       // k = 9 (generic path)
};

} // namespace

AVT_TEST(depthwise_conv3d_matches_conv3d_float32)
{
    torch::manual_seed(11);
    for (const auto &cs : kCases)
        compareCase(cs, torch::kFloat, 1e-5, true);
}

AVT_TEST(depthwise_conv3d_matches_conv3d_float64)
{
    torch::manual_seed(12);
    for (const auto &cs : kCases)
        compareCase(cs, torch::kDouble, 1e-10, true);
}

AVT_TEST(depthwise_conv3d_without_bias)
{
    torch::manual_seed(13);
    compareCase({2, 3, 3, 5, 7, 3}, torch::kFloat, 1e-5, false);
    compareCase({2, 3, 3, 5, 7, 5}, torch::kDouble, 1e-10, false);
}

AVT_TEST(depthwise_conv3d_non_contiguous_input_and_grad)
{
    torch::manual_seed(14);
    for (auto dt : {torch::kFloat, torch::kDouble}) {
        const double tol = dt == torch::kFloat ? 1e-5 : 1e-10;
        auto o = torch::TensorOptions().dtype(dt);
        // Base [B, C, T, W', H'] -> fed as a transposed, sliced view [B, C, T, H, W].
        auto x = torch::randn({3, 4, 3, 11, 8}, o);
        auto view = [](const torch::Tensor &t) { return t.transpose(3, 4).slice(4, 1, 11, 2); };
        CHECK(!view(x).is_contiguous());
        auto w = torch::randn({4, 1, 5, 5, 5}, o) * 0.2;
        auto b = torch::randn({4}, o);
        // r is non-contiguous too, so the incoming gradient is.
        auto r = torch::randn({3, 4, 3, 5, 8}, o).transpose(3, 4);
        auto ours = run(depthwiseConv3d, x, w, b, r, view);
        auto ref = run(depthwiseConv3dReference, x, w, b, r, view);
        CHECK(relErr(ours.y, ref.y) <= tol);
        CHECK(relErr(ours.gx, ref.gx) <= tol);
        CHECK(relErr(ours.gw, ref.gw) <= tol);
        CHECK(relErr(ours.gb, ref.gb) <= tol);
    }
}

// Central finite differences of L = sum(y * r) for every element of x, w and b (float64).
AVT_TEST(depthwise_conv3d_finite_differences_float64)
{
    torch::manual_seed(15);
    auto o = torch::TensorOptions().dtype(torch::kDouble);
    auto x = torch::randn({1, 2, 3, 4, 5}, o), w = torch::randn({2, 1, 3, 3, 3}, o), b = torch::randn({2}, o);
    auto r = torch::randn({1, 2, 3, 4, 5}, o);
    auto ours = run(depthwiseConv3d, x, w, b, r, [](const torch::Tensor &t) { return t; });
    torch::NoGradGuard guard;
    auto loss = [&] { return (depthwiseConv3d(x, w, b) * r).sum().item<double>(); };
    const double eps = 1e-6;
    double worst = 0;
    for (auto [param, grad] : {std::pair{x, ours.gx}, std::pair{w, ours.gw}, std::pair{b, ours.gb}}) {
        auto flat = param.view({-1});
        auto g = grad.reshape({-1});
        for (int64_t i = 0; i < flat.numel(); ++i) {
            const double v = flat[i].item<double>();
            flat[i] = v + eps;
            const double up = loss();
            flat[i] = v - eps;
            const double down = loss();
            flat[i] = v;
            worst = std::max(worst, std::abs((up - down) / (2 * eps) - g[i].item<double>()));
        }
    }
    CHECK_CLOSE(worst, 0.0, 1e-6);
}

// Only the weight needs a gradient (x is data): the others stay undefined, the weight's is right.
AVT_TEST(depthwise_conv3d_partial_requires_grad)
{
    torch::manual_seed(16);
    auto x = torch::randn({2, 3, 3, 6, 7});
    auto w = (torch::randn({3, 1, 3, 3, 3}) * 0.2).requires_grad_(true);
    auto b = torch::randn({3});
    auto r = torch::randn({2, 3, 3, 6, 7});
    (depthwiseConv3d(x, w, b) * r).sum().backward();
    auto ours = w.grad().clone();
    w.mutable_grad() = torch::Tensor();
    (depthwiseConv3dReference(x, w, b) * r).sum().backward();
    CHECK(relErr(ours, w.grad()) <= 1e-5);
    CHECK(!x.grad().defined());
}

// create_graph = true: second derivatives equal those of torch::conv3d.
AVT_TEST(depthwise_conv3d_double_backward)
{
    torch::manual_seed(17);
    auto o = torch::TensorOptions().dtype(torch::kDouble);
    auto x0 = torch::randn({2, 2, 3, 4, 5}, o), w0 = torch::randn({2, 1, 3, 3, 3}, o), b0 = torch::randn({2}, o);
    auto r = torch::randn({2, 2, 3, 4, 5}, o), r2 = torch::randn({2, 2, 3, 4, 5}, o);
    auto second = [&](auto f) {
        auto x = x0.clone().requires_grad_(true), w = w0.clone().requires_grad_(true);
        auto b = b0.clone().requires_grad_(true);
        auto gx = torch::autograd::grad({(f(x, w, b) * r).sum()}, {x}, {}, true, true)[0];
        (gx * r2).sum().backward(); // d/dw of <dL/dx, r2>
        return w.grad().clone();
    };
    CHECK(relErr(second(depthwiseConv3d), second(depthwiseConv3dReference)) <= 1e-10);
}

// Planes are independent and reductions run in a fixed order: 1 and 2 threads agree exactly.
AVT_TEST(depthwise_conv3d_thread_count_invariant)
{
    torch::manual_seed(18);
    auto x = torch::randn({3, 8, 4, 9, 10});
    auto w = (torch::randn({8, 1, 5, 5, 5}) * 0.2), b = torch::randn({8});
    auto r = torch::randn({3, 8, 4, 9, 10});
    auto same = [](const torch::Tensor &t) { return t; };
    const int before = torch::get_num_threads();
    torch::set_num_threads(1);
    auto one = run(depthwiseConv3d, x, w, b, r, same);
    torch::set_num_threads(2);
    auto two = run(depthwiseConv3d, x, w, b, r, same);
    torch::set_num_threads(before);
    CHECK(torch::equal(one.y, two.y));
    CHECK(torch::equal(one.gx, two.gx));
    CHECK(torch::equal(one.gw, two.gw));
    CHECK(torch::equal(one.gb, two.gb));
}

AVT_TEST(depthwise_conv3d_fallback_and_errors)
{
    auto x = torch::randn({1, 2, 3, 4, 5});
    auto w = torch::randn({2, 1, 3, 3, 3}), b = torch::randn({2});
    CHECK(depthwiseConv3dUsesFastPath(x, w, b));
    CHECK(depthwiseConv3dUsesFastPath(x, w, torch::Tensor()));
    // Other dtypes / mixed dtypes go to torch::conv3d.
    CHECK(!depthwiseConv3dUsesFastPath(x.to(torch::kBFloat16), w.to(torch::kBFloat16), b.to(torch::kBFloat16)));
    CHECK(!depthwiseConv3dUsesFastPath(x, w.to(torch::kDouble), b));
    // Bad shapes are errors naming the function, not crashes.
    CHECK_THROWS(depthwiseConv3d(x.view({2, 3, 4, 5}), w, b));
    CHECK_THROWS(depthwiseConv3d(x, torch::randn({3, 1, 3, 3, 3}), b)); // C mismatch
    CHECK_THROWS(depthwiseConv3d(x, torch::randn({2, 1, 4, 4, 4}), b)); // even k
    CHECK_THROWS(depthwiseConv3d(x, torch::randn({2, 1, 3, 3, 5}), b)); // not cubic
    CHECK_THROWS(depthwiseConv3d(x, torch::randn({2, 2, 3, 3, 3}), b)); // not depthwise
    CHECK_THROWS(depthwiseConv3d(x, w, torch::randn({3})));             // bias size
    try {
        depthwiseConv3d(x, torch::randn({2, 1, 4, 4, 4}), b);
    } catch (const c10::Error &e) {
        CHECK(std::string(e.what()).find("depthwiseConv3d") != std::string::npos);
    }
    // Empty batch: an empty result, no crash.
    auto y = depthwiseConv3d(torch::randn({0, 2, 3, 4, 5}), w, b);
    CHECK(y.sizes() == torch::IntArrayRef({0, 2, 3, 4, 5}));
}
