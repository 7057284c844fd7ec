#include "core/preview/segment_overlay.h"

#include <ATen/core/Tensor.h>
#include <c10/util/Exception.h>

namespace avt::preview {

namespace {

// Frames covered by masked time patches, merged into disjoint ascending spans.
std::vector<model::FrameSpan> maskedPatchSpans(const at::Tensor &tokenMask, const model::AudioPatchGrid &grid)
{
    std::vector<model::FrameSpan> out;
    const std::int64_t tp = grid.timePatches();
    if (tp == 0)
        return out;
    // Tokens are frequency-major; every frequency row masks the same time patches, so row 0 says it.
    const at::Tensor row = tokenMask.slice(0, 0, tp).contiguous(); // [timePatches] bool
    const bool *m = row.data_ptr<bool>();
    for (std::int64_t t = 0; t < tp; ++t) {
        if (!m[t])
            continue;
        const model::FrameSpan span{grid.patchStart(t), grid.patchStart(t) + grid.patch};
        if (!out.empty() && span.start <= out.back().end)
            out.back().end = std::max(out.back().end, span.end);
        else
            out.push_back(span);
    }
    return out;
}

} // namespace

Result<SegmentOverlay> computeSegmentOverlay(const audio::FbankMatrix &input, const OverlayRequest &request)
{
    if (input.frames <= 0 || input.bins <= 0)
        return makeError(QStringLiteral("invalid"), QStringLiteral("segment overlay: empty spectrogram"));
    if (!(request.probability >= 0.0 && request.probability <= 1.0))
        return makeError(QStringLiteral("invalid"),
                         QStringLiteral("mask probability %1 outside [0, 1]").arg(request.probability));
    auto detector = segments::SegmentDetector::create(request.params);
    if (!detector)
        return detector.error();
    auto seg = detector->detect(input.values.data(), input.frames, input.bins);
    if (!seg)
        return seg.error();

    SegmentOverlay out;
    out.segmentation = std::move(*seg);
    try {
        out.spans = out.segmentation.spans();
        at::Generator gen = model::maskGenerator(request.seed);
        out.maskedSegments = model::chooseMaskedSegments(std::int64_t(out.spans.size()), request.probability, gen);
        for (std::int64_t i : out.maskedSegments)
            out.maskedSpans.push_back(out.spans[size_t(i)]);
        model::AudioPatchGrid grid;
        grid.melBins = input.bins;
        grid.frames = input.frames;
        out.totalTokens = grid.numTokens();
        if (out.totalTokens > 0) {
            const at::Tensor frameMask = model::frameMaskFromSpans(out.spans, out.maskedSegments, input.frames);
            const at::Tensor tokens = model::tokenMaskFromFrameMask(frameMask, grid, request.rule); // [Na] bool
            out.maskedTokens = tokens.sum().item<std::int64_t>();
            out.maskedPatches = maskedPatchSpans(tokens, grid);
        }
    } catch (const c10::Error &e) {
        return makeError(QStringLiteral("invalid"),
                         QStringLiteral("segment masking: %1").arg(QString::fromStdString(e.what_without_backtrace())));
    }
    return out;
}

} // namespace avt::preview
