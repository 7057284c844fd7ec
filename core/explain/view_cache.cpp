#include "core/explain/view_cache.h"

#include "core/util/json_file.h"
#include "core/util/npy_file.h"
#include "model/io/npy.h"

#include <torch/torch.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <type_traits>

namespace avt::gradcam {

namespace {

QJsonArray toJson(const std::vector<int64_t> &v)
{
    QJsonArray a;
    for (int64_t x : v)
        a.append(qint64(x));
    return a;
}
QJsonArray toJson(const std::vector<float> &v)
{
    QJsonArray a;
    for (float x : v)
        a.append(double(x));
    return a;
}
QJsonArray toJson(const std::vector<double> &v)
{
    QJsonArray a;
    for (double x : v)
        a.append(x);
    return a;
}
template <class T> std::vector<T> fromJson(const QJsonArray &a)
{
    std::vector<T> v;
    v.reserve(size_t(a.size()));
    for (const QJsonValue &x : a)
        v.push_back(T(std::is_integral_v<T> ? double(x.toInteger()) : x.toDouble()));
    return v;
}

Status writeArray(const QString &path, const ViewArray &a)
{
    if (a.empty())
        return Ok{};
    // from_blob: the values are written before this returns.
    return writeNpyFile(path, torch::from_blob(const_cast<float *>(a.values.data()), a.shape, torch::kFloat32));
}

Result<ViewArray> readArray(const QString &path, bool required)
{
    ViewArray a;
    if (!QFileInfo::exists(path)) {
        if (required)
            return makeError(QStringLiteral("missing"), QStringLiteral("%1: missing").arg(path));
        return a;
    }
    model::NpyArray n;
    std::string err;
    if (!model::readNpy(QFile::encodeName(path).toStdString(), n, &err))
        return makeError(QStringLiteral("corrupt"), QString::fromStdString(err));
    a.shape = n.shape;
    a.values = n.toFloat();
    if (int64_t(a.values.size()) != n.numel())
        return makeError(QStringLiteral("corrupt"), QStringLiteral("%1: unreadable values").arg(path));
    return a;
}

QJsonObject layerJson(const ViewLayer &l)
{
    return {{QStringLiteral("name"), l.name},
            {QStringLiteral("video"), l.video},
            {QStringLiteral("shape"), toJson(l.shape)},
            {QStringLiteral("grid"), toJson(l.grid)}};
}

QJsonObject resultJson(const ViewResult &v)
{
    QJsonArray layers, boxes;
    for (const auto &l : v.layers)
        layers.append(layerJson(l));
    for (const auto &b : v.boxes)
        boxes.append(QJsonArray{b[0], b[1], b[2], b[3]});
    return {{QStringLiteral("version"), kViewCacheVersion},
            {QStringLiteral("run"), v.run},
            {QStringLiteral("checkpoint_label"), v.checkpointLabel},
            {QStringLiteral("checkpoint_file"), v.checkpointFile},
            {QStringLiteral("class_names"), QJsonArray::fromStringList(v.classNames)},
            {QStringLiteral("media"), v.media},
            {QStringLiteral("clip_id"), v.clipId},
            {QStringLiteral("clip_title"), v.clipTitle},
            {QStringLiteral("label"), v.label},
            {QStringLiteral("window_start"), v.windowStart},
            {QStringLiteral("window_seconds"), v.windowSeconds},
            {QStringLiteral("frame_times"), toJson(v.frameTimes)},
            {QStringLiteral("frame_size"), v.frameSize},
            {QStringLiteral("frame_count"), v.frameCount},
            {QStringLiteral("video_peak"), v.videoPeak},
            {QStringLiteral("audio_peak"), v.audioPeak},
            {QStringLiteral("video_reached"), v.videoReached},
            {QStringLiteral("audio_reached"), v.audioReached},
            {QStringLiteral("video_layer"), v.videoLayer},
            {QStringLiteral("audio_layer"), v.audioLayer},
            {QStringLiteral("head"), v.head},
            {QStringLiteral("method"), v.method},
            {QStringLiteral("weighting"), v.weighting},
            {QStringLiteral("target"), v.target},
            {QStringLiteral("logits"), toJson(v.logits)},
            {QStringLiteral("main_logits"), toJson(v.mainLogits)},
            {QStringLiteral("target_class"), qint64(v.targetClass)},
            {QStringLiteral("score"), v.score},
            {QStringLiteral("boxes"), boxes},
            {QStringLiteral("pointing"), v.pointing},
            {QStringLiteral("mass_in_box"), v.massInBox},
            {QStringLiteral("box_share"), v.boxShare},
            {QStringLiteral("layers"), layers},
            {QStringLiteral("default_video_layer"), v.defaultVideoLayer},
            {QStringLiteral("default_audio_layer"), v.defaultAudioLayer},
            {QStringLiteral("default_video_reason"), v.defaultVideoReason},
            {QStringLiteral("default_audio_reason"), v.defaultAudioReason},
            {QStringLiteral("heads"), QJsonArray::fromStringList(v.heads)},
            {QStringLiteral("seconds"), v.seconds}};
}

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray())
        out << x.toString();
    return out;
}

} // namespace

