// Segment detection: activity curve (activity.cpp), its smoothing, then greedy change-point
// selection with non-maximum suppression and a minimum segment length.
#include "core/segments/detector.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace avt::segments {

std::vector<model::FrameSpan> Segmentation::spans() const
{
    std::vector<model::FrameSpan> out;
    out.reserve(boundaries.size() + 1);
    std::int64_t start = 0;
    for (std::int64_t b : boundaries) {
        out.push_back({start, b});
        start = b;
    }
    out.push_back({start, frames});
    return out;
}

SegmentDetector::SegmentDetector(const DetectorParams &params)
    : m_params(params), m_kernel(params.smoothWindow, params.smoothOrder),
      m_activitySmoothing(params.activityWindow, params.activityOrder)
{}

Result<SegmentDetector> SegmentDetector::create(const DetectorParams &params)
{
    if (Status s = params.validate(); !s)
        return s.error();
    return SegmentDetector(params);
}

Result<Segmentation> SegmentDetector::detect(const at::Tensor &fbank) const
{
    if (!fbank.defined() || fbank.dim() != 2)
        return makeError(QStringLiteral("invalid"),
                         QStringLiteral("segments: fbank must be a 2-D tensor [frames, bins], got %1 dimensions")
                             .arg(fbank.defined() ? fbank.dim() : 0));
    if (!fbank.device().is_cpu())
        return makeError(QStringLiteral("invalid"), QStringLiteral("segments: fbank must be on the CPU"));
    if (fbank.scalar_type() != at::kFloat && fbank.scalar_type() != at::kDouble)
        return makeError(QStringLiteral("invalid"), QStringLiteral("segments: fbank must be float32 or float64"));
    const at::Tensor x = fbank.to(at::kFloat).contiguous(); // [T, M], no copy when already so
    return detect(x.data_ptr<float>(), x.size(0), x.size(1));
}

Result<Segmentation> SegmentDetector::detect(const float *fbank, std::int64_t frames, std::int64_t bins) const
{
    if (frames < 0 || bins < 1 || (frames > 0 && !fbank))
        return makeError(
            QStringLiteral("invalid"),
            QStringLiteral("segments: fbank must be [frames >= 0, bins >= 1], got [%1, %2]").arg(frames).arg(bins));
    Segmentation seg;
    seg.frames = frames;
    seg.bins = bins;
    std::vector<double> raw(static_cast<size_t>(frames)), work(static_cast<size_t>(bins));
    m_kernel.compute(fbank, frames, bins, raw.data(), work.data());
    // NaN or infinity anywhere in a row makes that row's activity non-finite.
    for (std::int64_t t = 0; t < frames; ++t)
        if (!std::isfinite(raw[size_t(t)]))
            return makeError(QStringLiteral("invalid"),
                             QStringLiteral("segments: fbank has non-finite values near frame %1").arg(t));
    seg.activity.resize(size_t(frames));
    m_activitySmoothing.apply(raw.data(), seg.activity.data(), frames);
    pickBoundaries(seg);
    return seg;
}

void SegmentDetector::pickBoundaries(Segmentation &seg) const
{
    const std::int64_t n = seg.frames;
    const std::int64_t minLen = m_params.minSegmentFrames;
    const std::int64_t radius = m_params.peakRadius;
    const std::int64_t wanted = m_params.maxSegments - 1;
    if (wanted <= 0 || n < 2 * minLen)
        return;
    const std::vector<double> &a = seg.activity;
    const double top = *std::max_element(a.begin(), a.end());
    const double floor = std::max(m_params.minActivity, m_params.relativeThreshold * top);

    // Candidates: strict maximum over the frames before (within radius), and not smaller than
    // the frames after. A plateau of equal values (a clean step puts the same gradient on the
    // two frames around it) yields its middle frame, rounded up: the step between frames o-1
    // and o gives boundary o, the first frame of the new segment.
    std::vector<std::int64_t> cand;
    cand.reserve(size_t(n / (radius + 1) + 1));
    for (std::int64_t t = minLen; t <= n - minLen; ++t) {
        const double v = a[size_t(t)];
        if (!(v > floor))
            continue;
        bool peak = true;
        for (std::int64_t u = std::max<std::int64_t>(0, t - radius); peak && u < t; ++u)
            peak = a[size_t(u)] < v;
        for (std::int64_t u = t + 1; peak && u <= std::min(n - 1, t + radius); ++u)
            peak = a[size_t(u)] <= v;
        if (!peak)
            continue;
        std::int64_t last = t;
        while (last + 1 < n && a[size_t(last + 1)] == v)
            ++last;
        const std::int64_t mid = (t + last + 1) / 2;
        if (mid <= n - minLen)
            cand.push_back(mid);
    }
    // Strongest first; equal activity: earlier frame first (stable sort keeps frame order).
    std::stable_sort(cand.begin(), cand.end(),
                     [&a](std::int64_t l, std::int64_t r) { return a[size_t(l)] > a[size_t(r)]; });

    // blocked[t]: t is closer than minLen to an accepted boundary.
    std::vector<std::uint8_t> blocked(size_t(n), 0);
    for (std::int64_t t : cand) {
        if (blocked[size_t(t)])
            continue;
        seg.boundaries.push_back(t);
        const std::int64_t lo = std::max<std::int64_t>(0, t - minLen + 1);
        const std::int64_t hi = std::min(n - 1, t + minLen - 1);
        std::fill(blocked.begin() + lo, blocked.begin() + hi + 1, std::uint8_t(1));
        if (std::int64_t(seg.boundaries.size()) == wanted)
            break;
    }
    std::sort(seg.boundaries.begin(), seg.boundaries.end());
    seg.boundaryActivity.reserve(seg.boundaries.size());
    for (std::int64_t b : seg.boundaries)
        seg.boundaryActivity.push_back(a[size_t(b)]);
}

Result<Segmentation> detectSegments(const at::Tensor &fbank, const DetectorParams &params)
{
    auto detector = SegmentDetector::create(params);
    if (!detector)
        return detector.error();
    return detector->detect(fbank);
}

} // namespace avt::segments
