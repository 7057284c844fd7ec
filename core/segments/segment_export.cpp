// JSON report and PNG picture of a segmentation and its mask.

#include "core/segments/segment_export.h"
#include "core/util/cv_text.h"
#include "core/util/png_file.h"

#include <ATen/core/Tensor.h>
#include <QJsonArray>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace avt::segments {

SegmentMaskChoice chooseSegmentMask(const Segmentation &seg, double probability, std::uint64_t seed,
                                    model::PatchCoverRule rule)
{
    return chooseSegmentMask(seg, probability, seed, rule, model::AudioPatchGrid{});
}

SegmentMaskChoice chooseSegmentMask(const Segmentation &seg, double probability, std::uint64_t seed,
                                    model::PatchCoverRule rule, const model::AudioPatchGrid &geometry)
{
    SegmentMaskChoice m;
    m.seed = seed;
    m.probability = probability;
    m.rule = rule;
    m.grid = geometry;
    m.grid.melBins = seg.bins;
    m.grid.frames = seg.frames;
    const auto spans = seg.spans();
    m.maskedSegments = model::chooseMaskedSegments(std::int64_t(spans.size()), probability, model::maskGenerator(seed));
    const at::Tensor frames = model::frameMaskFromSpans(spans, m.maskedSegments, seg.frames); // [T]
    const bool *f = frames.data_ptr<bool>();
    m.frameMask.assign(f, f + seg.frames);
    const std::int64_t tDim = m.grid.timePatches(), fDim = m.grid.freqPatches();
    if (tDim > 0 && fDim > 0) {
        const at::Tensor tokens = model::tokenMaskFromFrameMask(frames, m.grid, rule); // [f*t]
        const bool *tok = tokens.data_ptr<bool>();
        for (std::int64_t t = 0; t < tDim; ++t)
            if (tok[t]) // row f = 0; all rows are equal for segment masks
                m.maskedTimePatches.push_back(t);
        m.maskedTokens = std::int64_t(m.maskedTimePatches.size()) * fDim;
    }
    return m;
}

QString patchRuleName(model::PatchCoverRule rule)
{
    switch (rule) {
    case model::PatchCoverRule::Any: return QStringLiteral("any");
    case model::PatchCoverRule::Half: return QStringLiteral("half");
    case model::PatchCoverRule::All: return QStringLiteral("all");
    }
    return QStringLiteral("half");
}

bool parsePatchRule(const QString &text, model::PatchCoverRule *rule)
{
    for (auto r : {model::PatchCoverRule::Any, model::PatchCoverRule::Half, model::PatchCoverRule::All})
        if (text.compare(patchRuleName(r), Qt::CaseInsensitive) == 0) {
            *rule = r;
            return true;
        }
    return false;
}

namespace {

double secondsOf(const SegmentSource &s, std::int64_t frame)
{
    return s.startSeconds + double(frame) * s.frameShiftSeconds;
}

QJsonArray intArray(const std::vector<std::int64_t> &v)
{
    QJsonArray a;
    for (auto x : v)
        a.append(qint64(x));
    return a;
}

} // namespace