Result<ViewResult> readViewCacheDir(const QString &dir)
{
    QFile f(QDir(dir).filePath(QStringLiteral("view.json")));
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("missing"), QStringLiteral("%1: not cached").arg(dir));
    QJsonParseError perr;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll(), &perr).object();
    if (perr.error != QJsonParseError::NoError || o.value(QStringLiteral("version")).toInt() != kViewCacheVersion)
        return makeError(QStringLiteral("corrupt"), QStringLiteral("%1: unreadable cache entry").arg(f.fileName()));
    ViewResult v;
    v.run = o.value(QStringLiteral("run")).toString();
    v.checkpointLabel = o.value(QStringLiteral("checkpoint_label")).toString();
    v.checkpointFile = o.value(QStringLiteral("checkpoint_file")).toString();
    v.classNames = stringList(o.value(QStringLiteral("class_names")));
    v.media = o.value(QStringLiteral("media")).toString();
    v.clipId = o.value(QStringLiteral("clip_id")).toInteger();
    v.clipTitle = o.value(QStringLiteral("clip_title")).toString();
    v.label = o.value(QStringLiteral("label")).toInt(-1);
    v.windowStart = o.value(QStringLiteral("window_start")).toDouble();
    v.windowSeconds = o.value(QStringLiteral("window_seconds")).toDouble();
    v.frameTimes = fromJson<double>(o.value(QStringLiteral("frame_times")).toArray());
    v.frameSize = o.value(QStringLiteral("frame_size")).toInt();
    v.frameCount = o.value(QStringLiteral("frame_count")).toInt();
    v.videoPeak = o.value(QStringLiteral("video_peak")).toDouble();
    v.audioPeak = o.value(QStringLiteral("audio_peak")).toDouble();
    v.videoReached = o.value(QStringLiteral("video_reached")).toBool(true);
    v.audioReached = o.value(QStringLiteral("audio_reached")).toBool(true);
    v.videoLayer = o.value(QStringLiteral("video_layer")).toString();
    v.audioLayer = o.value(QStringLiteral("audio_layer")).toString();
    v.head = o.value(QStringLiteral("head")).toString();
    v.method = o.value(QStringLiteral("method")).toString();
    v.weighting = o.value(QStringLiteral("weighting")).toString();
    v.target = o.value(QStringLiteral("target")).toString();
    v.logits = fromJson<float>(o.value(QStringLiteral("logits")).toArray());
    v.mainLogits = fromJson<float>(o.value(QStringLiteral("main_logits")).toArray());
    v.targetClass = o.value(QStringLiteral("target_class")).toInteger(-1);
    v.score = o.value(QStringLiteral("score")).toDouble();
    for (const QJsonValue &b : o.value(QStringLiteral("boxes")).toArray()) {
        const QJsonArray a = b.toArray();
        v.boxes.push_back({a.at(0).toDouble(), a.at(1).toDouble(), a.at(2).toDouble(), a.at(3).toDouble()});
    }
    v.pointing = o.value(QStringLiteral("pointing")).toDouble(-1);
    v.massInBox = o.value(QStringLiteral("mass_in_box")).toDouble();
    v.boxShare = o.value(QStringLiteral("box_share")).toDouble();
    for (const QJsonValue &x : o.value(QStringLiteral("layers")).toArray()) {
        const QJsonObject l = x.toObject();
        v.layers.push_back({l.value(QStringLiteral("name")).toString(), l.value(QStringLiteral("video")).toBool(),
                            fromJson<int64_t>(l.value(QStringLiteral("shape")).toArray()),
                            fromJson<int64_t>(l.value(QStringLiteral("grid")).toArray())});
    }
    v.defaultVideoLayer = o.value(QStringLiteral("default_video_layer")).toString();
    v.defaultAudioLayer = o.value(QStringLiteral("default_audio_layer")).toString();
    v.defaultVideoReason = o.value(QStringLiteral("default_video_reason")).toString();
    v.defaultAudioReason = o.value(QStringLiteral("default_audio_reason")).toString();
    v.heads = stringList(o.value(QStringLiteral("heads")));
    v.seconds = o.value(QStringLiteral("seconds")).toDouble();
    const QDir d(dir);
    struct Item {
        const char *file;
        ViewArray *into;
        bool required;
    } items[] = {{"fbank.npy", &v.fbank, false},
                 {"cam_video.npy", &v.videoMap, false},
                 {"cam_audio.npy", &v.audioMap, false},
                 {"grid_video.npy", &v.videoGrid, false},
                 {"grid_audio.npy", &v.audioGrid, false}};
    for (const Item &it : items) {
        auto a = readArray(d.filePath(QLatin1String(it.file)), it.required);
        if (!a)
            return a.error();
        *it.into = std::move(*a);
    }
    if (v.frameCount > 0) {
        model::NpyArray n;
        std::string err;
        if (!model::readNpy(QFile::encodeName(d.filePath(QStringLiteral("frames.npy"))).toStdString(), n, &err))
            return makeError(QStringLiteral("corrupt"), QString::fromStdString(err));
        const size_t want = size_t(v.frameCount) * size_t(v.frameSize) * size_t(v.frameSize) * 3;
        if (n.dtype != model::NpyDtype::UInt8 || n.bytes.size() != want)
            return makeError(QStringLiteral("corrupt"),
                             QStringLiteral("%1: frames.npy does not hold %2 frames of %3 px")
                                 .arg(dir)
                                 .arg(v.frameCount)
                                 .arg(v.frameSize));
        v.frames = std::move(n.bytes);
    }
    if (v.videoMap.empty() && v.audioMap.empty())
        return makeError(QStringLiteral("corrupt"), QStringLiteral("%1: the entry holds no map").arg(dir));
    v.fromCache = true;
    v.cacheDir = QFileInfo(dir).absoluteFilePath();
    return v;
}

