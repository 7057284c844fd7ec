// `gradcam`: heatmaps of one or more runs on media files (overlays, strip, MP4, spectrogram,
// .npy maps and a JSON report).
#include "batch/cam_options.h"
#include "batch/verb_parser.h"
#include "core/explain/run_gradcam.h"
#include "core/train/run_model.h"
#include "core/util/progress.h"

#include <torch/torch.h>

#include <QDir>
#include <QFileInfo>

namespace avt::batch {

namespace {

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
                 .arg(text)
                 .arg(classes - 1)
                 .arg(m.run);
    return false;
}

void printLayers(model::AvtModelImpl &net)
{
    printLine(QStringLiteral("%1 %2 %3 %4")
                  .arg(QStringLiteral("layer"), -28)
                  .arg(QStringLiteral("modality"), -9)
                  .arg(QStringLiteral("output shape (batch 1)"), -26)
                  .arg(QStringLiteral("map grid")));
    const std::string dv = model::defaultCamLayer(net, model::CamModality::Video);
    const std::string da = model::defaultCamLayer(net, model::CamModality::Audio);
    for (const auto &l : model::camLayers(net)) {
        QStringList shape, grid;
        for (int64_t s : l.shape)
            shape << QString::number(s);
        for (int64_t g : l.grid)
            grid << QString::number(g);
        const bool isDefault = l.name == dv || l.name == da;
        printLine(
            QStringLiteral("%1 %2 %3 %4%5")
                .arg(QString::fromStdString(l.name), -28)
                .arg(l.modality == model::CamModality::Video ? QStringLiteral("video") : QStringLiteral("audio"), -9)
                .arg(QLatin1Char('[') + shape.join(QStringLiteral(", ")) + QLatin1Char(']'), -26)
                .arg(
                    grid.join(QStringLiteral(" x "))
                    + (l.modality == model::CamModality::Video ? QStringLiteral(" (T H W)") : QStringLiteral(" (F T)")))
                .arg(isDefault ? QStringLiteral("  default") : QString()));
    }
}

} // namespace

int runGradcam(const QStringList &args)
{
    const QString verb = QStringLiteral("gradcam");
    VerbParser p(
        verb,
        QStringLiteral(
            "Grad-CAM heatmaps of trained runs on MEDIA (the run's evaluation view: centre window, centre crop).\n"
            "Writes to DIR: per run <n>-<run>/frame_NN.png overlays, overlay.mp4, spectrogram.png, cam_video.npy,\n"
            "cam_audio.npy; strip.png (input frames, then one row per run, as the paper's figures) and\n"
            "gradcam.json (top-5, target, layers, where each map peaks). Several --run give rows side by side.\n"
            "With several MEDIA files, each gets DIR/<file stem>/."));
    p.addPositional(QStringLiteral("MEDIA"), QStringLiteral("Media files."), QStringLiteral("MEDIA..."));
    p.setPositionalRange(0, -1);
    p.addOption({QStringLiteral("run"), QStringLiteral("Run to explain (repeatable)."), QStringLiteral("RUN")});
    addCamOptions(p);
    p.addOption({QStringLiteral("colormap"),
                 QStringLiteral("jet, turbo, inferno, viridis, hot, magma, plasma or parula."), QStringLiteral("NAME"),
                 QStringLiteral("jet")});
    p.addOption({QStringLiteral("alpha"), QStringLiteral("Heatmap opacity, 0..1."), QStringLiteral("A"),
                 QStringLiteral("0.5")});
    p.addOption({QStringLiteral("list-layers"),
                 QStringLiteral("Print the layers of the (first) run with their shapes and exit.")});
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
        return p.usageError(
            QStringLiteral("--colormap: unknown colour map '%1'").arg(p.value(QStringLiteral("colormap"))));
    const auto alpha = p.doubleValue(QStringLiteral("alpha"), 0.0, 1.0);
    if (!alpha)
        return ExitUsage;
    eo.alpha = *alpha;

    std::vector<train::RunModel> models;
    for (const QString &run : runs) {
        auto m = train::loadRunModel(p.value(QStringLiteral("workspace")), run);
        if (!m)
            return p.fail(m.error());
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
        if (!in)
            return p.fail(in.error());
        inputs.push_back(std::move(*in));
    }
    int written = 0;
    for (size_t f = 0; f < inputs[0].size(); ++f) {
        std::vector<gradcam::RunExplanation> rows;
        for (size_t k = 0; k < models.size(); ++k) {
            const auto it = std::find_if(inputs[k].begin(), inputs[k].end(),
                                         [&](const gradcam::ClipInputs &c) { return c.media == inputs[0][f].media; });
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
        const QString dir =
            files.size() == 1
                ? p.value(QStringLiteral("out"))
                : QDir(p.value(QStringLiteral("out"))).filePath(QFileInfo(inputs[0][f].media).completeBaseName());
        auto report = gradcam::writeExport(dir, rows, eo);
        if (!report)
            return p.fail(report.error());
        QStringList summary;
        for (const auto &r : rows)
            summary << QStringLiteral("%1: %2 (%3 s)")
                           .arg(r.run, gradcam::className(r.classNames, r.e.cam.targetClass))
                           .arg(r.e.seconds, 0, 'f', 2);
        printLine(QStringLiteral("%1 -> %2 [%3]").arg(inputs[0][f].media, dir, summary.join(QStringLiteral("; "))));
        ++written;
    }
    return written == files.size() ? ExitOk : ExitFailure;
}

} // namespace avt::batch
