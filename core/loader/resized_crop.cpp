#include "core/loader/resized_crop.h"

#include <algorithm>
#include <vector>

namespace avt::loader::detail {

namespace {

// One output coordinate's two source taps and their weights.
struct Tap {
    int i0 = 0, i1 = 0;
    float w0 = 1.0f, w1 = 0.0f;
};

// Taps of the `count` output coordinates starting at `offset` in a resize of `source` to
// `resized` (pixel centres aligned, clamped at 0 and source - 1), optionally in mirrored order.
std::vector<Tap> taps(int count, int offset, int source, int resized, bool mirror)
{
    std::vector<Tap> out(size_t(std::max(count, 0)));
    const double scale = double(source) / resized;
    for (int k = 0; k < count; ++k) {
        const int d = (mirror ? count - 1 - k : k) + offset;
        const double s = std::max(0.0, (d + 0.5) * scale - 0.5);
        Tap t;
        t.i0 = std::min(int(s), source - 1);
        t.i1 = std::min(t.i0 + 1, source - 1);
        t.w1 = float(s - t.i0);
        t.w0 = 1.0f - t.w1;
        out[size_t(k)] = t;
    }
    return out;
}

} // namespace

void resizedCropToPlanes(const std::uint8_t *frames, int T, const ResizedCrop &g, const float mean[3],
                         const float std[3], float *out)
{
    const int S = g.size, W = g.srcW;
    if (T <= 0 || S <= 0 || W <= 0 || g.srcH <= 0)
        return;
    const std::vector<Tap> xs = taps(S, g.left, W, g.resizedW, g.flip);
    const std::vector<Tap> ys = taps(S, g.top, g.srcH, g.resizedH, false);
    float scale[3], bias[3]; // (v / 255 - mean) / std = v * scale + bias
    for (int c = 0; c < 3; ++c) {
        scale[c] = 1.0f / (255.0f * std[c]);
        bias[c] = -mean[c] / std[c];
    }
    // The source columns the crop reads, and each output column's two taps as offsets into them.
    int lo = W, hi = 0;
    for (const Tap &t : xs) {
        lo = std::min(lo, t.i0);
        hi = std::max(hi, t.i1 + 1);
    }
    const int values = 3 * (hi - lo);
    std::vector<int> first(static_cast<size_t>(S)), second(static_cast<size_t>(S));
    for (int x = 0; x < S; ++x) {
        first[size_t(x)] = 3 * (xs[size_t(x)].i0 - lo);
        second[size_t(x)] = 3 * (xs[size_t(x)].i1 - lo);
    }
    // Vertical first: each output row blends its two source rows over those columns (a loop the
    // compiler vectorises, uint8 to float included), then takes its two columns per pixel and
    // channel and writes the normalised planes.
    std::vector<float> blended(static_cast<size_t>(values));
    const std::int64_t plane = std::int64_t(T) * S * S;
    for (int t = 0; t < T; ++t) {
        const std::uint8_t *frame = frames + std::int64_t(t) * g.srcH * W * 3;
        for (int y = 0; y < S; ++y) {
            const Tap &ty = ys[size_t(y)];
            const std::uint8_t *a = frame + (std::int64_t(ty.i0) * W + lo) * 3;
            const std::uint8_t *b = frame + (std::int64_t(ty.i1) * W + lo) * 3;
            const float wa = ty.w0, wb = ty.w1;
            float *r = blended.data();
            for (int k = 0; k < values; ++k)
                r[k] = wa * a[k] + wb * b[k];
            float *o0 = out + (std::int64_t(t) * S + y) * S, *o1 = o0 + plane, *o2 = o1 + plane;
            for (int x = 0; x < S; ++x) {
                const Tap &tx = xs[size_t(x)];
                const float *p = r + first[size_t(x)], *q = r + second[size_t(x)];
                o0[x] = (tx.w0 * p[0] + tx.w1 * q[0]) * scale[0] + bias[0];
                o1[x] = (tx.w0 * p[1] + tx.w1 * q[1]) * scale[1] + bias[1];
                o2[x] = (tx.w0 * p[2] + tx.w1 * q[2]) * scale[2] + bias[2];
            }
        }
    }
}

} // namespace avt::loader::detail
