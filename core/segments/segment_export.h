#pragma once
// Export of detected segments and a segment mask: a JSON report and a PNG picture, for the
// `segments` batch verb and the segment inspector.
//
//   auto mask = avt::segments::chooseSegmentMask(seg, 0.04, seed);     // which segments
//   QJsonObject report = avt::segments::segmentReport(info, seg, params, mask);
//   avt::Status s = avt::segments::writeSegmentImage(pngPath, fbank, seg, mask, 0.010);
//
// Time: frame f of the fbank analyses [start + f * frameShift, ... + frameLength) of the
// media, so "seconds" in the report are start + f * frameShift (the window start).
//
// The picture (OpenCV): the fbank as an image (low frequencies at the bottom, 'inferno' colour
// map over the top 20 log units of the clip; zero padding past source.clipFrames greyed out),
// boundaries as cyan vertical lines, masked segments shaded white, the activity curve in a
// panel below with the same time axis, ticks in seconds.
// Thread-safety: pure functions.
#include "core/segments/detector.h"
#include "core/segments/detector_params.h"
#include "core/util/result.h"
#include "model/masking/segment_mask.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <vector>

namespace avt::segments {

// A segment mask for one seed, in frames and on AST's token grid.
struct SegmentMaskChoice {
    std::uint64_t seed = 0;
    double probability = 0.0;
    model::PatchCoverRule rule = model::PatchCoverRule::Half;
    std::vector<std::int64_t> maskedSegments;    // indices into Segmentation::spans(), ascending
    std::vector<std::uint8_t> frameMask;         // [frames], 1 = masked
    model::AudioPatchGrid grid;                  // patch grid of this fbank (bins x frames)
    std::vector<std::int64_t> maskedTimePatches; // time patches masked in every frequency row
    std::int64_t maskedTokens = 0;               // = maskedTimePatches.size() * freqPatches
};

// Chooses round(probability * segments) whole segments with model::maskGenerator(seed) and
// maps them onto the AST patch grid of a [seg.frames, seg.bins] fbank. probability in [0, 1].
SegmentMaskChoice chooseSegmentMask(const Segmentation &seg, double probability, std::uint64_t seed,
                                    model::PatchCoverRule rule = model::PatchCoverRule::Half);
// The same on a model's own patch geometry: geometry.patch and geometry.stride (the time
// stride) are used, melBins and frames come from seg (e.g. avt-tiny: patch 16, stride 16).
SegmentMaskChoice chooseSegmentMask(const Segmentation &seg, double probability, std::uint64_t seed,
                                    model::PatchCoverRule rule, const model::AudioPatchGrid &geometry);

// Where the fbank came from, for the report.
struct SegmentSource {
    QString media;               // file path as given
    double startSeconds = 0.0;   // media time of frame 0's window start
    double audioSeconds = 0.0;   // decoded audio length (before padding)
    std::int64_t clipFrames = 0; // fbank frames of the audio (before pad/cut)
    double frameShiftSeconds = 0.010;
    double frameLengthSeconds = 0.025;
};

// The JSON report: source, all parameters, boundaries (frame, seconds, activity), segments
// (frames, seconds, masked), the activity curve, and the mask (seed, probability, rule,
// segments, frame count, token grid and masked time patches).
QJsonObject segmentReport(const SegmentSource &source, const Segmentation &seg, const DetectorParams &params,
                          const SegmentMaskChoice &mask);

QString patchRuleName(model::PatchCoverRule rule);
// "any", "half", "all" (case-insensitive); false for anything else.
bool parsePatchRule(const QString &text, model::PatchCoverRule *rule);

// Renders the picture of fbank [seg.frames, seg.bins] (row-major float) and writes it as PNG.
// Errors (code "io") when the file cannot be written, ("invalid") when sizes disagree.
Status writeSegmentImage(const QString &pngPath, const float *fbank, const Segmentation &seg,
                         const SegmentMaskChoice &mask, const SegmentSource &source, const QString &title);

} // namespace avt::segments