Status writeViewCacheDir(const QString &dir, const ViewResult &v)
{
    const QString tmp = dir + QStringLiteral(".tmp-%1").arg(QCoreApplication::applicationPid());
    QDir(tmp).removeRecursively();
    if (!QDir().mkpath(tmp))
        return makeError(QStringLiteral("io"), QStringLiteral("%1: cannot create the folder").arg(tmp));
    const QDir d(tmp);
    auto fail = [&](const Error &e) -> Status {
        QDir(tmp).removeRecursively();
        return e;
    };
    const std::pair<const char *, const ViewArray *> arrays[] = {{"fbank.npy", &v.fbank},
                                                                 {"cam_video.npy", &v.videoMap},
                                                                 {"cam_audio.npy", &v.audioMap},
                                                                 {"grid_video.npy", &v.videoGrid},
                                                                 {"grid_audio.npy", &v.audioGrid}};
    for (const auto &[file, a] : arrays)
        if (auto st = writeArray(d.filePath(QLatin1String(file)), *a); !st)
            return fail(st.error());
    if (v.frameCount > 0) {
        const at::Tensor frames = torch::from_blob(const_cast<std::uint8_t *>(v.frames.data()),
                                                   {v.frameCount, v.frameSize, v.frameSize, 3}, torch::kUInt8);
        if (auto st = writeNpyFile(d.filePath(QStringLiteral("frames.npy")), frames); !st)
            return fail(st.error());
    }
    // view.json last: an entry without it is never read.
    if (auto st = writeJsonFile(d.filePath(QStringLiteral("view.json")), resultJson(v), JsonStyle::Compact); !st)
        return fail(st.error());
    QDir(dir).removeRecursively();
    if (!QDir().rename(tmp, dir))
        return fail(makeError(QStringLiteral("io"), QStringLiteral("%1: cannot rename %2 into place").arg(dir, tmp)));
    return Ok{};
}

} // namespace avt::gradcam
