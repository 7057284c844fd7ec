#pragma once
// Depthwise 3-D convolution (groups = channels, stride 1, 'same' zero padding k/2, odd cubic
// kernel k, optional bias) with a hand-written CPU forward and backward.
//
//   y = depthwiseConv3d(x, conv->weight, conv->bias);   // x, y [B, C, T, H, W]
//
// Shapes: x [B, C, T, H, W]; weight [C, 1, k, k, k] (k odd); bias [C] or undefined.
// Result [B, C, T, H, W]: y[b,c,t,h,w] = bias[c] + sum_{i,j,l} weight[c,0,i,j,l] *
// x[b,c,t+i-k/2, h+j-k/2, w+l-k/2] (zero outside), i.e. exactly
// torch::conv3d(x, weight, bias, 1, k/2, 1, C).
//
// Why it exists: LibTorch 1.13's CPU conv3d has no depthwise kernel; with groups = C it runs a
// per-group im2col + GEMM. For x [8, 16, 4, 28, 28], k = 5 on one thread that took 0.46 s
// forward and 1.06 s backward for ~50 M MACs (~0.1 GMAC/s, ~100x below a matmul), and it
// dominated UniFormer's CBlocks (DPE 3x3x3 and the 5x5x5 local relation): avt-tiny fwd+bwd at
// batch 8 took 16.7 s. This kernel runs direct loops whose innermost loop runs along W
// (contiguous, vectorised; AVX2/FMA clone chosen at load time on x86-64 with GCC), parallel over
// (batch x channel) planes with at::parallel_for.
//
// Dispatch: the fast path is taken for CPU tensors of dtype float32 / float64 when CPU autocast
// is off; anything else (CUDA, other dtypes, autocast) calls torch::conv3d (cuDNN is fast on
// GPU). Gradients: input, weight and bias (each only when needed). When the backward itself
// runs with grad mode on (create_graph = true), the gradients are recomputed through
// torch::conv3d so that higher-order derivatives stay correct.
//
// Numerics: float32 accumulates in float32 along rows, per-plane weight / bias gradient sums in
// float64; results match torch::conv3d within ~1e-6 relative (float32), ~1e-14 (float64).
// Thread-safety: a pure function of its arguments; safe to call from several threads.
#include <ATen/core/Tensor.h>

namespace avt::model {

// See the header comment. Throws c10::Error (TORCH_CHECK) on inconsistent shapes.
at::Tensor depthwiseConv3d(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias);

// True when depthwiseConv3d would use the hand-written CPU kernel for these arguments.
bool depthwiseConv3dUsesFastPath(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias);

// The reference path (torch::conv3d with groups = C, padding k/2); exposed for tests.
at::Tensor depthwiseConv3dReference(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias);

} // namespace avt::model
