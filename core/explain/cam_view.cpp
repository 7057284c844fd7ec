#include "core/explain/cam_view.h"

#include "core/explain/gradcam_checks.h"
#include "core/explain/run_gradcam.h"
#include "core/explain/view_cache.h"
#include "core/loader/loader_types.h"
#include "core/store/dataset_store.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/run_model.h"
#include "core/util/json_file.h"
#include "model/explain/gradcam.h"

#include <torch/torch.h>

#include <opencv2/imgproc.hpp>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace avt::gradcam {

namespace {

const QString kArtifactKind = QStringLiteral("gradcam-view");

QString firstLine(const std::exception &e) { return QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0); }

Error cancelled() { return makeError(QStringLiteral("cancelled"), QStringLiteral("cancelled")); }

bool isCancelled(const std::atomic<bool> *c) { return c && c->load(); }

ViewArray toArray(const at::Tensor &t)
{
    ViewArray a;
    if (!t.defined())
        return a;
    const at::Tensor c = t.detach().to(torch::kFloat32).contiguous().cpu();
    a.shape.assign(c.sizes().begin(), c.sizes().end());
    a.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return a;
}

at::Tensor toTensor(const ViewArray &a)
{
    if (a.empty())
        return {};
    return torch::from_blob(const_cast<float *>(a.values.data()), a.shape, torch::kFloat32).clone();
}

QString targetName(const ViewRequest &r)
{
    switch (r.target) {
    case TargetKind::Predicted: return QStringLiteral("predicted");
    case TargetKind::GroundTruth: return QStringLiteral("ground-truth");
    case TargetKind::TopK: return QStringLiteral("top%1").arg(r.k);
    case TargetKind::Class: return QStringLiteral("class %1").arg(r.classIndex);
    }
    return {};
}

// Why the default layer of a modality is the one it is, in words (model/explain/gradcam.h).
QString defaultReason(const std::vector<model::CamLayer> &layers, const std::string &name,
                      const model::ModelConfig &cfg)
{
    const auto it =
        std::find_if(layers.begin(), layers.end(), [&](const model::CamLayer &l) { return l.name == name; });
    if (it == layers.end())
        return {};
    QStringList grid;
    for (int64_t g : it->grid)
        grid << QString::number(g);
    const QString gridText = grid.join(QStringLiteral(" x "));
    if (!it->tokens)
        return QStringLiteral("last block of UniFormer stage %1: the last stage whose map is at least "
                              "%2 cells a side for %3-pixel frames (grid %4, T x H x W)")
            .arg(model::camStageFor(cfg.video))
            .arg(model::kMinCamCells)
            .arg(cfg.video.size)
            .arg(gridText);
    // Token encoders: the last block of its encoder when fusion layers read all its tokens.
    const std::string prefix = name.substr(0, name.rfind('.') + 1);
    const model::CamLayer *last = nullptr;
    for (const auto &l : layers)
        if (l.name.rfind(prefix, 0) == 0)
            last = &l;
    if (last && last->name == name)
        return QStringLiteral("last block of the encoder: the fusion layers read all of its tokens "
                              "(grid %1)")
            .arg(gridText);
    return QStringLiteral("block before the last: the score reads only the last block's class tokens, "
                          "so its patch tokens get no gradient (grid %1)")
        .arg(gridText);
}

const model::CamMap *mapOf(const model::CamResult &r, model::CamModality m)
{
    for (const auto &map : r.maps)
        if (map.layer.modality == m)
            return &map;
    return nullptr;
}

// The frames' normalisation (the loader's ImageNet mean and std), shaped for [3, T, S, S].
at::Tensor imagenetMean() { return torch::tensor({0.485f, 0.456f, 0.406f}).view({3, 1, 1, 1}); }
at::Tensor imagenetStd() { return torch::tensor({0.229f, 0.224f, 0.225f}).view({3, 1, 1, 1}); }

// Input frames [3, T, S, S] (normalised) as RGB uint8 [T, S, S, 3], as the export draws them.
std::vector<std::uint8_t> rgbFrames(const at::Tensor &video)
{
    const at::Tensor rgb = ((video.to(torch::kFloat32) * imagenetStd() + imagenetMean()).clamp(0, 1) * 255.0f)
                               .round()
                               .to(torch::kUInt8)
                               .permute({1, 2, 3, 0})
                               .contiguous();
    return std::vector<std::uint8_t>(rgb.data_ptr<std::uint8_t>(), rgb.data_ptr<std::uint8_t>() + rgb.numel());
}

