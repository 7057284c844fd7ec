#include "widgets/explain/cam_images.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace avt::widgets {

namespace {

inline int level(float v, double scale) { return std::clamp(int(std::lround(double(v) * scale * 255.0)), 0, 255); }

inline std::uint8_t mix(std::uint8_t a, std::uint32_t b, double alpha)
{
    return std::uint8_t(std::clamp(std::lround((1.0 - alpha) * a + alpha * double(b)), 0L, 255L));
}

void blendPixel(std::uint8_t *px, std::uint32_t rgb, double alpha)
{
    px[0] = mix(px[0], (rgb >> 16) & 0xff, alpha);
    px[1] = mix(px[1], (rgb >> 8) & 0xff, alpha);
    px[2] = mix(px[2], rgb & 0xff, alpha);
}

bool hasFrame(const gradcam::ViewResult &v, int t)
{
    return t >= 0 && t < v.frameCount && v.frameSize > 0
           && v.frames.size() >= size_t(v.frameCount) * size_t(v.frameSize) * size_t(v.frameSize) * 3;
}

// Grey picture of the fbank, F rows (flipped) x T columns, RGB888.
QImage spectrogramBase(const gradcam::ViewResult &v)
{
    if (v.fbank.shape.size() != 2)
        return {};
    const int T = int(v.fbank.dim(0)), F = int(v.fbank.dim(1));
    const auto [lo, hi] = std::minmax_element(v.fbank.values.begin(), v.fbank.values.end());
    const double span = *hi > *lo ? double(*hi - *lo) : 1.0;
    QImage img(T, F, QImage::Format_RGB888);
    for (int f = 0; f < F; ++f) {
        std::uint8_t *row = img.scanLine(F - 1 - f);
        for (int t = 0; t < T; ++t) {
            const auto g = std::uint8_t(std::lround((double(v.fbank.values[size_t(t) * F + f]) - *lo) / span * 255.0));
            row[3 * t] = row[3 * t + 1] = row[3 * t + 2] = g;
        }
    }
    return img;
}

bool sameShape(const gradcam::ViewArray &a, const gradcam::ViewArray &b)
{
    return !a.empty() && a.shape == b.shape && a.values.size() == b.values.size();
}

} // namespace

std::uint32_t differenceColour(double x)
{
    x = std::clamp(x, -1.0, 1.0);
    const auto c = [](double v) { return std::uint32_t(std::clamp(std::lround(v * 255.0), 0L, 255L)); };
    // White at 0, towards (0.13, 0.4, 0.85) for -1 and (0.85, 0.13, 0.13) for +1.
    const double t = std::abs(x);
    const double r = x < 0 ? 1.0 - t * 0.87 : 1.0 - t * 0.15;
    const double g = x < 0 ? 1.0 - t * 0.6 : 1.0 - t * 0.87;
    const double b = x < 0 ? 1.0 - t * 0.15 : 1.0 - t * 0.87;
    return (c(r) << 16) | (c(g) << 8) | c(b);
}

QImage plainFrame(const gradcam::ViewResult &v, int t)
{
    if (!hasFrame(v, t))
        return {};
    const int S = v.frameSize;
    const std::uint8_t *src = v.frames.data() + size_t(t) * S * S * 3;
    QImage img(S, S, QImage::Format_RGB888);
    for (int y = 0; y < S; ++y)
        std::copy(src + size_t(y) * S * 3, src + size_t(y + 1) * S * 3, img.scanLine(y));
    return img;
}

QImage camFrame(const gradcam::ViewResult &v, int t, const ColourTable &colours, double alpha, double scale,
                bool drawBox)
{
    QImage img = plainFrame(v, t);
    if (img.isNull())
        return img;
    const int S = v.frameSize;
    if (v.videoMap.shape.size() == 3 && v.videoMap.dim(0) > t && v.videoMap.dim(1) == S && v.videoMap.dim(2) == S) {
        const float *m = v.videoMap.values.data() + size_t(t) * S * S;
        for (int y = 0; y < S; ++y) {
            std::uint8_t *row = img.scanLine(y);
            for (int x = 0; x < S; ++x)
                blendPixel(row + 3 * x, colours[size_t(level(m[size_t(y) * S + x], scale))], alpha);
        }
    }
    if (drawBox && t < int(v.boxes.size())) {
        const auto &b = v.boxes[size_t(t)];
        QPainter p(&img);
        p.setPen(QPen(Qt::white, std::max(1.0, S / 112.0), Qt::DashLine));
        p.drawRect(QRectF(b[0], b[1], b[2] - b[0], b[3] - b[1]).adjusted(0, 0, -1, -1));
    }
    return img;
}

QImage camSpectrogram(const gradcam::ViewResult &v, const ColourTable &colours, double alpha, double scale)
{
    QImage img = spectrogramBase(v);
    if (img.isNull() || !sameShape(v.fbank, v.audioMap))
        return img;
    const int T = int(v.fbank.dim(0)), F = int(v.fbank.dim(1));
    for (int f = 0; f < F; ++f) {
        std::uint8_t *row = img.scanLine(F - 1 - f);
        for (int t = 0; t < T; ++t)
            blendPixel(row + 3 * t, colours[size_t(level(v.audioMap.values[size_t(t) * F + f], scale))], alpha);
    }
    return img;
}

QImage camDifference(const gradcam::ViewResult &a, double scaleA, const gradcam::ViewResult &b, double scaleB, int t,
                     double alpha)
{
    if (!sameShape(a.videoMap, b.videoMap) || a.frameSize != b.frameSize)
        return {};
    QImage img = plainFrame(a, t);
    if (img.isNull())
        return img;
    const int S = a.frameSize;
    const float *ma = a.videoMap.values.data() + size_t(t) * S * S;
    const float *mb = b.videoMap.values.data() + size_t(t) * S * S;
    for (int y = 0; y < S; ++y) {
        std::uint8_t *row = img.scanLine(y);
        for (int x = 0; x < S; ++x) {
            const size_t i = size_t(y) * S + x;
            blendPixel(row + 3 * x, differenceColour(ma[i] * scaleA - mb[i] * scaleB), alpha);
        }
    }
    return img;
}

QImage camSpectrogramDifference(const gradcam::ViewResult &a, double scaleA, const gradcam::ViewResult &b,
                                double scaleB, double alpha)
{
    if (!sameShape(a.audioMap, b.audioMap) || !sameShape(a.fbank, a.audioMap))
        return {};
    QImage img = spectrogramBase(a);
    const int T = int(a.fbank.dim(0)), F = int(a.fbank.dim(1));
    for (int f = 0; f < F; ++f) {
        std::uint8_t *row = img.scanLine(F - 1 - f);
        for (int t = 0; t < T; ++t) {
            const size_t i = size_t(t) * F + f;
            blendPixel(row + 3 * t, differenceColour(a.audioMap.values[i] * scaleA - b.audioMap.values[i] * scaleB),
                       alpha);
        }
    }
    return img;
}

} // namespace avt::widgets
