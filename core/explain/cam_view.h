#pragma once
// Grad-CAM for the desktop viewer: one run's maps on one clip of the workspace (or a media
// file), as plain arrays a view can draw, computed by the same loadInputs() + explain() as the
// `gradcam` verb and cached per request in the workspace, with each cache entry recorded in the
// store's artifacts (kind "gradcam-view").
//
//   avt::gradcam::ViewEngine engine(workspaceDir);
//   avt::gradcam::ViewRequest r;            // default layers, predicted class, best checkpoint
//   r.run = "demo-table4-video"; r.clipId = 12;
//   auto v = engine.compute(r);             // cached: read back in milliseconds
//   v->videoMap                              // [T, S, S] in [0, 1], the verb's cam_video.npy
//
// Cache: WORKSPACE/cache/gradcam/<key>/ holding view.json (everything but the arrays),
// frames.npy (uint8 [T, S, S, 3], the input frames with the normalisation undone), fbank.npy
// (the normalised fbank input [T_a, F]), cam_video.npy / cam_audio.npy (maps at input
// resolution) and grid_video.npy / grid_audio.npy (maps on the layer's grid). <key> is a hash
// of the run, the checkpoint file (path, size, modification time), the clip (id or media path,
// window), layers, method, weighting, head and target. An entry is written to a temporary
// folder and renamed into place, so a half-written entry is never read (the entry: view_cache.h).
//
// No LibTorch types here: the widgets include this header.
// Thread-safety: a ViewEngine may be used from any thread; calls that run a model are serialised
// (one at a time per engine). The free functions are reentrant.
#include "core/util/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace avt::gradcam {

// Which class's score the map explains.
enum class TargetKind { Predicted, GroundTruth, TopK, Class };

struct ViewRequest {
    QString run;
    QString checkpoint; // a file from runCheckpoints(); empty: the best (else the last) checkpoint
    qint64 clipId = 0;  // a clip of the workspace; 0: the media file below (whole file, no label)
    QString media;
    QString videoLayer, audioLayer; // tap names; empty: the model's default layer
    // Names as the verb takes them (--head, --method, --weighting): main | noun | audio | video,
    // gradcam | gradcam++, slice | clip. (Strings keep LibTorch's headers out of the views.)
    QString head = QStringLiteral("main");
    QString method = QStringLiteral("gradcam");
    QString weighting = QStringLiteral("slice");
    TargetKind target = TargetKind::Predicted;
    int k = 1;          // TopK: the k-th highest score (1 = the prediction)
    int classIndex = 0; // Class
};

struct ViewArray {
    std::vector<int64_t> shape;
    std::vector<float> values;
    bool empty() const { return values.empty(); }
    int64_t dim(size_t i) const { return i < shape.size() ? shape[i] : 0; }
};

struct ViewLayer {
    QString name;
    bool video = true;
    std::vector<int64_t> shape, grid;
};

struct ViewResult {
    QString run, checkpointLabel, checkpointFile;
    QStringList classNames; // main head; may be empty (indices are shown)
    QString media;
    qint64 clipId = 0;
    QString clipTitle;
    int label = -1; // ground truth in the run's classes, -1 unknown
    double windowStart = 0, windowSeconds = 0;
    std::vector<double> frameTimes;   // media time of each input frame
    int frameSize = 0;                // S
    std::vector<std::uint8_t> frames; // [T, S, S, 3] RGB
    int frameCount = 0;
    ViewArray fbank;                     // [T_a, F], normalised model input (empty without audio)
    ViewArray videoMap, audioMap;        // [T, S, S], [T_a, F] in [0, 1]
    ViewArray videoGrid, audioGrid;      // on the layer grid
    double videoPeak = 0, audioPeak = 0; // the maps' scale before normalising (compare runs)
    bool videoReached = true, audioReached = true;
    QString videoLayer, audioLayer;
    QString head, method, weighting, target; // names as the verb prints them; target "predicted", "top2", ...
    std::vector<float> logits;               // target head
    std::vector<float> mainLogits;
    int64_t targetClass = -1;
    double score = 0;
    std::vector<std::array<double, 4>> boxes; // picture box per input frame (DrumArt-10), else empty
    double pointing = -1;                     // the clip's pointing ratio (gradcam-check), -1 without boxes
    double massInBox = 0, boxShare = 0;
    std::vector<ViewLayer> layers; // every layer of the model (layer picker)
    QString defaultVideoLayer, defaultAudioLayer, defaultVideoReason, defaultAudioReason;
    QStringList heads;  // heads this model has ("main", "noun", "audio", "video")
    double seconds = 0; // computing (0 when read from the cache)
    bool fromCache = false;
    QString cacheDir; // absolute

    // The top-k of the main head's softmax: (class, probability).
    std::vector<std::pair<int64_t, double>> topK(int k) const;
};

// What the view lists as runs: those with a checkpoint, with their checkpoints.
struct ViewRun {
    QString name, status, preset, fusion, dataset;
    QStringList checkpointLabels, checkpointFiles; // best first
};

class ViewEngine {
public:
    explicit ViewEngine(QString workspaceDir);
    ~ViewEngine();
    ViewEngine(const ViewEngine &) = delete;
    ViewEngine &operator=(const ViewEngine &) = delete;

    QString workspace() const { return m_workspace; }

    Result<QList<ViewRun>> runs() const;
    // The cache key folder of a request (absolute; may not exist); error when the run, its
    // checkpoint or the clip is unknown.
    Result<QString> cacheDirFor(const ViewRequest &request) const;
    // The cached result, or error "missing" when not cached (never runs a model).
    Result<ViewResult> cached(const ViewRequest &request) const;
    // Cached, else computed and cached. cancel (may be null) is polled between the steps
    // (model, decoding, maps, writing): set, the call returns error "cancelled". stage (may be
    // empty) gets a short description of each step.
    Result<ViewResult> compute(const ViewRequest &request, const std::atomic<bool> *cancel = nullptr,
                               const std::function<void(const QString &)> &stage = {});
    // Drops the loaded models (the next compute loads them again).
    void clearModels();

private:
    struct Loaded;
    Result<std::shared_ptr<Loaded>> model(const QString &run, const QString &checkpointFile);

    QString m_workspace;
    std::mutex m_computeMutex;
    std::mutex m_modelsMutex;
    std::map<QString, std::shared_ptr<Loaded>> m_models; // by checkpoint identity
};

// Writes results as the `gradcam` verb does (the same files under dir: <n>-<run>/ folders,
// strip.png, gradcam.json) from results of one clip, with the verb's --colormap and --alpha.
Result<QJsonObject> writeViewExport(const QString &dir, const std::vector<const ViewResult *> &results,
                                    const QString &colormap = QStringLiteral("jet"), double alpha = 0.5);

// OpenCV colour map by name (run_gradcam.h); -1 if unknown.
int colormapByName(const QString &name);

// RGB colours of an OpenCV colour map (colormapByName) at 256 levels, as 0xRRGGBB.
std::array<std::uint32_t, 256> colormapTable(int colormap);

const char *targetKindName(TargetKind kind);

} // namespace avt::gradcam