// A request made concrete: the run, its checkpoint file and the clip as a loader item.
struct Resolved {
    store::RunInfo run;
    QString checkpointFile, checkpointLabel, checkpointRel;
    loader::LoaderItem item;
    QString clipTitle, labelName;
    QString cacheDir, cacheRel;
};

Result<Resolved> resolve(store::Workspace &ws, const ViewRequest &r)
{
    Resolved s;
    auto info = store::findRun(ws.db(), r.run);
    if (!info)
        return info.error();
    s.run = *info;
    const QList<train::RunCheckpoint> ckpts = train::runCheckpoints(ws, *info);
    if (r.checkpoint.isEmpty()) {
        auto file = train::runCheckpointFile(ws, *info);
        if (!file)
            return file.error();
        s.checkpointFile = QFileInfo(*file).absoluteFilePath();
        s.checkpointLabel = info->bestCheckpoint.isEmpty() ? QStringLiteral("last") : QStringLiteral("best");
        for (const auto &c : ckpts)
            if (c.file == s.checkpointFile)
                s.checkpointLabel = c.label;
    } else {
        const QString want = QFileInfo(r.checkpoint).absoluteFilePath();
        for (const auto &c : ckpts)
            if (c.file == want) {
                s.checkpointFile = c.file;
                s.checkpointLabel = c.label;
            }
        if (s.checkpointFile.isEmpty())
            return makeError(QStringLiteral("missing"),
                             QStringLiteral("run %1 has no checkpoint %2").arg(r.run, r.checkpoint));
    }
    const QFileInfo ck(s.checkpointFile);
    if (!ck.exists())
        return makeError(QStringLiteral("missing"),
                         QStringLiteral("run %1: checkpoint %2 is missing").arg(r.run, s.checkpointFile));
    s.checkpointRel = ws.relativePath(s.checkpointFile);
    if (r.clipId > 0) {
        auto ds = store::clipDataset(ws.db(), r.clipId);
        if (!ds)
            return ds.error();
        // The one clip, not its whole dataset (VGGSound has 200,000): its label is matched to the
        // run's classes by name below.
        auto one = store::loadClip(ws.db(), r.clipId);
        if (!one)
            return one.error();
        const data::Clip *clip = &*one;
        if (!clip->usable())
            return makeError(
                QStringLiteral("media"),
                QStringLiteral("clip %1 (%2) is marked unusable: %3").arg(clip->key, clip->path, clip->problemDetail));
        s.item = loader::itemFromClip(*clip, ds->mediaRoot);
        s.clipTitle = clip->key;
        const QString head =
            ds->format == QLatin1String("epic-kitchens-100") ? QStringLiteral("verb") : QStringLiteral("class");
        for (const data::ClipLabel &l : clip->labels)
            if (l.head == head || (s.labelName.isEmpty() && l.head == QLatin1String("verb"))) {
                s.labelName = l.label;
                s.item.label = l.classIndex; // used where the run has no class names
            }
    } else {
        if (r.media.isEmpty())
            return makeError(QStringLiteral("usage"), QStringLiteral("no clip given"));
        s.item = mediaItems({r.media}).front();
        s.clipTitle = QFileInfo(r.media).fileName();
    }
    const QJsonObject key{{QStringLiteral("version"), kViewCacheVersion},
                          {QStringLiteral("run"), r.run},
                          {QStringLiteral("run_id"), s.run.id},
                          {QStringLiteral("checkpoint"), s.checkpointRel},
                          {QStringLiteral("checkpoint_size"), ck.size()},
                          {QStringLiteral("checkpoint_mtime"), ck.lastModified().toMSecsSinceEpoch()},
                          {QStringLiteral("clip"), r.clipId},
                          {QStringLiteral("media"), s.item.path},
                          {QStringLiteral("start"), s.item.start},
                          {QStringLiteral("length"), s.item.length},
                          {QStringLiteral("video_layer"), r.videoLayer},
                          {QStringLiteral("audio_layer"), r.audioLayer},
                          {QStringLiteral("head"), r.head},
                          {QStringLiteral("method"), r.method},
                          {QStringLiteral("weighting"), r.weighting},
                          {QStringLiteral("target"), targetName(r)}};
    const QString hash =
        QString::fromLatin1(QCryptographicHash::hash(compactJsonBytes(key), QCryptographicHash::Sha1).toHex().left(20));
    s.cacheRel = QStringLiteral("cache/gradcam/") + hash;
    s.cacheDir = QDir(ws.path()).filePath(s.cacheRel);
    return s;
}

