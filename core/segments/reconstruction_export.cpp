// Reconstruction errors and the three-panel picture of `segments --run`.

#include "core/segments/reconstruction_export.h"
#include "core/util/cv_text.h"
#include "core/util/png_file.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace avt::segments {

ReconstructionErrors reconstructionErrors(const float *input, const float *reconstruction,
                                          const std::uint8_t *elementMask, std::int64_t count)
{
    double masked = 0.0, visible = 0.0;
    ReconstructionErrors e;
    for (std::int64_t i = 0; i < count; ++i) {
        const double d = double(reconstruction[i]) - double(input[i]);
        if (elementMask[i]) {
            masked += d * d;
            ++e.maskedElements;
        } else {
            visible += d * d;
            ++e.visibleElements;
        }
    }
    e.maskedMse = e.maskedElements > 0 ? masked / double(e.maskedElements) : 0.0;
    e.visibleMse = e.visibleElements > 0 ? visible / double(e.visibleElements) : 0.0;
    return e;
}

namespace {

struct Layout {
    static constexpr int left = 56, right = 84, top = 28, label = 18, gap = 8, axis = 34;
    int plot = 600;  // plot width
    int panel = 128; // panel height
    int width() const { return left + plot + right; }
    int height() const { return top + 3 * (label + panel) + 2 * gap + axis; }
    int panelTop(int i) const { return top + i * (label + panel + gap) + label; }
    int axisTop() const { return panelTop(2) + panel; }
};

Layout layoutFor(std::int64_t frames, std::int64_t bins)
{
    Layout l;
    l.plot = int(std::clamp<std::int64_t>(3 * frames, 600, 2048));
    l.panel = int(std::clamp<std::int64_t>(3 * bins, 128, 256));
    return l;
}

const cv::Scalar kText(220, 220, 220), kBoundary(255, 255, 0), kOutline(255, 255, 255), kPadding(150, 150, 150),
    kGrid(90, 90, 90);

void drawText(cv::Mat &img, const QString &text, cv::Point at, double scale = 0.4)
{
    drawTextLine(img, text, at, scale, kText);
}

// [frames, bins] values -> 8-bit [bins, frames] image over [lo, hi], low bins at the bottom.
cv::Mat greyImage(const float *v, std::int64_t frames, std::int64_t bins, float lo, float hi)
{
    cv::Mat grey(int(bins), int(frames), CV_8UC1);
    const float scale = hi > lo ? 1.0f / (hi - lo) : 0.0f;
    for (std::int64_t t = 0; t < frames; ++t)
        for (std::int64_t m = 0; m < bins; ++m) {
            const float x = std::clamp((v[t * bins + m] - lo) * scale, 0.0f, 1.0f);
            grey.at<std::uint8_t>(int(bins - 1 - m), int(t)) = std::uint8_t(x * 255.0f + 0.5f);
        }
    return grey;
}

cv::Mat scaled(const cv::Mat &src, const Layout &l, std::int64_t frames)
{
    cv::Mat out;
    const int interp = frames > l.plot ? cv::INTER_AREA : cv::INTER_NEAREST;
    cv::resize(src, out, cv::Size(l.plot, l.panel), 0, 0, interp);
    return out;
}

// The mask as a [panel, plot] 0/255 image (nearest neighbour, so edges stay on frames).
cv::Mat maskImage(const std::uint8_t *mask, std::int64_t frames, std::int64_t bins, const Layout &l)
{
    cv::Mat m(int(bins), int(frames), CV_8UC1);
    for (std::int64_t t = 0; t < frames; ++t)
        for (std::int64_t b = 0; b < bins; ++b)
            m.at<std::uint8_t>(int(bins - 1 - b), int(t)) = mask[t * bins + b] ? 255 : 0;
    cv::Mat out;
    cv::resize(m, out, cv::Size(l.plot, l.panel), 0, 0, cv::INTER_NEAREST);
    return out;
}

double tickStep(double seconds)
{
    const double raw = std::max(seconds / 10.0, 1e-3);
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (m * p >= raw)
            return m * p;
    return 10.0 * p;
}

void drawAxis(cv::Mat &img, const ReconstructionPicture &pic, const Layout &l)
{
    const double shift = pic.source.frameShiftSeconds;
    const double span = double(pic.frames) * shift;
    const double step = tickStep(span);
    const int y = l.axisTop();
    cv::line(img, {l.left, y}, {l.left + l.plot, y}, kText, 1);
    for (int k = 0; double(k) * step <= span + 1e-9; ++k) {
        const double s = double(k) * step;
        const int x = l.left + int(std::lround(s / span * l.plot));
        cv::line(img, {x, y}, {x, y + 5}, kText, 1);
        drawText(img, QString::number(pic.source.startSeconds + s, 'g', 6), {x - 8, y + 18});
    }
    drawText(img, QStringLiteral("s"), {l.left + l.plot + 4, y + 18});
}

void drawColourBar(cv::Mat &img, const Layout &l, float lo, float hi)
{
    const int x = l.left + l.plot + 12, w = 14, top = l.panelTop(0), bottom = l.axisTop();
    cv::Mat ramp(bottom - top, 1, CV_8UC1);
    for (int r = 0; r < ramp.rows; ++r)
        ramp.at<std::uint8_t>(r, 0) =
            std::uint8_t(std::lround(255.0 * (ramp.rows - 1 - r) / std::max(1, ramp.rows - 1)));
    cv::Mat colour, wide;
    cv::applyColorMap(ramp, colour, cv::COLORMAP_INFERNO);
    cv::resize(colour, wide, cv::Size(w, ramp.rows), 0, 0, cv::INTER_NEAREST);
    wide.copyTo(img(cv::Rect(x, top, w, ramp.rows)));
    drawText(img, QString::number(hi, 'g', 3), {x + w + 3, top + 10}, 0.35);
    drawText(img, QString::number(lo, 'g', 3), {x + w + 3, bottom}, 0.35);
    if (lo < 0.0f && hi > 0.0f) { // where 0 (the masked input's value) sits
        const int y0 = bottom - int(std::lround(double(-lo) / double(hi - lo) * (bottom - top)));
        cv::line(img, {x - 3, y0}, {x + w, y0}, kText, 1);
        drawText(img, QStringLiteral("0"), {x + w + 3, y0 + 4}, 0.35);
    }
}

} // namespace

