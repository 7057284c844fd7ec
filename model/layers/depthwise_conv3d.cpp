#include "model/layers/depthwise_conv3d.h"

// This file is compiled without the torch PCH and with -O3 -ffp-contract=fast (see
// model/layers/CMakeLists.txt) so that the row loops below are vectorised.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/autocast_mode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/custom_function.h>
#include <torch/version.h>

#include <algorithm>
#include <cstring>
#include <vector>

// On x86-64 with GCC the per-plane kernels are built twice (baseline SSE2 and x86-64-v3 =
// AVX2 + FMA); the loader picks the best one for the CPU (ifunc).
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define AVT_DW_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define AVT_DW_CLONES
#endif
#if defined(__GNUC__)
#define AVT_DW_INLINE inline __attribute__((always_inline))
#else
#define AVT_DW_INLINE inline
#endif

namespace avt::model {

namespace {

using at::Tensor;

// Geometry of one (batch, channel) plane. Padded buffers are padded along W only (p = k/2 zeros
// each side, row stride wp); out-of-range T / H rows are skipped instead of padded.
struct Geom {
    int64_t t, h, w, k, p, wp;
    int64_t plane() const { return t * h * w; }
    int64_t padded() const { return t * h * wp; }
};

// src plane [T*H][W] -> dst [T*H][Wp] with p zeros either side of every row.
template <typename S> void padRows(const S *src, S *dst, const Geom &g)
{
    for (int64_t r = 0; r < g.t * g.h; ++r) {
        S *d = dst + r * g.wp;
        std::fill(d, d + g.p, S(0));
        std::memcpy(d + g.p, src + r * g.w, sizeof(S) * g.w);
        std::fill(d + g.p + g.w, d + g.wp, S(0));
    }
}

// out[t,h,x] = b + sum_{i,j,l} w[i,j,l] * xp[t+i-p, h+j-p, x+l] (xp padded along W).
// K > 0: kernel width known at compile time (the l loop unrolls, the x loop vectorises).
template <typename S, int K>
AVT_DW_INLINE void correlatePlane(const S *__restrict xp, const S *__restrict wt, S b, S *__restrict out, const Geom &g)
{
    const int64_t k = K > 0 ? K : g.k, p = g.p, W = g.w;
    for (int64_t t = 0; t < g.t; ++t) {
        const int64_t i0 = std::max<int64_t>(0, p - t), i1 = std::min<int64_t>(k, g.t + p - t);
        for (int64_t h = 0; h < g.h; ++h) {
            const int64_t j0 = std::max<int64_t>(0, p - h), j1 = std::min<int64_t>(k, g.h + p - h);
            S *__restrict o = out + (t * g.h + h) * W;
            for (int64_t x = 0; x < W; ++x)
                o[x] = b;
            for (int64_t i = i0; i < i1; ++i)
                for (int64_t j = j0; j < j1; ++j) {
                    const S *__restrict src = xp + ((t + i - p) * g.h + (h + j - p)) * g.wp;
                    const S *__restrict wr = wt + (i * k + j) * k;
                    if constexpr (K > 0) {
                        S wl[K];
                        for (int l = 0; l < K; ++l)
                            wl[l] = wr[l];
                        for (int64_t x = 0; x < W; ++x) {
                            S s = o[x];
                            for (int l = 0; l < K; ++l)
                                s += wl[l] * src[x + l];
                            o[x] = s;
                        }
                    } else {
                        for (int64_t l = 0; l < k; ++l) {
                            const S wv = wr[l];
                            for (int64_t x = 0; x < W; ++x)
                                o[x] += wv * src[x + l];
                        }
                    }
                }
        }
    }
}

// gw[i,j,l] += sum_{t,h,x} go[t,h,x] * xp[t+i-p, h+j-p, x+l]; acc: scratch of k * W.
template <typename S, int K>
AVT_DW_INLINE void weightGradPlane(const S *__restrict go, const S *__restrict xp, S *__restrict acc,
                                   double *__restrict gw, const Geom &g)
{
    const int64_t k = K > 0 ? K : g.k, p = g.p, W = g.w;
    for (int64_t i = 0; i < k; ++i) {
        const int64_t t0 = std::max<int64_t>(0, p - i), t1 = std::min<int64_t>(g.t, g.t + p - i);
        for (int64_t j = 0; j < k; ++j) {
            const int64_t h0 = std::max<int64_t>(0, p - j), h1 = std::min<int64_t>(g.h, g.h + p - j);
            std::fill(acc, acc + k * W, S(0));
            for (int64_t t = t0; t < t1; ++t)
                for (int64_t h = h0; h < h1; ++h) {
                    const S *__restrict gr = go + (t * g.h + h) * W;
                    const S *__restrict src = xp + ((t + i - p) * g.h + (h + j - p)) * g.wp;
                    if constexpr (K > 0) {
                        for (int64_t x = 0; x < W; ++x) {
                            const S gv = gr[x];
                            for (int l = 0; l < K; ++l)
                                acc[l * W + x] += gv * src[x + l];
                        }
                    } else {
                        for (int64_t l = 0; l < k; ++l)
                            for (int64_t x = 0; x < W; ++x)
                                acc[l * W + x] += gr[x] * src[x + l];
                    }
                }
            for (int64_t l = 0; l < k; ++l) {
                double s = 0;
                for (int64_t x = 0; x < W; ++x)
                    s += double(acc[l * W + x]);
                gw[(i * k + j) * k + l] += s;
            }
        }
    }
}

template <typename S> AVT_DW_INLINE void correlateAny(const S *xp, const S *wt, S b, S *out, const Geom &g)
{
    switch (g.k) {
    case 3: return correlatePlane<S, 3>(xp, wt, b, out, g);
    case 5: return correlatePlane<S, 5>(xp, wt, b, out, g);
    case 7: return correlatePlane<S, 7>(xp, wt, b, out, g);
    default: return correlatePlane<S, 0>(xp, wt, b, out, g);
    }
}

template <typename S> AVT_DW_INLINE void weightGradAny(const S *go, const S *xp, S *acc, double *gw, const Geom &g)
{
    switch (g.k) {
    case 3: return weightGradPlane<S, 3>(go, xp, acc, gw, g);
    case 5: return weightGradPlane<S, 5>(go, xp, acc, gw, g);
    case 7: return weightGradPlane<S, 7>(go, xp, acc, gw, g);
    default: return weightGradPlane<S, 0>(go, xp, acc, gw, g);
    }
}

// Planes per parallel chunk: at least ~64 K multiply-adds each, so that tiny tensors (late
// stages, small batches) run inline instead of paying for a parallel region.
int64_t grainFor(const Geom &g)
{
    const int64_t work = std::max<int64_t>(1, g.plane() * g.k * g.k * g.k);
    return std::max<int64_t>(1, (int64_t(1) << 16) / work);
}

// Non-template entry points carry the target clones (a lambda would not inherit them).
AVT_DW_CLONES void correlateF(const float *xp, const float *wt, float b, float *out, const Geom &g)
{
    correlateAny<float>(xp, wt, b, out, g);
}
AVT_DW_CLONES void correlateD(const double *xp, const double *wt, double b, double *out, const Geom &g)
{
    correlateAny<double>(xp, wt, b, out, g);
}
AVT_DW_CLONES void weightGradF(const float *go, const float *xp, float *acc, double *gw, const Geom &g)
{
    weightGradAny<float>(go, xp, acc, gw, g);
}
AVT_DW_CLONES void weightGradD(const double *go, const double *xp, double *acc, double *gw, const Geom &g)
{
    weightGradAny<double>(go, xp, acc, gw, g);
}

void correlate(const float *xp, const float *wt, float b, float *out, const Geom &g) { correlateF(xp, wt, b, out, g); }
void correlate(const double *xp, const double *wt, double b, double *out, const Geom &g)
{
    correlateD(xp, wt, b, out, g);
}
void weightGrad(const float *go, const float *xp, float *acc, double *gw, const Geom &g)
{
    weightGradF(go, xp, acc, gw, g);
}
void weightGrad(const double *go, const double *xp, double *acc, double *gw, const Geom &g)
{
    weightGradD(go, xp, acc, gw, g);
}

Geom geomOf(const Tensor &x, int64_t k)
{
    return Geom{x.size(2), x.size(3), x.size(4), k, k / 2, x.size(4) + 2 * (k / 2)};
}

// y = correlate(x, w) + b for every (batch, channel) plane; x contiguous [B, C, T, H, W],
// w contiguous [C, k^3]. bias may be undefined.
template <typename S> Tensor forwardCpu(const Tensor &x, const Tensor &w, const Tensor &bias, int64_t k)
{
    const int64_t C = x.size(1), planes = x.size(0) * C;
    const Geom g = geomOf(x, k);
    auto y = at::empty_like(x, at::MemoryFormat::Contiguous); // [B, C, T, H, W]
    const S *xd = x.data_ptr<S>(), *wd = w.data_ptr<S>();
    const S *bd = bias.defined() ? bias.data_ptr<S>() : nullptr;
    S *yd = y.data_ptr<S>();
    at::parallel_for(0, planes, grainFor(g), [&](int64_t begin, int64_t end) {
        std::vector<S> pad(size_t(g.padded()));
        for (int64_t q = begin; q < end; ++q) {
            const int64_t c = q % C;
            padRows(xd + q * g.plane(), pad.data(), g);
            correlate(pad.data(), wd + c * g.k * g.k * g.k, bd ? bd[c] : S(0), yd + q * g.plane(), g);
        }
    });
    return y;
}

struct Grads {
    Tensor x, w, b;
};

// Gradients for contiguous x [B, C, T, H, W], go [B, C, T, H, W], w [C, k^3].
template <typename S>
Grads backwardCpu(const Tensor &x, const Tensor &go, const Tensor &w, int64_t k, bool needX, bool needW, bool needB)
{
    const int64_t B = x.size(0), C = x.size(1), planes = B * C, k3 = k * k * k;
    const Geom g = geomOf(x, k);
    Grads r;
    // Flipped kernel: the input gradient is the correlation of go with w reversed in t, h, w.
    const Tensor wflip = w.view({C, k, k, k}).flip({1, 2, 3}).contiguous();
    if (needX)
        r.x = at::empty_like(x, at::MemoryFormat::Contiguous);
    // Per-plane partial sums in double: [B*C, k^3] and [B*C].
    Tensor pw = needW ? at::zeros({planes, k3}, x.options().dtype(at::kDouble)) : Tensor();
    Tensor pb = needB ? at::zeros({planes}, x.options().dtype(at::kDouble)) : Tensor();
    const S *xd = x.data_ptr<S>(), *gd = go.data_ptr<S>(), *wf = wflip.data_ptr<S>();
    S *gxd = needX ? r.x.data_ptr<S>() : nullptr;
    double *pwd = needW ? pw.data_ptr<double>() : nullptr;
    double *pbd = needB ? pb.data_ptr<double>() : nullptr;
    at::parallel_for(0, planes, grainFor(g), [&](int64_t begin, int64_t end) {
        std::vector<S> pad(size_t(g.padded())), acc(size_t(k * g.w));
        for (int64_t q = begin; q < end; ++q) {
            const S *gq = gd + q * g.plane();
            if (needX) {
                padRows(gq, pad.data(), g);
                correlate(pad.data(), wf + (q % C) * k3, S(0), gxd + q * g.plane(), g);
            }
            if (needW) {
                padRows(xd + q * g.plane(), pad.data(), g);
                weightGrad(gq, pad.data(), acc.data(), pwd + q * k3, g);
            }
            if (needB) {
                double s = 0;
                for (int64_t e = 0; e < g.plane(); ++e)
                    s += double(gq[e]);
                pbd[q] = s;
            }
        }
    });
    if (needW)
        r.w = pw.view({B, C, k3}).sum(0).to(x.scalar_type()).view({C, 1, k, k, k});
    if (needB)
        r.b = pb.view({B, C}).sum(0).to(x.scalar_type());
    return r;
}

bool autocastOn()
{
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    return at::autocast::is_autocast_enabled(at::kCPU);
#else
    return at::autocast::is_cpu_enabled();
#endif
}

void checkArgs(const Tensor &x, const Tensor &weight, const Tensor &bias)
{
    TORCH_CHECK(x.dim() == 5, "depthwiseConv3d: input must be [B, C, T, H, W], got ", x.sizes());
    TORCH_CHECK(weight.dim() == 5 && weight.size(0) == x.size(1) && weight.size(1) == 1,
                "depthwiseConv3d: weight must be [C, 1, k, k, k] with C = ", x.size(1), ", got ", weight.sizes());
    const int64_t k = weight.size(2);
    TORCH_CHECK(k % 2 == 1 && weight.size(3) == k && weight.size(4) == k,
                "depthwiseConv3d: kernel must be cubic with odd size, got ", weight.sizes());
    TORCH_CHECK(!bias.defined() || (bias.dim() == 1 && bias.size(0) == x.size(1)),
                "depthwiseConv3d: bias must be [C] with C = ", x.size(1), ", got ", bias.sizes());
}

class DepthwiseConv3dFunction : public torch::autograd::Function<DepthwiseConv3dFunction> {
public:
    static Tensor forward(torch::autograd::AutogradContext *ctx, const Tensor &x, const Tensor &weight,
                          const Tensor &bias)
    {
        ctx->save_for_backward({x, weight});
        ctx->saved_data["has_bias"] = bias.defined();
        if (bias.defined())
            ctx->saved_data["bias"] = bias;
        const auto xc = x.contiguous();
        const auto wc = weight.reshape({weight.size(0), -1}).contiguous(); // [C, k^3]
        const auto bc = bias.defined() ? bias.contiguous() : Tensor();
        const int64_t k = weight.size(2);
        return x.scalar_type() == at::kDouble ? forwardCpu<double>(xc, wc, bc, k) : forwardCpu<float>(xc, wc, bc, k);
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const Tensor &x = saved[0], &weight = saved[1];
        const bool hasBias = ctx->saved_data["has_bias"].toBool();
        const Tensor bias = hasBias ? ctx->saved_data["bias"].toTensor() : Tensor();
        const bool needX = ctx->needs_input_grad(0), needW = ctx->needs_input_grad(1);
        const bool needB = hasBias && ctx->needs_input_grad(2);
        const Tensor &go = grads[0];
        if (!go.defined())
            return {Tensor(), Tensor(), Tensor()};
        if (at::GradMode::is_enabled())
            return differentiableBackward(x, weight, bias, go, needX, needW, needB);
        const int64_t k = weight.size(2);
        const auto xc = x.contiguous(), gc = go.contiguous();
        const auto wc = weight.reshape({weight.size(0), -1}).contiguous();
        Grads r = x.scalar_type() == at::kDouble ? backwardCpu<double>(xc, gc, wc, k, needX, needW, needB)
                                                 : backwardCpu<float>(xc, gc, wc, k, needX, needW, needB);
        return {r.x, r.w, r.b};
    }

private:
    // create_graph = true: gradients through torch::conv3d so that they are differentiable.
    static torch::autograd::variable_list differentiableBackward(const Tensor &x, const Tensor &w, const Tensor &b,
                                                                 const Tensor &go, bool needX, bool needW, bool needB)
    {
        auto y = depthwiseConv3dReference(x, w, b);
        std::vector<Tensor> inputs;
        if (needX)
            inputs.push_back(x);
        if (needW)
            inputs.push_back(w);
        if (needB)
            inputs.push_back(b);
        auto g = torch::autograd::grad({y}, inputs, {go}, /*retain_graph=*/true, /*create_graph=*/true);
        size_t n = 0;
        Tensor gx = needX ? g[n++] : Tensor(), gw = needW ? g[n++] : Tensor(), gb = needB ? g[n++] : Tensor();
        return {gx, gw, gb};
    }
};

} // namespace

bool depthwiseConv3dUsesFastPath(const Tensor &x, const Tensor &weight, const Tensor &bias)
{
    const auto st = x.scalar_type();
    return x.device().is_cpu() && weight.device().is_cpu() && (!bias.defined() || bias.device().is_cpu())
           && (st == at::kFloat || st == at::kDouble) && weight.scalar_type() == st
           && (!bias.defined() || bias.scalar_type() == st) && x.layout() == at::kStrided && !autocastOn();
}

Tensor depthwiseConv3dReference(const Tensor &x, const Tensor &weight, const Tensor &bias)
{
    checkArgs(x, weight, bias);
    const int64_t p = weight.size(2) / 2;
    return at::conv3d(x, weight, bias, {1, 1, 1}, {p, p, p}, {1, 1, 1}, x.size(1));
}

Tensor depthwiseConv3d(const Tensor &x, const Tensor &weight, const Tensor &bias)
{
    checkArgs(x, weight, bias);
    if (!depthwiseConv3dUsesFastPath(x, weight, bias))
        return depthwiseConv3dReference(x, weight, bias);
    // A custom Function cannot take an undefined tensor: no bias = a zero bias without gradient.
    return DepthwiseConv3dFunction::apply(x, weight, bias.defined() ? bias : at::zeros({x.size(1)}, x.options()));
}

} // namespace avt::model