// The cache entry of a resolved request: only one the store records (an unrecorded folder may be
// a half-finished write of another process), and only when its files read back whole.
Result<ViewResult> readCached(store::Workspace &ws, const Resolved &s)
{
    auto art = store::findArtifact(ws.db(), kArtifactKind, s.cacheRel);
    if (!art)
        return art.error();
    if (art->id == 0)
        return makeError(QStringLiteral("missing"), QStringLiteral("not cached"));
    return readViewCacheDir(s.cacheDir);
}

} // namespace

std::vector<std::pair<int64_t, double>> ViewResult::topK(int k) const
{
    std::vector<std::pair<int64_t, double>> out;
    if (mainLogits.empty())
        return out;
    const float mx = *std::max_element(mainLogits.begin(), mainLogits.end());
    double sum = 0;
    for (float x : mainLogits)
        sum += std::exp(double(x - mx));
    std::vector<int64_t> order(mainLogits.size());
    std::iota(order.begin(), order.end(), int64_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](int64_t a, int64_t b) { return mainLogits[size_t(a)] > mainLogits[size_t(b)]; });
    for (int i = 0; i < k && i < int(order.size()); ++i)
        out.emplace_back(order[size_t(i)], std::exp(double(mainLogits[size_t(order[size_t(i)])] - mx)) / sum);
    return out;
}

struct ViewEngine::Loaded {
    train::RunModel model;
    std::vector<model::CamLayer> layers;
    QString defaultVideo, defaultAudio, reasonVideo, reasonAudio;
    QStringList heads;
};

ViewEngine::ViewEngine(QString workspaceDir) : m_workspace(std::move(workspaceDir)) {}
ViewEngine::~ViewEngine() = default;

void ViewEngine::clearModels()
{
    std::lock_guard lock(m_modelsMutex);
    m_models.clear();
}

Result<QList<ViewRun>> ViewEngine::runs() const
{
    auto ws = store::Workspace::open(m_workspace);
    if (!ws)
        return ws.error();
    auto runs = store::listRuns((*ws)->db());
    if (!runs)
        return runs.error();
    QList<ViewRun> out;
    for (const store::RunInfo &r : *runs) {
        ViewRun v;
        v.name = r.name;
        v.status = store::effectiveStatus(r);
        if (auto cfg = train::RunConfig::fromJson(r.config)) {
            v.preset = cfg->preset();
            v.fusion = QString::fromStdString(cfg->model().fusion.mode);
            v.dataset = cfg->text(QStringLiteral("run.dataset"));
        }
        for (const auto &c : train::runCheckpoints(**ws, r)) {
            v.checkpointLabels << c.label;
            v.checkpointFiles << c.file;
        }
        out.append(v);
    }
    return out;
}

Result<QString> ViewEngine::cacheDirFor(const ViewRequest &request) const
{
    auto ws = store::Workspace::open(m_workspace);
    if (!ws)
        return ws.error();
    auto s = resolve(**ws, request);
    if (!s)
        return s.error();
    return s->cacheDir;
}

Result<ViewResult> ViewEngine::cached(const ViewRequest &request) const
{
    auto ws = store::Workspace::open(m_workspace);
    if (!ws)
        return ws.error();
    auto s = resolve(**ws, request);
    if (!s)
        return s.error();
    return readCached(**ws, *s);
}