QJsonObject segmentReport(const SegmentSource &source, const Segmentation &seg, const DetectorParams &params,
                          const SegmentMaskChoice &mask)
{
    QJsonObject src{
        {QStringLiteral("media"), source.media},
        {QStringLiteral("startSeconds"), source.startSeconds},
        {QStringLiteral("audioSeconds"), source.audioSeconds},
        {QStringLiteral("clipFrames"), qint64(source.clipFrames)},
        {QStringLiteral("frames"), qint64(seg.frames)},
        {QStringLiteral("bins"), qint64(seg.bins)},
        {QStringLiteral("frameShiftSeconds"), source.frameShiftSeconds},
        {QStringLiteral("frameLengthSeconds"), source.frameLengthSeconds},
        {QStringLiteral("timeOfFrame"), QStringLiteral("startSeconds + frame * frameShiftSeconds (window start)")}};

    QJsonArray boundaries;
    for (size_t i = 0; i < seg.boundaries.size(); ++i)
        boundaries.append(QJsonObject{{QStringLiteral("frame"), qint64(seg.boundaries[i])},
                                      {QStringLiteral("seconds"), secondsOf(source, seg.boundaries[i])},
                                      {QStringLiteral("activity"), seg.boundaryActivity[i]}});

    const auto spans = seg.spans();
    QJsonArray segments;
    for (size_t i = 0; i < spans.size(); ++i) {
        const bool masked = std::binary_search(mask.maskedSegments.begin(), mask.maskedSegments.end(), std::int64_t(i));
        segments.append(QJsonObject{{QStringLiteral("index"), qint64(i)},
                                    {QStringLiteral("startFrame"), qint64(spans[i].start)},
                                    {QStringLiteral("endFrame"), qint64(spans[i].end)},
                                    {QStringLiteral("startSeconds"), secondsOf(source, spans[i].start)},
                                    {QStringLiteral("endSeconds"), secondsOf(source, spans[i].end)},
                                    {QStringLiteral("masked"), masked}});
    }

    QJsonArray activity;
    for (double a : seg.activity)
        activity.append(a);

    std::int64_t maskedFrames = 0;
    for (auto f : mask.frameMask)
        maskedFrames += f ? 1 : 0;
    QJsonObject maskJson{
        {QStringLiteral("seed"), QString::number(mask.seed)},
        {QStringLiteral("probability"), mask.probability},
        {QStringLiteral("patchRule"), patchRuleName(mask.rule)},
        {QStringLiteral("minMaskedFramesPerPatch"), qint64(model::minMaskedFrames(mask.rule, mask.grid.patch))},
        {QStringLiteral("maskedSegments"), intArray(mask.maskedSegments)},
        {QStringLiteral("maskedFrames"), qint64(maskedFrames)},
        {QStringLiteral("patch"), qint64(mask.grid.patch)},
        {QStringLiteral("stride"), qint64(mask.grid.stride)},
        {QStringLiteral("freqPatches"), qint64(mask.grid.freqPatches())},
        {QStringLiteral("timePatches"), qint64(mask.grid.timePatches())},
        {QStringLiteral("maskedTimePatches"), intArray(mask.maskedTimePatches)},
        {QStringLiteral("maskedTokens"), qint64(mask.maskedTokens)},
        {QStringLiteral("tokens"), qint64(mask.grid.numTokens())},
        {QStringLiteral("tokenOrder"), QStringLiteral("frequency-major: f * timePatches + t")}};

    return QJsonObject{{QStringLiteral("source"), src},
                       {QStringLiteral("params"), params.toJson()},
                       {QStringLiteral("segmentCount"), qint64(spans.size())},
                       {QStringLiteral("boundaries"), boundaries},
                       {QStringLiteral("segments"), segments},
                       {QStringLiteral("activity"), activity},
                       {QStringLiteral("mask"), maskJson}};
}

namespace {

// Layout of the picture, pixels.
struct Layout {
    int left = 56, right = 16, top = 30;
    int specHeight = 256, gap = 10, activityHeight = 110, axis = 34;
    int plotWidth = 1024;
    int width() const { return left + plotWidth + right; }
    int height() const { return top + specHeight + gap + activityHeight + axis; }
    int specTop() const { return top; }
    int activityTop() const { return top + specHeight + gap; }
    int axisTop() const { return activityTop() + activityHeight; }
};

const cv::Scalar kText(220, 220, 220), kBoundary(255, 255, 0), kCurve(255, 255, 255), kGrid(90, 90, 90),
    kPanel(40, 40, 40);

// [frames, bins] -> colour image [specHeight, plotWidth], low bins at the bottom. The colour
// range comes from the first rangeFrames frames (the clip without its zero padding).
cv::Mat spectrogramImage(const float *fbank, std::int64_t frames, std::int64_t bins, std::int64_t rangeFrames,
                         const Layout &l)
{
    float hi = -INFINITY;
    for (std::int64_t i = 0; i < rangeFrames * bins; ++i)
        hi = std::max(hi, fbank[i]);
    const float lo = hi - 20.0f; // the top 20 log units (about 87 dB)
    cv::Mat grey(int(bins), int(frames), CV_8UC1);
    for (std::int64_t t = 0; t < frames; ++t)
        for (std::int64_t m = 0; m < bins; ++m) {
            const float v = (fbank[t * bins + m] - lo) / (hi - lo + 1e-6f);
            grey.at<std::uint8_t>(int(bins - 1 - m), int(t)) = std::uint8_t(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f);
        }
    cv::Mat colour, scaled;
    cv::applyColorMap(grey, colour, cv::COLORMAP_INFERNO);
    const int interp = frames > l.plotWidth ? cv::INTER_AREA : cv::INTER_NEAREST;
    cv::resize(colour, scaled, cv::Size(l.plotWidth, l.specHeight), 0, 0, interp);
    return scaled;
}

// Tick spacing giving about 10 ticks over the clip: 0.1, 0.2, 0.5, 1, 2, 5, 10, ... s.
double tickStep(double seconds)
{
    const double raw = std::max(seconds / 10.0, 1e-3);
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= raw)
            return m * p;
    return 10.0 * p;
}

void drawText(cv::Mat &img, const QString &text, cv::Point at, double scale = 0.4)
{
    drawTextLine(img, text, at, scale, kText);
}

