// `gradcam` (export heatmaps of one or more runs on media files) and `gradcam-check` (pointing
// and randomisation checks plus timing on a dataset split).
#include "core/batch/progress.h"
#include "core/batch/verb.h"
#include "core/gradcam/checks.h"
#include "core/gradcam/explain.h"
#include "core/store/workspace.h"
#include "core/train/runmodel.h"
#include "core/train/trainsetup.h"

#include <torch/torch.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace avt::batch {

namespace {

void addCamOptions(VerbParser &p)
{
    p.addOption({{QStringLiteral("w"), QStringLiteral("workspace")}, QStringLiteral("Workspace folder."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("layer"), QStringLiteral("Layer to explain (repeatable; one per modality; default: the last video "
                                                         "stage and the last useful audio block). See --list-layers."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("class"), QStringLiteral("Target class: index or name (default: the predicted one)."), QStringLiteral("C")});
    p.addOption({QStringLiteral("head"), QStringLiteral("Target head: main, noun (EPIC), audio or video (late fusion)."), QStringLiteral("HEAD"), QStringLiteral("main")});
    p.addOption({QStringLiteral("method"), QStringLiteral("gradcam or gradcam++."), QStringLiteral("M"), QStringLiteral("gradcam")});
    p.addOption({QStringLiteral("weighting"), QStringLiteral("slice (one weight per channel per time slice) or clip."), QStringLiteral("W"), QStringLiteral("slice")});
}

// Fills the explain options shared by both verbs; nullopt after a usage error was printed.
std::optional<gradcam::ExplainOptions> camOptions(const VerbParser &p)
{
    gradcam::ExplainOptions o;
    o.layers = p.values(QStringLiteral("layer"));
    if (!model::parseCamHead(p.value(QStringLiteral("head")).toStdString(), &o.head)) {
        p.usageError(QStringLiteral("--head: '%1' is not main, noun, audio or video").arg(p.value(QStringLiteral("head"))));
        return std::nullopt;
    }
    if (!model::parseCamMethod(p.value(QStringLiteral("method")).toStdString(), &o.method)) {
        p.usageError(QStringLiteral("--method: '%1' is not gradcam or gradcam++").arg(p.value(QStringLiteral("method"))));
        return std::nullopt;
    }
    if (!model::parseCamWeighting(p.value(QStringLiteral("weighting")).toStdString(), &o.weighting)) {
        p.usageError(QStringLiteral("--weighting: '%1' is not slice or clip").arg(p.value(QStringLiteral("weighting"))));
        return std::nullopt;
    }
    return o;
}

// --class as an index or a class name of the run.
bool resolveClass(const QString &text, const train::RunModel &m, int64_t *out, QString *error)
{
    if (text.isEmpty()) {
        *out = -1;
        return true;
    }
    bool ok = false;
    const int k = text.toInt(&ok);
    const int64_t classes = m.net->config().head.classes;
    if (ok && k >= 0 && k < classes) {
        *out = k;
        return true;
    }
    const int idx = m.classNames.indexOf(text);
    if (idx >= 0) {
        *out = idx;
        return true;
    }
    *error = QStringLiteral("--class: '%1' is neither a class index (0..%2) nor a class name of run %3")
                 .arg(text).arg(classes - 1).arg(m.run);
    return false;
}

void printLayers(model::AvtModelImpl &net)
{
    printLine(QStringLiteral("%1 %2 %3 %4").arg(QStringLiteral("layer"), -28).arg(QStringLiteral("modality"), -9)
                  .arg(QStringLiteral("output shape (batch 1)"), -26).arg(QStringLiteral("map grid")));
    const std::string dv = model::defaultCamLayer(net, model::CamModality::Video);
    const std::string da = model::defaultCamLayer(net, model::CamModality::Audio);
    for (const auto &l : model::camLayers(net)) {
        QStringList shape, grid;
        for (int64_t s : l.shape) shape << QString::number(s);
        for (int64_t g : l.grid) grid << QString::number(g);
        const bool isDefault = l.name == dv || l.name == da;
        printLine(QStringLiteral("%1 %2 %3 %4%5").arg(QString::fromStdString(l.name), -28)
                      .arg(l.modality == model::CamModality::Video ? QStringLiteral("video") : QStringLiteral("audio"), -9)
                      .arg(QLatin1Char('[') + shape.join(QStringLiteral(", ")) + QLatin1Char(']'), -26)
                      .arg(grid.join(QStringLiteral(" x ")) + (l.modality == model::CamModality::Video ? QStringLiteral(" (T H W)") : QStringLiteral(" (F T)")))
                      .arg(isDefault ? QStringLiteral("  default") : QString()));
    }
}

} // namespace

int runGradcam(const QStringList &args)
{
    const QString verb = QStringLiteral("gradcam");
    VerbParser p(verb, QStringLiteral(
        "Grad-CAM heatmaps of trained runs on MEDIA (the run's evaluation view: centre window, centre crop).\n"
        "Writes to DIR: per run <n>-<run>/frame_NN.png overlays, overlay.mp4, spectrogram.png, cam_video.npy,\n"
        "cam_audio.npy; strip.png (input frames, then one row per run, as the paper's figures) and\n"
        "gradcam.json (top-5, target, layers, where each map peaks). Several --run give rows side by side.\n"
        "With several MEDIA files, each gets DIR/<file stem>/."));
    p.addPositional(QStringLiteral("MEDIA"), QStringLiteral("Media files."), QStringLiteral("MEDIA..."));
    p.setPositionalRange(0, -1);
    p.addOption({QStringLiteral("run"), QStringLiteral("Run to explain (repeatable)."), QStringLiteral("RUN")});
    addCamOptions(p);
    p.addOption({QStringLiteral("colormap"), QStringLiteral("jet, turbo, inferno, viridis, hot, magma, plasma or parula."), QStringLiteral("NAME"), QStringLiteral("jet")});
    p.addOption({QStringLiteral("alpha"), QStringLiteral("Heatmap opacity, 0..1."), QStringLiteral("A"), QStringLiteral("0.5")});
    p.addOption({QStringLiteral("list-layers"), QStringLiteral("Print the layers of the (first) run with their shapes and exit.")});
    p.addOption({QStringLiteral("out"), QStringLiteral("Output folder."), QStringLiteral("DIR")});
    if (auto code = p.parse(args))
        return *code;
    const QStringList runs = p.values(QStringLiteral("run"));
    if (runs.isEmpty() || !p.isSet(QStringLiteral("workspace")))
        return p.usageError(QStringLiteral("--workspace DIR and at least one --run RUN are required"));
    auto o = camOptions(p);
    if (!o)
        return ExitUsage;
    gradcam::ExportOptions eo;
    eo.colormap = gradcam::colormapByName(p.value(QStringLiteral("colormap")));
    if (eo.colormap < 0)
        return p.usageError(QStringLiteral("--colormap: unknown colour map '%1'").arg(p.value(QStringLiteral("colormap"))));
    const auto alpha = p.doubleValue(QStringLiteral("alpha"), 0.0, 1.0);
    if (!alpha)
        return ExitUsage;
    eo.alpha = *alpha;

    std::vector<train::RunModel> models;
    for (const QString &run : runs) {
        auto m = train::loadRunModel(p.value(QStringLiteral("workspace")), run);
        if (!m) {
            printError(verb, m.error().message);
            return ExitFailure;
        }
        models.push_back(std::move(*m));
    }
    if (p.isSet(QStringLiteral("list-layers"))) {
        printLayers(*models.front().net);
        return ExitOk;
    }
    const QStringList files = p.positional();
    if (files.isEmpty())
        return p.usageError(QStringLiteral("give at least one MEDIA file"));
    if (!p.isSet(QStringLiteral("out")))
        return p.usageError(QStringLiteral("--out DIR is required"));
    // Inputs per run (runs may differ in frames, size or fbank length).
    std::vector<std::vector<gradcam::ClipInputs>> inputs;
    for (const auto &m : models) {
        QStringList skipped;
        auto in = gradcam::loadInputs(m.config, gradcam::mediaItems(files), &skipped);
        for (const QString &s : skipped)
            printError(verb, s);
        if (!in) {
            printError(verb, in.error().message);
            return ExitFailure;
        }
        inputs.push_back(std::move(*in));
    }
    int written = 0;
    for (size_t f = 0; f < inputs[0].size(); ++f) {
        std::vector<gradcam::RunExplanation> rows;
        for (size_t k = 0; k < models.size(); ++k) {
            const auto it = std::find_if(inputs[k].begin(), inputs[k].end(), [&](const gradcam::ClipInputs &c) { return c.media == inputs[0][f].media; });
            if (it == inputs[k].end())
                continue;
            gradcam::ExplainOptions ro = *o;
            QString err;
            if (!resolveClass(p.value(QStringLiteral("class")), models[k], &ro.targetClass, &err))
                return p.usageError(err);
            auto e = gradcam::explain(*models[k].net, *it, ro);
            if (!e) {
                printError(verb, QStringLiteral("%1, run %2: %3").arg(it->media, models[k].run, e.error().message));
                return e.error().code == QLatin1String("usage") ? ExitUsage : ExitFailure;
            }
            rows.push_back({models[k].run, models[k].classNames, std::move(*e)});
        }
        const QString dir = files.size() == 1 ? p.value(QStringLiteral("out"))
                                              : QDir(p.value(QStringLiteral("out"))).filePath(QFileInfo(inputs[0][f].media).completeBaseName());
        auto report = gradcam::writeExport(dir, rows, eo);
        if (!report) {
            printError(verb, report.error().message);
            return ExitFailure;
        }
        QStringList summary;
        for (const auto &r : rows)
            summary << QStringLiteral("%1: %2 (%3 s)").arg(r.run, gradcam::className(r.classNames, r.e.cam.targetClass)).arg(r.e.seconds, 0, 'f', 2);
        printLine(QStringLiteral("%1 -> %2 [%3]").arg(inputs[0][f].media, dir, summary.join(QStringLiteral("; "))));
        ++written;
    }
    return written == files.size() ? ExitOk : ExitFailure;
}

int runGradcamCheck(const QStringList &args)
{
    const QString verb = QStringLiteral("gradcam-check");
    VerbParser p(verb, QStringLiteral(
        "Checks that a run's Grad-CAM maps mean something, on a split of its dataset whose manifest records the\n"
        "picture's box per frame (DrumArt-10): pointing (share of video-map mass inside the box vs the box's\n"
        "share of the frame; goal >= 2x), randomisation (Spearman rank correlation of the maps of a randomly\n"
        "initialised model vs the trained one; goal < 0.5) and seconds per clip. --json FILE keeps per-clip figures."));
    p.addOption({QStringLiteral("run"), QStringLiteral("Run to check."), QStringLiteral("RUN")});
    addCamOptions(p);
    p.addOption({QStringLiteral("split"), QStringLiteral("Split to check (default: the run's evaluation split)."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("limit"), QStringLiteral("At most N clips."), QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("manifest"), QStringLiteral("manifest.json of the dataset (default: found next to the clips)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Seed of the randomly initialised model."), QStringLiteral("S"), QStringLiteral("7")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Write the figures and per-clip results here."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("progress"), QStringLiteral("auto, bar, lines, json or none."), QStringLiteral("MODE"), QStringLiteral("auto")});
    if (auto code = p.parse(args))
        return *code;
    if (!p.isSet(QStringLiteral("run")) || !p.isSet(QStringLiteral("workspace")))
        return p.usageError(QStringLiteral("--workspace DIR and --run RUN are required"));
    auto o = camOptions(p);
    if (!o)
        return ExitUsage;
    gradcam::CheckOptions co;
    co.explain = *o;
    co.manifest = p.value(QStringLiteral("manifest"));
    const auto limit = p.intValue(QStringLiteral("limit"), 0, 1 << 30);
    const auto seed = p.intValue(QStringLiteral("seed"), 0, 1 << 30);
    Progress::Mode mode;
    if (!limit || !seed)
        return ExitUsage;
    if (!Progress::parseMode(p.value(QStringLiteral("progress")), &mode))
        return p.usageError(QStringLiteral("--progress: unknown mode '%1'").arg(p.value(QStringLiteral("progress"))));
    co.limit = *limit;
    co.randomSeed = std::uint64_t(*seed);

    auto m = train::loadRunModel(p.value(QStringLiteral("workspace")), p.value(QStringLiteral("run")));
    if (!m) {
        printError(verb, m.error().message);
        return ExitFailure;
    }
    if (!p.value(QStringLiteral("class")).isEmpty())
        return p.usageError(QStringLiteral("--class: the checks explain each clip's predicted class"));
    auto ws = store::Workspace::open(m->workspace);
    if (!ws) {
        printError(verb, ws.error().message);
        return ExitFailure;
    }
    train::RunConfig cfg = m->config;
    if (p.isSet(QStringLiteral("split")))
        (void)cfg.set(QStringLiteral("run.eval_split"), p.value(QStringLiteral("split")));
    auto view = train::loadDatasetView(**ws, cfg);
    if (!view) {
        printError(verb, view.error().message);
        return ExitFailure;
    }
    Progress progress(QStringLiteral("gradcam-check"), qint64(co.limit > 0 ? std::min<size_t>(size_t(co.limit), view->eval.size()) : view->eval.size()), mode);
    auto r = gradcam::runChecks(*m, view->eval, co, [&](int done, int total) {
        progress.setTotal(total);
        progress.update(done);
    });
    if (!r) {
        printError(verb, r.error().message);
        return ExitFailure;
    }
    progress.finish();
    printLine(QStringLiteral("run %1, split %2: %3 clips, %4 frames; layers %5%6; top-1 on these clips %7%")
                  .arg(m->run, cfg.text(QStringLiteral("run.eval_split"))).arg(r->clips).arg(r->frames).arg(r->videoLayer)
                  .arg(r->audioLayer.isEmpty() ? QString() : QStringLiteral(", ") + r->audioLayer).arg(100.0 * r->accuracy, 0, 'f', 1));
    printLine(QStringLiteral("pointing: %1% of the map mass inside the box, box %2% of the frame: ratio %3 (goal >= 2: %4); peak in box %5% of frames; "
                             "a randomly initialised model: ratio %6")
                  .arg(100.0 * r->massInBox, 0, 'f', 1).arg(100.0 * r->boxShare, 0, 'f', 1).arg(r->ratio, 0, 'f', 2)
                  .arg(r->ratio >= 2.0 ? QStringLiteral("met") : QStringLiteral("NOT met")).arg(100.0 * r->peakInBox, 0, 'f', 1)
                  .arg(r->randomRatio, 0, 'f', 2));
    printLine(QStringLiteral("pointing per clip: median ratio %1; %2% of the clips below 1 (map mostly outside the box)")
                  .arg(r->medianClipRatio, 0, 'f', 2).arg(100.0 * r->clipsBelowOne, 0, 'f', 1));
    printLine(QStringLiteral("randomisation: Spearman trained vs random video maps %1 (goal < 0.5: %2)%3")
                  .arg(r->spearmanVideo, 0, 'f', 3).arg(r->spearmanVideo < 0.5 ? QStringLiteral("met") : QStringLiteral("NOT met"))
                  .arg(r->audioLayer.isEmpty() ? QString() : QStringLiteral(", audio maps %1").arg(r->spearmanAudio, 0, 'f', 3)));
    printLine(QStringLiteral("time: %1 s per clip on average, %2 s at most (forward + backward + maps, %3 threads)")
                  .arg(r->secondsMean, 0, 'f', 3).arg(r->secondsMax, 0, 'f', 3).arg(at::get_num_threads()));
    if (p.isSet(QStringLiteral("json"))) {
        QJsonObject o2{{QStringLiteral("run"), m->run}, {QStringLiteral("clips"), r->clips}, {QStringLiteral("frames"), r->frames},
                       {QStringLiteral("video_layer"), r->videoLayer}, {QStringLiteral("audio_layer"), r->audioLayer},
                       {QStringLiteral("mass_in_box"), r->massInBox}, {QStringLiteral("box_share"), r->boxShare},
                       {QStringLiteral("ratio"), r->ratio}, {QStringLiteral("peak_in_box"), r->peakInBox},
                       {QStringLiteral("random_ratio"), r->randomRatio},
                       {QStringLiteral("median_clip_ratio"), r->medianClipRatio},
                       {QStringLiteral("clips_below_one"), r->clipsBelowOne},
                       {QStringLiteral("spearman_video"), r->spearmanVideo}, {QStringLiteral("spearman_audio"), r->spearmanAudio},
                       {QStringLiteral("seconds_mean"), r->secondsMean}, {QStringLiteral("seconds_max"), r->secondsMax},
                       {QStringLiteral("top1"), r->accuracy}, {QStringLiteral("per_clip"), r->perClip}};
        QFile f(p.value(QStringLiteral("json")));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(QJsonDocument(o2).toJson()) < 0) {
            printError(verb, QStringLiteral("%1: cannot write (%2)").arg(f.fileName(), f.errorString()));
            return ExitFailure;
        }
    }
    return ExitOk;
}

} // namespace avt::batch