Result<std::shared_ptr<ViewEngine::Loaded>> ViewEngine::model(const QString &run, const QString &checkpointFile)
{
    const QFileInfo ck(checkpointFile);
    const QString id = QStringLiteral("%1|%2|%3|%4")
                           .arg(run, checkpointFile)
                           .arg(ck.size())
                           .arg(ck.lastModified().toMSecsSinceEpoch());
    {
        std::lock_guard lock(m_modelsMutex);
        if (auto it = m_models.find(id); it != m_models.end())
            return it->second;
    }
    auto m = train::loadRunModel(m_workspace, run, {}, checkpointFile);
    if (!m)
        return makeError(m.error().code, QStringLiteral("run %1: %2").arg(run, m.error().message));
    auto l = std::make_shared<Loaded>();
    l->model = std::move(*m);
    model::AvtModelImpl &net = *l->model.net;
    const model::ModelConfig &cfg = net.config();
    try {
        l->layers = model::camLayers(net);
        l->defaultVideo = QString::fromStdString(model::defaultCamLayer(net, model::CamModality::Video));
        l->defaultAudio = QString::fromStdString(model::defaultCamLayer(net, model::CamModality::Audio));
    } catch (const std::exception &e) {
        return makeError(QStringLiteral("model"), QStringLiteral("run %1: %2").arg(run, firstLine(e)));
    }
    l->reasonVideo = defaultReason(l->layers, l->defaultVideo.toStdString(), cfg);
    l->reasonAudio = defaultReason(l->layers, l->defaultAudio.toStdString(), cfg);
    l->heads << QStringLiteral("main");
    if (cfg.head.nounClasses > 0)
        l->heads << QStringLiteral("noun");
    if (cfg.fusion.mode == "late")
        l->heads << QStringLiteral("audio") << QStringLiteral("video");
    std::lock_guard lock(m_modelsMutex);
    if (m_models.size() >= 8) // a few runs side by side, each at a few checkpoints
        m_models.erase(m_models.begin());
    m_models[id] = l;
    return l;
}

