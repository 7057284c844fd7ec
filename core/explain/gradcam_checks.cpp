#include "core/explain/gradcam_checks.h"

#include <torch/torch.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace avt::gradcam {

namespace {

struct ManifestClip {
    std::vector<std::array<double, 4>> boxes; // [x, y, w, h] per source frame
};

struct Manifest {
    QDir dir;
    double fps = 0;
    double width = 0, height = 0;
    std::map<QString, ManifestClip> clips; // by absolute clean path
};

QString findManifest(const std::vector<loader::LoaderItem> &items)
{
    if (items.empty())
        return {};
    QDir d = QFileInfo(items.front().path).absoluteDir();
    for (int up = 0; up < 4; ++up) {
        if (d.exists(QStringLiteral("manifest.json")))
            return d.filePath(QStringLiteral("manifest.json"));
        if (!d.cdUp())
            break;
    }
    return {};
}

Result<Manifest> readManifest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("missing"),
                         QStringLiteral("%1: cannot read the manifest (%2)").arg(path, f.errorString()));
    QJsonParseError err;
    const QJsonObject root = QJsonDocument::fromJson(f.readAll(), &err).object();
    if (err.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("corrupt"),
                         QStringLiteral("%1: %2 at offset %3").arg(path, err.errorString()).arg(err.offset));
    Manifest m;
    m.dir = QFileInfo(path).absoluteDir();
    m.fps = root.value(QStringLiteral("fps")).toDouble();
    m.width = root.value(QStringLiteral("width")).toDouble();
    m.height = root.value(QStringLiteral("height")).toDouble();
    if (!(m.fps > 0 && m.width > 0 && m.height > 0))
        return makeError(QStringLiteral("corrupt"),
                         QStringLiteral("%1: needs fps, width and height (a DrumArt-10 manifest)").arg(path));
    for (const QJsonValue &v : root.value(QStringLiteral("clips")).toArray()) {
        const QJsonObject c = v.toObject();
        ManifestClip mc;
        for (const QJsonValue &b : c.value(QStringLiteral("boxes")).toArray()) {
            const QJsonArray a = b.toArray();
            if (a.size() == 4)
                mc.boxes.push_back({a[0].toDouble(), a[1].toDouble(), a[2].toDouble(), a[3].toDouble()});
        }
        m.clips[QDir::cleanPath(m.dir.absoluteFilePath(c.value(QStringLiteral("file")).toString()))] = std::move(mc);
    }
    return m;
}

// Box of source frame nearest time t, mapped into the S x S input frame (short side resized to
// S, centre crop) as [x0, y0, x1, y1) clipped to the frame.
std::array<double, 4> inputBox(const Manifest &m, const ManifestClip &c, double t, int64_t S)
{
    const auto idx = size_t(std::clamp<long long>(std::llround(t * m.fps), 0, (long long)c.boxes.size() - 1));
    const auto &b = c.boxes[idx];
    const double scale = double(S) / std::min(m.width, m.height);
    const double ox = (m.width * scale - double(S)) / 2.0, oy = (m.height * scale - double(S)) / 2.0;
    auto clip = [&](double v) { return std::clamp(v, 0.0, double(S)); };
    return {clip(b[0] * scale - ox), clip(b[1] * scale - oy), clip((b[0] + b[2]) * scale - ox),
            clip((b[1] + b[3]) * scale - oy)};
}

std::vector<float> flat(const at::Tensor &t)
{
    const at::Tensor c = t.to(torch::kFloat32).contiguous().flatten();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

std::vector<double> ranks(const std::vector<float> &v)
{
    std::vector<size_t> order(v.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]])
            ++j;
        const double avg = (double(i) + double(j)) / 2.0 + 1.0;
        for (size_t k = i; k <= j; ++k)
            r[order[k]] = avg;
        i = j + 1;
    }
    return r;
}

const model::CamMap *mapOf(const Explanation &e, model::CamModality m)
{
    for (const auto &map : e.cam.maps)
        if (map.layer.modality == m)
            return &map;
    return nullptr;
}

} // namespace

