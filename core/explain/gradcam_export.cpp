// Drawing and writing of Grad-CAM exports (see explain.h for the folder layout).
#include "core/explain/run_gradcam.h"

#include "core/media/video_writer.h"
#include "core/util/cv_text.h"
#include "core/util/json_file.h"
#include "core/util/npy_file.h"
#include "core/util/png_file.h"
#include "model/io/npy.h"

#include <torch/torch.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace avt::gradcam {

namespace {

const model::CamMap *mapOf(const Explanation &e, model::CamModality m)
{
    for (const auto &map : e.cam.maps)
        if (map.layer.modality == m)
            return &map;
    return nullptr;
}

// Input frame t of a normalised [3, T, S, S] video as BGR uint8 (ImageNet mean / std undone).
cv::Mat inputFrame(const at::Tensor &video, int64_t t)
{
    const auto mean = torch::tensor({0.485f, 0.456f, 0.406f}).view({3, 1, 1});
    const auto stdv = torch::tensor({0.229f, 0.224f, 0.225f}).view({3, 1, 1});
    const at::Tensor rgb = ((video.select(1, t).to(torch::kFloat32) * stdv + mean).clamp(0, 1) * 255.0f)
                               .round()
                               .to(torch::kUInt8)
                               .permute({1, 2, 0})
                               .contiguous(); // [S, S, 3]
    cv::Mat m(int(rgb.size(0)), int(rgb.size(1)), CV_8UC3, rgb.data_ptr<std::uint8_t>());
    cv::Mat bgr;
    cv::cvtColor(m, bgr, cv::COLOR_RGB2BGR);
    return bgr;
}

cv::Mat floatImage(const at::Tensor &x2d)
{
    const at::Tensor c = x2d.to(torch::kFloat32).contiguous();
    return cv::Mat(int(c.size(0)), int(c.size(1)), CV_32F, c.data_ptr<float>()).clone();
}

// Heatmap [h, w] in [0, 1] blended over a BGR image of another size.
cv::Mat blend(const cv::Mat &bgr, const cv::Mat &cam01, int colormap, double alpha)
{
    cv::Mat camSized, grey, colour, out;
    cv::resize(cam01, camSized, bgr.size(), 0, 0, cv::INTER_LINEAR);
    camSized.convertTo(grey, CV_8U, 255.0);
    cv::applyColorMap(grey, colour, colormap);
    cv::addWeighted(bgr, 1.0 - alpha, colour, alpha, 0.0, out);
    return out;
}

cv::Mat upscaled(const cv::Mat &img, int side)
{
    if (img.cols >= side)
        return img;
    cv::Mat out;
    cv::resize(img, out, cv::Size(side, img.rows * side / img.cols), 0, 0, cv::INTER_CUBIC);
    return out;
}

// The fbank [T, F] as a grey BGR picture F x T with low frequencies at the bottom, and the
// audio map [T, F] over it; scaled to width x height.
cv::Mat spectrogramOverlay(const at::Tensor &fbank, const model::CamMap *map, int colormap, double alpha, cv::Size size)
{
    cv::Mat spec = floatImage(fbank.transpose(0, 1)); // [F, T]
    cv::flip(spec, spec, 0);
    double lo = 0, hi = 0;
    cv::minMaxLoc(spec, &lo, &hi);
    cv::Mat grey, bgr;
    spec.convertTo(grey, CV_8U, hi > lo ? 255.0 / (hi - lo) : 0.0, hi > lo ? -lo * 255.0 / (hi - lo) : 0.0);
    cv::resize(grey, grey, size, 0, 0, cv::INTER_LINEAR);
    cv::cvtColor(grey, bgr, cv::COLOR_GRAY2BGR);
    if (!map)
        return bgr;
    cv::Mat cam = floatImage(map->input.transpose(0, 1)); // [F, T]
    cv::flip(cam, cam, 0);
    return blend(bgr, cam, colormap, alpha);
}

void putLabel(cv::Mat &img, const QString &text, int y, double scale = 0.5)
{
    drawTextLine(img, text, cv::Point(6, y), scale, cv::Scalar(255, 255, 255));
}

QJsonArray shapeJson(const std::vector<int64_t> &s)
{
    QJsonArray a;
    for (int64_t v : s)
        a.append(qint64(v));
    return a;
}

// Where the video map sits in each input frame: peak pixel and centre of mass.
QJsonArray videoWhere(const at::Tensor &cam, const std::vector<double> &times)
{
    QJsonArray frames;
    const int64_t W = cam.size(2);
    for (int64_t t = 0; t < cam.size(0); ++t) {
        const at::Tensor f = cam[t];
        const int64_t arg = f.argmax().item<int64_t>();
        const double total = f.sum().item<double>();
        QJsonObject o{{QStringLiteral("frame"), qint64(t)},
                      {QStringLiteral("time_s"), t < qint64(times.size()) ? times[size_t(t)] : 0.0},
                      {QStringLiteral("peak_xy"), QJsonArray{qint64(arg % W), qint64(arg / W)}},
                      {QStringLiteral("peak"), f.max().item<double>()}};
        if (total > 0) {
            const auto ys = torch::arange(f.size(0), torch::kFloat32).view({-1, 1});
            const auto xs = torch::arange(f.size(1), torch::kFloat32).view({1, -1});
            o.insert(QStringLiteral("centroid_xy"),
                     QJsonArray{(f * xs).sum().item<double>() / total, (f * ys).sum().item<double>() / total});
        }
        frames.append(o);
    }
    return frames;
}

QJsonObject audioWhere(const at::Tensor &cam, double windowStart)
{
    const int64_t F = cam.size(1);
    const int64_t arg = cam.argmax().item<int64_t>();
    const at::Tensor perFrame = cam.mean(1); // [T]
    const int64_t frameArg = perFrame.argmax().item<int64_t>();
    return {{QStringLiteral("peak_frame"), qint64(arg / F)},
            {QStringLiteral("peak_mel_bin"), qint64(arg % F)},
            {QStringLiteral("peak_time_s"), windowStart + 0.010 * double(arg / F)},
            {QStringLiteral("strongest_frame_time_s"), windowStart + 0.010 * double(frameArg)}};
}

std::vector<int64_t> stripColumns(int64_t frames, int wanted)
{
    std::vector<int64_t> cols;
    const int64_t n = std::min<int64_t>(frames, std::max(1, wanted));
    for (int64_t k = 0; k < n; ++k)
        cols.push_back(n == 1 ? 0 : k * (frames - 1) / (n - 1));
    return cols;
}

QString runFolderName(const QString &run, int index)
{
    QString s = run.isEmpty() ? QStringLiteral("model") : run;
    for (QChar &c : s)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_') && c != QLatin1Char('.'))
            c = QLatin1Char('_');
    return QStringLiteral("%1-%2").arg(index).arg(s);
}

QJsonArray topK(const at::Tensor &logits, const QStringList &names, int k)
{
    const at::Tensor p = torch::softmax(logits.to(torch::kFloat32), 0);
    const auto top = p.topk(std::min<int64_t>(k, p.size(0)));
    QJsonArray out;
    for (int64_t i = 0; i < std::get<1>(top).size(0); ++i) {
        const int64_t c = std::get<1>(top)[i].item<int64_t>();
        out.append(QJsonObject{{QStringLiteral("class"), qint64(c)},
                               {QStringLiteral("name"), className(names, c)},
                               {QStringLiteral("probability"), std::get<0>(top)[i].item<double>()}});
    }
    return out;
}

struct RunFiles {
    QJsonObject report;
    std::vector<cv::Mat> overlays; // display-size overlay per input frame
    cv::Mat spectrogram;
};

Result<RunFiles> writeRun(const QDir &dir, const QString &folder, const RunExplanation &r, const ExportOptions &o)
{
    if (!dir.mkpath(folder))
        return makeError(QStringLiteral("io"),
                         QStringLiteral("%1: cannot create the folder").arg(dir.filePath(folder)));
    const QDir rd(dir.filePath(folder));
    const Explanation &e = r.e;
    RunFiles f;
    QJsonObject files, maps;
    const model::CamMap *vm = mapOf(e, model::CamModality::Video);
    const model::CamMap *am = mapOf(e, model::CamModality::Audio);
    if (vm && e.inputs.video.defined()) {
        QJsonArray frameFiles;
        std::vector<cv::Mat> rgbFrames;
        for (int64_t t = 0; t < e.inputs.video.size(1); ++t) {
            const cv::Mat frame = upscaled(inputFrame(e.inputs.video, t), o.displaySize);
            f.overlays.push_back(blend(frame, floatImage(vm->input[t]), o.colormap, o.alpha));
            const QString name = QStringLiteral("frame_%1.png").arg(t, 2, 10, QLatin1Char('0'));
            if (auto st = writePngFile(rd.filePath(name), f.overlays.back()); !st)
                return st.error();
            frameFiles.append(folder + QLatin1Char('/') + name);
            cv::Mat rgb;
            cv::cvtColor(f.overlays.back(), rgb, cv::COLOR_BGR2RGB);
            rgbFrames.push_back(rgb);
        }
        std::vector<const std::uint8_t *> ptrs;
        for (const auto &m : rgbFrames)
            ptrs.push_back(m.data);
        if (auto st = media::writeVideo(rd.filePath(QStringLiteral("overlay.mp4")), ptrs, rgbFrames[0].cols,
                                        rgbFrames[0].rows, o.fps);
            !st)
            return st.error();
        if (auto st = writeNpyFile(rd.filePath(QStringLiteral("cam_video.npy")), vm->input); !st)
            return st.error();
        files.insert(QStringLiteral("frames"), frameFiles);
        files.insert(QStringLiteral("video"), folder + QStringLiteral("/overlay.mp4"));
        maps.insert(QStringLiteral("video"),
                    QJsonObject{{QStringLiteral("layer"), QString::fromStdString(vm->layer.name)},
                                {QStringLiteral("grid"), shapeJson(vm->layer.grid)},
                                {QStringLiteral("reached"), vm->reached},
                                {QStringLiteral("file"), folder + QStringLiteral("/cam_video.npy")},
                                {QStringLiteral("shape"),
                                 shapeJson(std::vector<int64_t>(vm->input.sizes().begin(), vm->input.sizes().end()))},
                                {QStringLiteral("where"), videoWhere(vm->input, e.inputs.frameTimes)}});
    }
    if (e.inputs.audio.defined()) {
        const int64_t T = e.inputs.audio.size(0), F = e.inputs.audio.size(1);
        const int width = int(std::clamp<int64_t>(2 * T, 480, 1600));
        f.spectrogram = spectrogramOverlay(e.inputs.audio, am, o.colormap, o.alpha,
                                           cv::Size(width, int(std::max<int64_t>(2 * F, 128))));
        if (auto st = writePngFile(rd.filePath(QStringLiteral("spectrogram.png")), f.spectrogram); !st)
            return st.error();
        files.insert(QStringLiteral("spectrogram"), folder + QStringLiteral("/spectrogram.png"));
        if (am) {
            if (auto st = writeNpyFile(rd.filePath(QStringLiteral("cam_audio.npy")), am->input); !st)
                return st.error();
            maps.insert(QStringLiteral("audio"),
                        QJsonObject{{QStringLiteral("layer"), QString::fromStdString(am->layer.name)},
                                    {QStringLiteral("grid"), shapeJson(am->layer.grid)},
                                    {QStringLiteral("reached"), am->reached},
                                    {QStringLiteral("file"), folder + QStringLiteral("/cam_audio.npy")},
                                    {QStringLiteral("shape"), QJsonArray{qint64(T), qint64(F)}},
                                    {QStringLiteral("where"), audioWhere(am->input, e.inputs.windowStart)}});
        }
    }
    f.report = QJsonObject{
        {QStringLiteral("run"), r.run},
        {QStringLiteral("folder"), folder},
        {QStringLiteral("top5"), topK(e.cam.mainLogits, r.classNames, 5)},
        {QStringLiteral("target"), QJsonObject{{QStringLiteral("class"), qint64(e.cam.targetClass)},
                                               {QStringLiteral("name"), className(r.classNames, e.cam.targetClass)},
                                               {QStringLiteral("logit"), e.cam.score}}},
        {QStringLiteral("head"), QString::fromLatin1(model::camHeadName(e.options.head))},
        {QStringLiteral("method"), QString::fromLatin1(model::camMethodName(e.options.method))},
        {QStringLiteral("weighting"), QString::fromLatin1(model::camWeightingName(e.options.weighting))},
        {QStringLiteral("maps"), maps},
        {QStringLiteral("files"), files},
        {QStringLiteral("seconds"), e.seconds}};
    return f;
}

// One strip: input frames, then per run a label band, its overlays and its spectrogram.
cv::Mat composeStrip(const std::vector<RunExplanation> &runs, const std::vector<RunFiles> &files,
                     const ExportOptions &o)
{
    const int cell = 160, band = 22;
    const Explanation &first = runs[0].e;
    const int64_t frames = first.inputs.video.defined() ? first.inputs.video.size(1) : 0;
    const auto cols = stripColumns(frames, o.stripFrames);
    const int width = std::max<int>(int(cols.size()) * cell, 480);
    std::vector<cv::Mat> rows;
    auto bandRow = [&](const QString &text) {
        cv::Mat b(band, width, CV_8UC3, cv::Scalar(40, 40, 40));
        putLabel(b, text, 16);
        return b;
    };
    auto frameRow = [&](const std::vector<cv::Mat> &imgs) {
        cv::Mat row(cell, width, CV_8UC3, cv::Scalar(0, 0, 0));
        for (size_t i = 0; i < cols.size() && cols[i] < int64_t(imgs.size()); ++i) {
            cv::Mat s;
            cv::resize(imgs[size_t(cols[i])], s, cv::Size(cell, cell), 0, 0, cv::INTER_AREA);
            s.copyTo(row(cv::Rect(int(i) * cell, 0, cell, cell)));
        }
        return row;
    };
    if (frames > 0) {
        std::vector<cv::Mat> inputs;
        for (int64_t t = 0; t < frames; ++t)
            inputs.push_back(inputFrame(first.inputs.video, t));
        rows.push_back(bandRow(QStringLiteral("input: %1").arg(QFileInfo(first.inputs.media).fileName())));
        rows.push_back(frameRow(inputs));
    }
    for (size_t k = 0; k < runs.size(); ++k) {
        const auto &cam = runs[k].e.cam;
        const QString pred = className(runs[k].classNames, cam.mainLogits.argmax().item<int64_t>());
        rows.push_back(bandRow(QStringLiteral("%1: predicts %2, map of %3")
                                   .arg(runs[k].run.isEmpty() ? QStringLiteral("model") : runs[k].run, pred,
                                        className(runs[k].classNames, cam.targetClass))));
        if (!files[k].overlays.empty())
            rows.push_back(frameRow(files[k].overlays));
        if (!files[k].spectrogram.empty()) {
            cv::Mat s;
            cv::resize(files[k].spectrogram, s, cv::Size(width, 96), 0, 0, cv::INTER_AREA);
            rows.push_back(s);
        }
    }
    cv::Mat strip;
    cv::vconcat(rows, strip);
    return strip;
}

} // namespace