Result<ViewResult> ViewEngine::compute(const ViewRequest &r, const std::atomic<bool> *cancel,
                                       const std::function<void(const QString &)> &stage)
{
    std::lock_guard computing(m_computeMutex);
    auto say = [&](const QString &s) {
        if (stage)
            stage(s);
    };
    if (isCancelled(cancel))
        return cancelled();
    auto ws = store::Workspace::open(m_workspace);
    if (!ws)
        return ws.error();
    auto s = resolve(**ws, r);
    if (!s)
        return s.error();
    if (auto hit = readCached(**ws, *s))
        return hit;
    say(QStringLiteral("loading %1 (%2)").arg(r.run, s->checkpointLabel));
    auto loaded = model(r.run, s->checkpointFile);
    if (!loaded)
        return loaded.error();
    if (isCancelled(cancel))
        return cancelled();
    train::RunModel &m = (*loaded)->model;
    say(QStringLiteral("decoding %1").arg(s->clipTitle));
    QStringList skipped;
    auto inputs = loadInputs(m.config, {s->item}, &skipped);
    if (!inputs)
        return makeError(QStringLiteral("media"),
                         QStringLiteral("%1 cannot be decoded: %2").arg(s->clipTitle, inputs.error().message));
    if (isCancelled(cancel))
        return cancelled();
    const ClipInputs &in = inputs->front();

    ExplainOptions o;
    if (!r.videoLayer.isEmpty())
        o.layers << r.videoLayer;
    if (!r.audioLayer.isEmpty())
        o.layers << r.audioLayer;
    if (!model::parseCamHead(r.head.toStdString(), &o.head) || !model::parseCamMethod(r.method.toStdString(), &o.method)
        || !model::parseCamWeighting(r.weighting.toStdString(), &o.weighting))
        return makeError(
            QStringLiteral("usage"),
            QStringLiteral("unknown head, method or weighting: %1, %2, %3").arg(r.head, r.method, r.weighting));
    // Ground truth in the run's classes: by name when both sides have names, else the index.
    int label = -1;
    if (!s->labelName.isEmpty() && !m.classNames.isEmpty())
        label = int(m.classNames.indexOf(s->labelName));
    else if (in.label >= 0 && in.label < m.net->config().head.classes)
        label = in.label;
    switch (r.target) {
    case TargetKind::Predicted: o.targetClass = -1; break;
    case TargetKind::Class: o.targetClass = r.classIndex; break;
    case TargetKind::GroundTruth:
        if (label < 0)
            return makeError(
                QStringLiteral("usage"),
                QStringLiteral("%1 has no ground-truth class among run %2's classes").arg(s->clipTitle, r.run));
        o.targetClass = label;
        break;
    case TargetKind::TopK: o.targetClass = -1; break;
    }
    say(QStringLiteral("computing %1 maps").arg(r.method));
    auto e = explain(*m.net, in, o);
    if (e && r.target == TargetKind::TopK && r.k > 1) {
        const at::Tensor order = e->cam.logits.argsort(0, /*descending=*/true);
        if (r.k > order.size(0))
            return makeError(QStringLiteral("usage"),
                             QStringLiteral("top-%1: the head has only %2 classes").arg(r.k).arg(order.size(0)));
        if (isCancelled(cancel))
            return cancelled();
        o.targetClass = order[r.k - 1].item<int64_t>();
        e = explain(*m.net, in, o);
    }
    if (!e)
        return makeError(e.error().code, QStringLiteral("run %1: %2").arg(r.run, e.error().message));
    if (isCancelled(cancel))
        return cancelled();

    ViewResult v;
    v.run = r.run;
    v.checkpointLabel = s->checkpointLabel;
    v.checkpointFile = s->checkpointFile;
    v.classNames = m.classNames;
    v.media = in.media;
    v.clipId = r.clipId;
    v.clipTitle = s->clipTitle;
    v.label = label;
    v.windowStart = in.windowStart;
    v.windowSeconds = in.windowSeconds;
    v.frameTimes = in.frameTimes;
    if (in.video.defined()) {
        v.frameSize = int(in.video.size(2));
        v.frameCount = int(in.video.size(1));
        v.frames = rgbFrames(in.video);
    }
    v.fbank = toArray(in.audio);
    if (const model::CamMap *vm = mapOf(e->cam, model::CamModality::Video)) {
        v.videoMap = toArray(vm->input);
        v.videoGrid = toArray(vm->grid);
        v.videoPeak = vm->peak;
        v.videoReached = vm->reached;
        v.videoLayer = QString::fromStdString(vm->layer.name);
    }
    if (const model::CamMap *am = mapOf(e->cam, model::CamModality::Audio)) {
        v.audioMap = toArray(am->input);
        v.audioGrid = toArray(am->grid);
        v.audioPeak = am->peak;
        v.audioReached = am->reached;
        v.audioLayer = QString::fromStdString(am->layer.name);
    }
    v.head = r.head;
    v.method = QString::fromLatin1(model::camMethodName(o.method));
    v.weighting = QString::fromLatin1(model::camWeightingName(o.weighting));
    v.target = targetName(r);
    v.logits = toArray(e->cam.logits).values;
    v.mainLogits = toArray(e->cam.mainLogits).values;
    v.targetClass = e->cam.targetClass;
    v.score = e->cam.score;
    if (!v.videoMap.empty()) {
        auto boxes = clipInputBoxes(in.media, in.frameTimes, v.frameSize);
        if (boxes && !boxes->empty()) {
            v.boxes = *boxes;
            const ClipPointing p =
                clipPointing(v.videoMap.values.data(), v.videoMap.dim(0), v.videoMap.dim(1), v.boxes);
            if (p.frames > 0) {
                v.pointing = p.ratio;
                v.massInBox = p.massInBox;
                v.boxShare = p.boxShare;
            }
        }
    }
    for (const model::CamLayer &l : (*loaded)->layers)
        v.layers.push_back({QString::fromStdString(l.name), l.modality == model::CamModality::Video, l.shape, l.grid});
    v.defaultVideoLayer = (*loaded)->defaultVideo;
    v.defaultAudioLayer = (*loaded)->defaultAudio;
    v.defaultVideoReason = (*loaded)->reasonVideo;
    v.defaultAudioReason = (*loaded)->reasonAudio;
    v.heads = (*loaded)->heads;
    v.seconds = e->seconds;

    say(QStringLiteral("saving"));
    if (auto st = writeViewCacheDir(s->cacheDir, v); !st)
        return st.error(); // the maps are fine, but a view that cannot cache says so
    if (auto art = store::findArtifact((*ws)->db(), kArtifactKind, s->cacheRel); art && art->id == 0) {
        const QJsonObject meta{{QStringLiteral("run"), r.run},
                               {QStringLiteral("checkpoint"), s->checkpointRel},
                               {QStringLiteral("video_layer"), v.videoLayer},
                               {QStringLiteral("audio_layer"), v.audioLayer},
                               {QStringLiteral("method"), v.method},
                               {QStringLiteral("weighting"), v.weighting},
                               {QStringLiteral("head"), v.head},
                               {QStringLiteral("target"), v.target},
                               {QStringLiteral("target_class"), qint64(v.targetClass)}};
        if (auto id = store::addArtifact((*ws)->db(), s->run.id, r.clipId, kArtifactKind, s->cacheRel, meta); !id)
            return id.error();
    }
    v.cacheDir = s->cacheDir;
    return v;
}

