#pragma once
// Checks that Grad-CAM maps mean something, on a labelled split of a dataset whose generator
// recorded where the picture is (DrumArt-10's manifest.json: [x, y, w, h] per frame).
//
// Pointing: for every input frame, the share of the video map's mass inside the picture's box
// (the box mapped through the loader's short-side resize and centre crop), against the box's
// share of the frame. Reported: the means of both over all frames of all clips, their ratio
// (goal >= 2), the share of frames whose map peak lies in the box, and per-clip figures.
// Randomisation (Adebayo et al. 2018): the same maps from a model with freshly initialised
// weights (same config, targeting the trained model's class) compared with the trained
// model's by Spearman rank correlation over the layer's grid cells (ties get average ranks;
// a constant map correlates 0); reported as the mean over clips (goal < 0.5).
// The random model's pointing ratio is reported too, as the baseline the trained one must beat
// (edges alone can draw a map towards the picture).
// Timing: wall seconds of explain() (forward, backward, maps) per clip.
#include "core/explain/run_gradcam.h"
#include "core/train/run_model.h"

#include <QJsonArray>

#include <array>

#include <functional>

namespace avt::gradcam {

struct CheckOptions {
    ExplainOptions explain;       // video layer etc.; the audio side is compared in randomisation
    QString manifest;             // manifest.json; empty: looked for next to / above the clips
    int limit = 0;                // at most this many clips (0: all)
    std::uint64_t randomSeed = 7; // seed of the randomly initialised model
};

struct CheckResult {
    int clips = 0;
    int frames = 0;
    double massInBox = 0;   // mean share of map mass inside the box
    double boxShare = 0;    // mean share of the frame the box covers
    double ratio = 0;       // massInBox / boxShare
    double peakInBox = 0;   // share of frames whose map peak is inside the box
    double randomRatio = 0; // the same pointing ratio for the randomly initialised model
    // Per clip (mass in box / box share of the clip): the median, and the share of clips below 1
    // (their map lies mostly outside the box). A mean can hide a split into hits and misses.
    double medianClipRatio = 0;
    double clipsBelowOne = 0;
    double spearmanVideo = 0; // mean rank correlation trained vs random (video maps)
    double spearmanAudio = 0; // same for the audio maps (0 when the model has no audio)
    double secondsMean = 0, secondsMax = 0;
    double accuracy = 0; // trained model's top-1 on the clips checked
    QString videoLayer, audioLayer;
    QJsonArray perClip;
};

// Spearman rank correlation of two equally long vectors (average ranks for ties; 0 when either
// is constant).
double spearman(const std::vector<float> &a, const std::vector<float> &b);

// The picture's box in each input frame of a clip, as the pointing check uses it: [x0, y0, x1,
// y1) in the S x S input frame, from a DrumArt-10 manifest (manifest empty: looked for next to /
// above the media). Empty when there is no manifest or the clip is not in it; an error when the
// manifest cannot be read.
Result<std::vector<std::array<double, 4>>> clipInputBoxes(const QString &media, const std::vector<double> &frameTimes,
                                                          int64_t S, const QString &manifest = QString());

// One clip's pointing as runChecks counts it, from its video map [T, S, S] (row-major floats):
// the mean share of map mass inside the box, the mean share of the frame the box covers, their
// ratio, and how many frames had a box.
struct ClipPointing {
    double massInBox = 0, boxShare = 0, ratio = 0;
    int frames = 0;
};
ClipPointing clipPointing(const float *map, int64_t T, int64_t S, const std::vector<std::array<double, 4>> &boxes);

// progress(done, total) after every clip.
Result<CheckResult> runChecks(train::RunModel &model, const std::vector<loader::LoaderItem> &items,
                              const CheckOptions &options, const std::function<void(int, int)> &progress = {});

} // namespace avt::gradcam