void shadeMasked(cv::Mat &img, const SegmentMaskChoice &mask, const Layout &l, const std::function<int(double)> &xOf)
{
    const std::int64_t frames = std::int64_t(mask.frameMask.size());
    for (std::int64_t t = 0; t < frames;) {
        if (!mask.frameMask[size_t(t)]) {
            ++t;
            continue;
        }
        std::int64_t e = t;
        while (e < frames && mask.frameMask[size_t(e)])
            ++e;
        const int x0 = xOf(double(t)), x1 = std::max(xOf(double(e)), x0 + 1);
        for (int top : {l.specTop(), l.activityTop()}) {
            const int h = top == l.specTop() ? l.specHeight : l.activityHeight;
            cv::Mat roi = img(cv::Rect(x0, top, x1 - x0, h));
            cv::addWeighted(roi, 0.6, cv::Mat(roi.size(), roi.type(), cv::Scalar(255, 255, 255)), 0.4, 0.0, roi);
        }
        drawText(img, QStringLiteral("masked"), cv::Point(x0 + 2, l.specTop() + 12), 0.35);
        t = e;
    }
}

void drawActivity(cv::Mat &img, const Segmentation &seg, const Layout &l, const std::function<int(double)> &xOf)
{
    const double top = *std::max_element(seg.activity.begin(), seg.activity.end());
    const double scale = top > 0.0 ? (l.activityHeight - 8) / top : 0.0;
    std::vector<cv::Point> pts;
    pts.reserve(seg.activity.size());
    for (size_t t = 0; t < seg.activity.size(); ++t) {
        const double v = std::max(0.0, seg.activity[t]);
        pts.emplace_back(xOf(double(t) + 0.5), l.axisTop() - 2 - int(std::lround(v * scale)));
    }
    cv::polylines(img, pts, false, kCurve, 1, cv::LINE_AA);
    drawText(img, QStringLiteral("activity"), cv::Point(4, l.activityTop() + 14), 0.35);
    drawText(img, QStringLiteral("max %1").arg(top, 0, 'g', 3), cv::Point(4, l.activityTop() + 28), 0.3);
}

void drawAxis(cv::Mat &img, const SegmentSource &source, std::int64_t frames, const Layout &l,
              const std::function<int(double)> &xOf)
{
    const double span = double(frames) * source.frameShiftSeconds;
    const double step = tickStep(span);
    const int y = l.axisTop();
    cv::line(img, {l.left, y}, {l.left + l.plotWidth, y}, kText, 1);
    for (double s = 0.0; s <= span + 1e-9; s += step) {
        const int x = xOf(s / source.frameShiftSeconds);
        cv::line(img, {x, y}, {x, y + 5}, kText, 1);
        cv::line(img, {x, l.specTop()}, {x, y}, kGrid, 1);
        const double label = source.startSeconds + s;
        drawText(img, QString::number(label, 'g', 6), {x - 8, y + 18});
    }
    drawText(img, QStringLiteral("s"), {l.left + l.plotWidth + 2, y + 18});
    drawText(img, QStringLiteral("mel"), {4, l.specTop() + 14}, 0.35);
}

} // namespace

Status writeSegmentImage(const QString &pngPath, const float *fbank, const Segmentation &seg,
                         const SegmentMaskChoice &mask, const SegmentSource &source, const QString &title)
{
    if (seg.frames < 1 || seg.bins < 1 || !fbank || std::int64_t(mask.frameMask.size()) != seg.frames
        || std::int64_t(seg.activity.size()) != seg.frames)
        return makeError(QStringLiteral("invalid"),
                         QStringLiteral("segment image %1: sizes of fbank, activity and mask disagree").arg(pngPath));
    Layout l;
    l.plotWidth = int(std::clamp<std::int64_t>(seg.frames, 512, 2048));
    const double pxPerFrame = double(l.plotWidth) / double(seg.frames);
    const auto xOf = [&](double frame) { return l.left + int(std::lround(frame * pxPerFrame)); };

    cv::Mat img(l.height(), l.width(), CV_8UC3, cv::Scalar(24, 24, 24));
    const std::int64_t clipFrames = source.clipFrames > 0 ? std::min(source.clipFrames, seg.frames) : seg.frames;
    spectrogramImage(fbank, seg.frames, seg.bins, clipFrames, l)
        .copyTo(img(cv::Rect(l.left, l.specTop(), l.plotWidth, l.specHeight)));
    if (clipFrames < seg.frames) { // zero padding up to the model's length: grey it out
        const int x0 = xOf(double(clipFrames));
        cv::Mat roi = img(cv::Rect(x0, l.specTop(), l.left + l.plotWidth - x0, l.specHeight));
        roi.setTo(cv::Scalar(70, 70, 70));
        drawText(img, QStringLiteral("zero padding"), {x0 + 4, l.specTop() + l.specHeight / 2}, 0.4);
    }
    img(cv::Rect(l.left, l.activityTop(), l.plotWidth, l.activityHeight)).setTo(kPanel);
    drawAxis(img, source, seg.frames, l, xOf);
    shadeMasked(img, mask, l, xOf);
    drawActivity(img, seg, l, xOf);
    for (auto b : seg.boundaries) {
        const int x = xOf(double(b));
        cv::line(img, {x, l.specTop()}, {x, l.axisTop()}, kBoundary, 1);
    }
    drawText(img, title, {l.left, 20}, 0.45);

    return writePngFile(pngPath, img);
}

} // namespace avt::segments