int reconstructionImageWidth(std::int64_t frames) { return layoutFor(frames, 1).width(); }
int reconstructionImageHeight(std::int64_t bins) { return layoutFor(1, bins).height(); }

Status writeReconstructionImage(const QString &pngPath, const ReconstructionPicture &pic)
{
    if (!pic.input || !pic.maskedInput || !pic.reconstruction || !pic.elementMask || pic.frames < 1 || pic.bins < 1)
        return makeError(QStringLiteral("invalid"),
                         QStringLiteral("reconstruction image %1: missing data or empty sizes").arg(pngPath));
    const Layout l = layoutFor(pic.frames, pic.bins);
    const std::int64_t n = pic.frames * pic.bins;
    const auto [minIt, maxIt] = std::minmax_element(pic.input, pic.input + n);
    const float lo = *minIt, hi = *maxIt;

    cv::Mat img(l.height(), l.width(), CV_8UC3, cv::Scalar(24, 24, 24));
    const cv::Mat mask = maskImage(pic.elementMask, pic.frames, pic.bins, l);
    std::vector<std::vector<cv::Point>> outline;
    cv::findContours(mask.clone(), outline, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    const float *panels[3] = {pic.input, pic.maskedInput, pic.reconstruction};
    const QString names[3] = {QStringLiteral("input (as the model sees it): boundaries cyan, masked shaded"),
                              QStringLiteral("masked input (masked patches zeroed)"),
                              QStringLiteral("reconstruction (audio decoder)")};
    const auto xOf = [&](std::int64_t frame) {
        return l.left + int(std::lround(double(frame) * l.plot / double(pic.frames)));
    };
    for (int i = 0; i < 3; ++i) {
        cv::Mat colour;
        cv::applyColorMap(scaled(greyImage(panels[i], pic.frames, pic.bins, lo, hi), l, pic.frames), colour,
                          cv::COLORMAP_INFERNO);
        if (i == 0) {
            cv::Mat white(colour.size(), colour.type(), cv::Scalar(255, 255, 255)), blend;
            cv::addWeighted(colour, 0.6, white, 0.4, 0.0, blend);
            blend.copyTo(colour, mask);
        }
        cv::drawContours(colour, outline, -1, kOutline, 1);
        const cv::Rect roi(l.left, l.panelTop(i), l.plot, l.panel);
        colour.copyTo(img(roi));
        drawText(img, names[i], {l.left, l.panelTop(i) - 5}, 0.4);
        drawText(img, QStringLiteral("mel"), {8, l.panelTop(i) + 14}, 0.35);
        if (pic.clipFrames > 0 && pic.clipFrames < pic.frames) {
            const int x = xOf(pic.clipFrames);
            cv::line(img, {x, roi.y}, {x, roi.y + roi.height - 1}, kPadding, 1);
            if (i == 0) // above the panel, ending at the line
                drawText(img, QStringLiteral("padding ->"), {x - 70, roi.y - 5}, 0.35);
        }
    }
    for (auto b : pic.boundaries) {
        const int x = xOf(b);
        cv::line(img, {x, l.panelTop(0)}, {x, l.panelTop(0) + l.panel - 1}, kBoundary, 1);
        cv::line(img, {x, l.axisTop()}, {x, l.axisTop() + 3}, kGrid, 1);
    }
    drawAxis(img, pic, l);
    drawColourBar(img, l, lo, hi);
    drawText(img, pic.title, {l.left, 19}, 0.45);

    return writePngFile(pngPath, img);
}

} // namespace avt::segments