Result<QJsonObject> writeViewExport(const QString &dir, const std::vector<const ViewResult *> &results,
                                    const QString &colormap, double alpha)
{
    ExportOptions options;
    options.colormap = colormapByName(colormap);
    if (options.colormap < 0)
        return makeError(QStringLiteral("usage"), QStringLiteral("unknown colour map '%1'").arg(colormap));
    options.alpha = alpha;
    std::vector<RunExplanation> rows;
    for (const ViewResult *v : results) {
        Explanation e;
        e.inputs.media = v->media;
        e.inputs.clipId = v->clipId;
        e.inputs.label = v->label;
        e.inputs.windowStart = v->windowStart;
        e.inputs.windowSeconds = v->windowSeconds;
        e.inputs.frameTimes = v->frameTimes;
        e.inputs.audio = toTensor(v->fbank);
        if (v->frameCount > 0) {
            // The frames as the model saw them, normalised again (the export undoes it to draw).
            const at::Tensor rgb = torch::from_blob(const_cast<std::uint8_t *>(v->frames.data()),
                                                    {v->frameCount, v->frameSize, v->frameSize, 3}, torch::kUInt8)
                                       .to(torch::kFloat32)
                                       .div(255.0f)
                                       .permute({3, 0, 1, 2});
            e.inputs.video = ((rgb - imagenetMean()) / imagenetStd()).contiguous();
        }
        model::parseCamHead(v->head.toStdString(), &e.options.head);
        model::parseCamMethod(v->method.toStdString(), &e.options.method);
        model::parseCamWeighting(v->weighting.toStdString(), &e.options.weighting);
        e.options.targetClass = v->targetClass;
        e.cam.logits = torch::tensor(v->logits);
        e.cam.mainLogits = torch::tensor(v->mainLogits);
        e.cam.targetClass = v->targetClass;
        e.cam.score = v->score;
        auto addMap = [&](const ViewArray &input, const ViewArray &grid, const QString &layer, bool video, double peak,
                          bool reached) {
            if (input.empty())
                return;
            model::CamMap m;
            m.layer.name = layer.toStdString();
            m.layer.modality = video ? model::CamModality::Video : model::CamModality::Audio;
            for (const ViewLayer &l : v->layers)
                if (l.name == layer) {
                    m.layer.shape = l.shape;
                    m.layer.grid = l.grid;
                }
            m.grid = toTensor(grid);
            m.input = toTensor(input);
            m.peak = peak;
            m.reached = reached;
            e.cam.maps.push_back(std::move(m));
        };
        addMap(v->videoMap, v->videoGrid, v->videoLayer, true, v->videoPeak, v->videoReached);
        addMap(v->audioMap, v->audioGrid, v->audioLayer, false, v->audioPeak, v->audioReached);
        e.seconds = v->seconds;
        rows.push_back({v->run, v->classNames, std::move(e)});
    }
    return writeExport(dir, rows, options);
}

std::array<std::uint32_t, 256> colormapTable(int colormap)
{
    cv::Mat ramp(1, 256, CV_8U), colour;
    for (int i = 0; i < 256; ++i)
        ramp.at<std::uint8_t>(0, i) = std::uint8_t(i);
    cv::applyColorMap(ramp, colour, colormap < 0 ? cv::COLORMAP_JET : colormap);
    std::array<std::uint32_t, 256> t{};
    for (int i = 0; i < 256; ++i) {
        const cv::Vec3b bgr = colour.at<cv::Vec3b>(0, i);
        t[size_t(i)] = (std::uint32_t(bgr[2]) << 16) | (std::uint32_t(bgr[1]) << 8) | std::uint32_t(bgr[0]);
    }
    return t;
}

const char *targetKindName(TargetKind kind)
{
    switch (kind) {
    case TargetKind::Predicted: return "predicted";
    case TargetKind::GroundTruth: return "ground-truth";
    case TargetKind::TopK: return "top-k";
    case TargetKind::Class: return "class";
    }
    return "";
}

} // namespace avt::gradcam
