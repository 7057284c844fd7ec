#pragma once
// Grad-CAM of a trained run on media files, as the run's evaluation sees them (one centre view:
// the clip_seconds window in the middle of the file, centre crop), and its export: overlays,
// contact strip, MP4, spectrogram overlay and a JSON report. The GUI's viewer calls the same
// functions; `avt-workbench --batch gradcam` drives them headless.
//
//   auto m = avt::train::loadRunModel(ws, "e25-full");
//   avt::gradcam::ExplainOptions o;                      // default layers, predicted class
//   auto inputs = avt::gradcam::loadInputs(m->config, {"a.mp4"});
//   auto e = avt::gradcam::explain(*m->net, (*inputs)[0], o);
//   avt::gradcam::writeExport(outDir, {{m->run, m->classNames, *e}}, avt::gradcam::ExportOptions{});
//
// Layout of the export folder DIR: DIR/<run>/frame_NN.png (overlay on input frame NN, drawn at
// ExportOptions::displaySize), DIR/<run>/overlay.mp4, DIR/<run>/spectrogram.png (fbank with the
// audio map, low frequencies at the bottom), DIR/<run>/cam_video.npy [T, H, W] and
// cam_audio.npy [T_frames, F] (maps at input resolution, in [0, 1]), DIR/strip.png (input frames
// on the first row, one row of overlays per run, as the paper's figures), DIR/gradcam.json.
// Thread-safety: explain() runs the model (one call at a time per model); the rest is reentrant.
#include "core/loader/loader_types.h"
#include "core/train/run_config.h"
#include "core/util/result.h"
#include "model/explain/gradcam.h"

#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace avt::gradcam {

struct ExplainOptions {
    QStringList layers; // tap names; for a modality without one here, its default layer
    bool video = true;  // explain the video side (when the model has one)
    bool audio = true;  // explain the audio side
    model::CamHead head = model::CamHead::Main;
    int64_t targetClass = -1; // -1: predicted
    model::CamMethod method = model::CamMethod::GradCam;
    model::CamWeighting weighting = model::CamWeighting::PerTimeSlice;
};

// One clip's model inputs, exactly as fed (batch dimension removed).
struct ClipInputs {
    QString media;
    at::Tensor audio; // [T_a, F] normalised fbank (undefined for video-only models)
    at::Tensor video; // [3, T_v, S, S] normalised frames (undefined for audio-only models)
    double windowStart = 0, windowSeconds = 0;
    std::vector<double> frameTimes; // media time of each input frame's sampling centre
    int label = -1;                 // from the item, when known
    qint64 clipId = 0;
};

// Decodes and featurises the items with the run's evaluation settings (centre view). Items
// that fail are reported in the error when all fail, else skipped with a message in *skipped.
Result<std::vector<ClipInputs>> loadInputs(const train::RunConfig &config, const std::vector<loader::LoaderItem> &items,
                                           QStringList *skipped = nullptr);
// Media files as items (whole files, no labels).
std::vector<loader::LoaderItem> mediaItems(const QStringList &files);

struct Explanation {
    ClipInputs inputs;
    ExplainOptions options;
    model::CamResult cam;
    double seconds = 0; // forward + backward + maps, wall clock
};

// Resolves the layers (unknown names: error listing the available ones) and runs Grad-CAM.
Result<Explanation> explain(model::AvtModelImpl &net, const ClipInputs &inputs, const ExplainOptions &options);

struct RunExplanation {
    QString run;
    QStringList classNames; // may be empty (indices are printed)
    Explanation e;
};

struct ExportOptions {
    int colormap = 2;      // OpenCV colour map id (2 = JET); see colormapByName
    double alpha = 0.5;    // heatmap opacity over the frame
    int displaySize = 224; // overlay frames are drawn at least this large
    double fps = 4.0;      // MP4 frame rate
    int stripFrames = 8;   // at most this many frames per strip row (evenly chosen)
};

// OpenCV colour map by name (jet, turbo, inferno, viridis, hot, magma, plasma, parula); -1 if unknown.
int colormapByName(const QString &name);

// Writes the files described above for one media file and one or more runs; returns the report.
Result<QJsonObject> writeExport(const QString &dir, const std::vector<RunExplanation> &runs,
                                const ExportOptions &options);

// Name of class k ("c3-tom-bugs" or "3" when unknown).
QString className(const QStringList &names, int64_t k);

} // namespace avt::gradcam