int colormapByName(const QString &name)
{
    static const std::map<QString, int> maps{
        {QStringLiteral("jet"), cv::COLORMAP_JET},         {QStringLiteral("turbo"), cv::COLORMAP_TURBO},
        {QStringLiteral("inferno"), cv::COLORMAP_INFERNO}, {QStringLiteral("viridis"), cv::COLORMAP_VIRIDIS},
        {QStringLiteral("hot"), cv::COLORMAP_HOT},         {QStringLiteral("magma"), cv::COLORMAP_MAGMA},
        {QStringLiteral("plasma"), cv::COLORMAP_PLASMA},   {QStringLiteral("parula"), cv::COLORMAP_PARULA}};
    const auto it = maps.find(name.toLower());
    return it == maps.end() ? -1 : it->second;
}

Result<QJsonObject> writeExport(const QString &dirPath, const std::vector<RunExplanation> &runs, const ExportOptions &o)
{
    if (runs.empty())
        return makeError(QStringLiteral("usage"), QStringLiteral("nothing to export"));
    QDir dir(dirPath);
    if (!dir.mkpath(QStringLiteral(".")))
        return makeError(QStringLiteral("io"), QStringLiteral("%1: cannot create the folder").arg(dirPath));
    std::vector<RunFiles> files;
    QJsonArray runReports;
    for (size_t k = 0; k < runs.size(); ++k) {
        auto f = writeRun(dir, runFolderName(runs[k].run, int(k)), runs[k], o);
        if (!f)
            return f.error();
        runReports.append(f->report);
        files.push_back(std::move(*f));
    }
    if (auto st = writePngFile(dir.filePath(QStringLiteral("strip.png")), composeStrip(runs, files, o)); !st)
        return st.error();
    const ClipInputs &in = runs[0].e.inputs;
    QJsonArray times;
    for (double t : in.frameTimes)
        times.append(t);
    QJsonObject report{{QStringLiteral("media"), in.media},
                       {QStringLiteral("window_start_s"), in.windowStart},
                       {QStringLiteral("window_s"), in.windowSeconds},
                       {QStringLiteral("frame_times_s"), times},
                       {QStringLiteral("strip"), QStringLiteral("strip.png")},
                       {QStringLiteral("runs"), runReports},
                       {QStringLiteral("alpha"), o.alpha}};
    if (auto st = writeJsonFile(dir.filePath(QStringLiteral("gradcam.json")), report); !st)
        return st.error();
    return report;
}

} // namespace avt::gradcam
