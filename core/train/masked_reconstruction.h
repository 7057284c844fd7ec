#pragma once
// Masked reconstruction of a trained run on a clip (the service behind `avt-workbench --batch
// segments MEDIA --run RUN --workspace WS --out DIR`): the segment (or random-token) mask of the
// clip as the run's model sees it, and what its audio decoder reconstructs.
//
// Steps: the run's model (best checkpoint, train::loadRunModel) and its config; the clip's
// model input exactly as evaluation makes it (ClipLoader in Eval mode, batch 1, one view: Kaldi
// fbank of the clipSeconds window, padded / cut to model.audio.frames, (x - mean) / (2 std));
// segment detection on that normalised fbank with the run's masking.detector.* parameters
// (detector options given on the command line apply on top); the mask (segment: whole segments
// chosen with model::maskGenerator(seed), mapped onto the model's own time patches with the
// patch rule and repeated over all frequency rows; random: round(p * Na) tokens drawn with
// model::randomTokenMask from maskGenerator(seed), the MAV baseline); the forward pass with that
// audio token mask (video unmasked) and reconstruct = true.
//
// Output, NAME = the media file's base name:
//   DIR/NAME.segments.json       the segments report (segment_export.h) plus run, checkpoint,
//                                maskKind, and "reconstruction" {maskedMse, visibleMse, element
//                                counts, file names}; with --mask random "mask" lists tokens.
//   DIR/NAME.reconstruction.png  the three panels (reconstruction_export.h)
//   DIR/NAME.input.npy, NAME.masked_input.npy, NAME.reconstruction.npy   [T, F] float32
//   DIR/NAME.mask.npy            [T, F] uint8 element mask (1 = covered by a masked patch)
// Errors (the message names the cause): unknown run or workspace, no checkpoint, a run without an
// audio decoder (model.head.decoders=false) or whose decoder was never trained
// (losses.masked = 0), a video-only run, an unreadable clip.
#include "core/segments/detector_params.h"
#include "core/util/result.h"
#include "model/masking/segment_mask.h"

#include <QList>
#include <QPair>
#include <QString>

#include <cstdint>
#include <optional>

namespace avt::train {

struct ReconstructionRequest {
    QString media;
    QString workspace;
    QString run;
    QString outDir;
    bool randomMask = false; // --mask random
    std::uint64_t seed = 0;
    std::optional<double> probability; // default: the run's masking.probability
    model::PatchCoverRule rule = model::PatchCoverRule::Half;
    double start = 0.0; // window of the media, seconds (length <= 0: to the end)
    double length = 0.0;
    QList<QPair<QString, QString>> detectorSets; // DetectorParams key -> value, from the command line
};

// Runs the export; returns one line for people that sums it up (segments, mask, MSE, files).
Result<QString> exportRunReconstruction(const ReconstructionRequest &request);

} // namespace avt::train
