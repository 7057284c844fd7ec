#include "core/explain/run_gradcam.h"

#include "core/loader/clip_loader.h"
#include "core/media/probe.h"
#include "core/train/train_setup.h"

#include <torch/torch.h>

#include <QElapsedTimer>
#include <QFileInfo>

#include <map>

namespace avt::gradcam {

namespace {

QString firstLine(const std::exception &e) { return QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0); }

// The centre view's window and the sampling centre of each input frame (clip_loader.h).
void fillTimes(ClipInputs &c, const loader::LoaderItem &item, double clipSeconds, int frames)
{
    double length = item.length;
    if (length <= 0) {
        double duration = item.duration;
        if (duration < 0) {
            auto info = media::probeMedia(item.path);
            duration = info ? info->duration : 0.0;
        }
        length = std::max(0.0, duration - item.start);
    }
    const double c0 = clipSeconds > 0 && clipSeconds < length ? clipSeconds : length;
    c.windowStart = item.start + (length - c0) / 2.0;
    c.windowSeconds = c0;
    c.frameTimes.clear();
    for (int k = 0; k < frames; ++k)
        c.frameTimes.push_back(c.windowStart + (k + 0.5) * c0 / frames);
}

} // namespace

std::vector<loader::LoaderItem> mediaItems(const QStringList &files)
{
    std::vector<loader::LoaderItem> items;
    for (int i = 0; i < files.size(); ++i) {
        loader::LoaderItem it;
        it.clipId = i;
        it.path = QFileInfo(files[i]).absoluteFilePath();
        items.push_back(it);
    }
    return items;
}

Result<std::vector<ClipInputs>> loadInputs(const train::RunConfig &config, const std::vector<loader::LoaderItem> &items,
                                           QStringList *skipped)
{
    loader::LoaderOptions lo = train::loaderOptions(config, loader::LoaderMode::Eval, 0, 1);
    lo.batchSize = 1;
    lo.temporalViews = lo.spatialViews = 1;
    lo.cacheMiB = 0;
    lo.numWorkers = std::min(lo.numWorkers, 2);
    auto ld = loader::ClipLoader::create(items, lo, config.model());
    if (!ld)
        return ld.error();
    std::map<qint64, const loader::LoaderItem *> byId;
    for (const auto &it : items)
        byId[it.clipId] = &it;
    (*ld)->start(0);
    std::vector<ClipInputs> out;
    while (auto b = (*ld)->next()) {
        ClipInputs c;
        const loader::LoaderItem &item = *byId.at(b->clipIds[0]);
        c.media = item.path;
        c.clipId = item.clipId;
        c.label = item.label;
        if (b->audio.defined())
            c.audio = b->audio[0];
        if (b->video.defined())
            c.video = b->video[0];
        fillTimes(c, item, lo.clipSeconds, int(config.model().video.frames));
        out.push_back(std::move(c));
    }
    const QStringList errors = (*ld)->lastErrors();
    if (skipped)
        *skipped = errors;
    if (out.empty())
        return makeError(QStringLiteral("media"), errors.isEmpty() ? QStringLiteral("no clip could be loaded")
                                                                   : errors.join(QStringLiteral("; ")));
    return out;
}

Result<Explanation> explain(model::AvtModelImpl &net, const ClipInputs &inputs, const ExplainOptions &options)
{
    const model::ModelConfig &cfg = net.config();
    model::CamRequest req;
    req.head = options.head;
    req.targetClass = options.targetClass;
    req.method = options.method;
    req.weighting = options.weighting;
    std::vector<model::CamLayer> all;
    if (!options.layers.isEmpty()) { // named layers: check them against the model's (one extra forward)
        try {
            all = model::camLayers(net);
        } catch (const std::exception &e) {
            return makeError(QStringLiteral("model"), firstLine(e));
        }
    }
    bool haveVideo = false, haveAudio = false;
    for (const QString &name : options.layers) {
        const auto it = std::find_if(all.begin(), all.end(),
                                     [&](const model::CamLayer &l) { return l.name == name.toStdString(); });
        if (it == all.end()) {
            QStringList names;
            for (const auto &l : all)
                names << QString::fromStdString(l.name);
            return makeError(
                QStringLiteral("usage"),
                QStringLiteral("no layer '%1' in this model; layers: %2").arg(name, names.join(QStringLiteral(", "))));
        }
        (it->modality == model::CamModality::Video ? haveVideo : haveAudio) = true;
        req.layers.push_back(it->name);
    }
    if (options.video && cfg.hasVideo() && !haveVideo)
        req.layers.push_back(model::defaultCamLayer(net, model::CamModality::Video));
    if (options.audio && cfg.hasAudio() && !haveAudio)
        req.layers.push_back(model::defaultCamLayer(net, model::CamModality::Audio));
    if (req.layers.empty())
        return makeError(QStringLiteral("usage"),
                         QStringLiteral("nothing to explain: the model has none of the modalities asked for"));
    model::AvtInputs in;
    if (cfg.hasAudio())
        in.audio = inputs.audio.unsqueeze(0);
    if (cfg.hasVideo())
        in.video = inputs.video.unsqueeze(0);
    Explanation e;
    e.inputs = inputs;
    e.options = options;
    QElapsedTimer t;
    t.start();
    try {
        e.cam = model::gradCam(net, in, req);
    } catch (const std::exception &ex) {
        return makeError(QStringLiteral("usage"), firstLine(ex));
    }
    e.seconds = double(t.nsecsElapsed()) / 1e9;
    return e;
}

QString className(const QStringList &names, int64_t k)
{
    return k >= 0 && k < names.size() ? names[int(k)] : QString::number(k);
}

} // namespace avt::gradcam