double spearman(const std::vector<float> &a, const std::vector<float> &b)
{
    if (a.size() != b.size() || a.size() < 2)
        return 0.0;
    const auto ra = ranks(a), rb = ranks(b);
    const double n = double(a.size());
    const double ma = std::accumulate(ra.begin(), ra.end(), 0.0) / n,
                 mb = std::accumulate(rb.begin(), rb.end(), 0.0) / n;
    double sab = 0, saa = 0, sbb = 0;
    for (size_t i = 0; i < ra.size(); ++i) {
        sab += (ra[i] - ma) * (rb[i] - mb);
        saa += (ra[i] - ma) * (ra[i] - ma);
        sbb += (rb[i] - mb) * (rb[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0.0;
}

Result<std::vector<std::array<double, 4>>> clipInputBoxes(const QString &media, const std::vector<double> &frameTimes,
                                                          int64_t S, const QString &manifest)
{
    loader::LoaderItem item;
    item.path = QFileInfo(media).absoluteFilePath();
    const QString path = manifest.isEmpty() ? findManifest({item}) : manifest;
    std::vector<std::array<double, 4>> boxes;
    if (path.isEmpty())
        return boxes;
    auto m = readManifest(path);
    if (!m)
        return m.error();
    const auto mc = m->clips.find(QDir::cleanPath(item.path));
    if (mc == m->clips.end() || mc->second.boxes.empty())
        return boxes;
    for (double t : frameTimes)
        boxes.push_back(inputBox(*m, mc->second, t, S));
    return boxes;
}

ClipPointing clipPointing(const float *map, int64_t T, int64_t S, const std::vector<std::array<double, 4>> &boxes)
{
    ClipPointing p;
    double mass = 0, share = 0;
    for (int64_t t = 0; t < T && t < int64_t(boxes.size()); ++t) {
        const auto &b = boxes[size_t(t)];
        const auto x0 = int64_t(std::floor(b[0])), y0 = int64_t(std::floor(b[1]));
        const auto x1 = int64_t(std::ceil(b[2])), y1 = int64_t(std::ceil(b[3]));
        if (x1 <= x0 || y1 <= y0)
            continue;
        const float *f = map + t * S * S;
        double total = 0, inside = 0;
        for (int64_t y = 0; y < S; ++y)
            for (int64_t x = 0; x < S; ++x) {
                const double v = f[y * S + x];
                total += v;
                if (x >= x0 && x < x1 && y >= y0 && y < y1)
                    inside += v;
            }
        mass += total > 0 ? inside / total : 0.0;
        share += double((x1 - x0) * (y1 - y0)) / double(S * S);
        ++p.frames;
    }
    if (p.frames > 0) {
        p.massInBox = mass / p.frames;
        p.boxShare = share / p.frames;
        p.ratio = share > 0 ? mass / share : 0.0;
    }
    return p;
}

Result<CheckResult> runChecks(train::RunModel &m, const std::vector<loader::LoaderItem> &all, const CheckOptions &o,
                              const std::function<void(int, int)> &progress)
{
    if (!m.net->config().hasVideo())
        return makeError(QStringLiteral("usage"),
                         QStringLiteral("run %1 has no video encoder: the pointing check needs video maps").arg(m.run));
    std::vector<loader::LoaderItem> items = all;
    if (o.limit > 0 && int(items.size()) > o.limit)
        items.resize(size_t(o.limit));
    const QString manifestPath = o.manifest.isEmpty() ? findManifest(items) : o.manifest;
    if (manifestPath.isEmpty())
        return makeError(QStringLiteral("missing"),
                         QStringLiteral("no manifest.json next to the clips (give --manifest FILE)"));
    auto manifest = readManifest(manifestPath);
    if (!manifest)
        return manifest.error();
    QStringList skipped;
    auto inputs = loadInputs(m.config, items, &skipped);
    if (!inputs)
        return inputs.error();

    torch::manual_seed(int64_t(o.randomSeed));
    model::AvtModel random(m.net->config());
    random->eval();

    CheckResult r;
    const int64_t S = m.net->config().video.size;
    double massSum = 0, boxSum = 0, peakHits = 0, rhoV = 0, rhoA = 0, correct = 0, randomMass = 0;
    int n = 0;
    std::vector<double> clipRatios;
    for (const ClipInputs &in : *inputs) {
        const auto mc = manifest->clips.find(QDir::cleanPath(in.media));
        if (mc == manifest->clips.end() || mc->second.boxes.empty())
            return makeError(QStringLiteral("corrupt"), QStringLiteral("%1: not in %2").arg(in.media, manifestPath));
        auto e = explain(*m.net, in, o.explain);
        if (!e)
            return e.error();
        ExplainOptions ro = o.explain;
        ro.targetClass = e->cam.targetClass;
        auto er = explain(*random, in, ro);
        if (!er)
            return er.error();
        const model::CamMap *vm = mapOf(*e, model::CamModality::Video);
        const model::CamMap *vr = mapOf(*er, model::CamModality::Video);
        r.videoLayer = QString::fromStdString(vm->layer.name);
        double clipMass = 0, clipBox = 0;
        int clipFrames = 0;
        for (int64_t t = 0; t < vm->input.size(0); ++t) {
            const auto b = inputBox(*manifest, mc->second, in.frameTimes[size_t(t)], S);
            const at::Tensor f = vm->input[t];
            const double total = f.sum().item<double>();
            const auto x0 = int64_t(std::floor(b[0])), y0 = int64_t(std::floor(b[1]));
            const auto x1 = int64_t(std::ceil(b[2])), y1 = int64_t(std::ceil(b[3]));
            if (x1 <= x0 || y1 <= y0)
                continue;
            const at::Tensor fr = vr->input[t];
            const double totalR = fr.sum().item<double>();
            randomMass += totalR > 0 ? fr.slice(0, y0, y1).slice(1, x0, x1).sum().item<double>() / totalR : 0.0;
            const double inside = f.slice(0, y0, y1).slice(1, x0, x1).sum().item<double>();
            const double share = double((x1 - x0) * (y1 - y0)) / double(S * S);
            const double mass = total > 0 ? inside / total : 0.0;
            const int64_t arg = f.argmax().item<int64_t>();
            const int64_t py = arg / S, px = arg % S;
            peakHits += (total > 0 && px >= x0 && px < x1 && py >= y0 && py < y1) ? 1 : 0;
            clipMass += mass;
            clipBox += share;
            ++clipFrames;
        }
        massSum += clipMass;
        boxSum += clipBox;
        if (clipBox > 0)
            clipRatios.push_back(clipMass / clipBox);
        r.frames += clipFrames;
        const double rv = spearman(flat(vm->grid), flat(vr->grid));
        rhoV += rv;
        double ra = 0;
        const model::CamMap *am = mapOf(*e, model::CamModality::Audio), *ar = mapOf(*er, model::CamModality::Audio);
        if (am && ar) {
            ra = spearman(flat(am->grid), flat(ar->grid));
            rhoA += ra;
            r.audioLayer = QString::fromStdString(am->layer.name);
        }
        const int64_t predicted = e->cam.mainLogits.argmax().item<int64_t>();
        correct += (in.label >= 0 && predicted == in.label) ? 1 : 0;
        r.secondsMean += e->seconds;
        r.secondsMax = std::max(r.secondsMax, e->seconds);
        r.perClip.append(QJsonObject{{QStringLiteral("media"), in.media},
                                     {QStringLiteral("label"), in.label},
                                     {QStringLiteral("predicted"), qint64(predicted)},
                                     {QStringLiteral("mass_in_box"), clipFrames ? clipMass / clipFrames : 0.0},
                                     {QStringLiteral("box_share"), clipFrames ? clipBox / clipFrames : 0.0},
                                     {QStringLiteral("spearman_video"), rv},
                                     {QStringLiteral("spearman_audio"), ra},
                                     {QStringLiteral("seconds"), e->seconds}});
        ++n;
        if (progress)
            progress(n, int(inputs->size()));
    }
    r.clips = n;
    if (n == 0 || r.frames == 0)
        return makeError(QStringLiteral("data"), QStringLiteral("no clip could be checked"));
    r.massInBox = massSum / r.frames;
    r.boxShare = boxSum / r.frames;
    r.ratio = r.boxShare > 0 ? r.massInBox / r.boxShare : 0.0;
    r.randomRatio = r.boxShare > 0 ? randomMass / r.frames / r.boxShare : 0.0;
    r.peakInBox = peakHits / r.frames;
    if (!clipRatios.empty()) {
        std::sort(clipRatios.begin(), clipRatios.end());
        const size_t k = clipRatios.size();
        r.medianClipRatio = k % 2 ? clipRatios[k / 2] : 0.5 * (clipRatios[k / 2 - 1] + clipRatios[k / 2]);
        r.clipsBelowOne =
            double(std::count_if(clipRatios.begin(), clipRatios.end(), [](double x) { return x < 1.0; })) / double(k);
    }
    r.spearmanVideo = rhoV / n;
    r.spearmanAudio = rhoA / n;
    r.secondsMean /= n;
    r.accuracy = correct / n;
    return r;
}

} // namespace avt::gradcam
