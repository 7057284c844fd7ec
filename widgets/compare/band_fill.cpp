#include "widgets/compare/band_fill.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace avt::widgets {

// The pixel rows a curve covers in each pixel column of the axis rect, lines between its points
// included (top <= bottom where covered).
struct ColumnCover {
    int left = 0;
    std::vector<double> top, bottom;
    ColumnCover(int left, int width)
        : left(left), top(size_t(std::max(width, 0)), std::numeric_limits<double>::infinity()),
          bottom(size_t(std::max(width, 0)), -std::numeric_limits<double>::infinity())
    {}
    void extend(int column, double y)
    {
        if (column < 0 || column >= int(top.size()))
            return;
        top[size_t(column)] = std::min(top[size_t(column)], y);
        bottom[size_t(column)] = std::max(bottom[size_t(column)], y);
    }
    // The segment from (ax, ay) to (bx, by), in pixels, ax <= bx.
    void segment(double ax, double ay, double bx, double by)
    {
        const int first = std::max(int(std::floor(ax)) - left, 0);
        const int last = std::min(int(std::floor(bx)) - left, int(top.size()) - 1);
        for (int c = first; c <= last; ++c) {
            const double xs = std::max(ax, double(left + c)), xe = std::min(bx, double(left + c + 1));
            const double slope = bx > ax ? (by - ay) / (bx - ax) : 0;
            extend(c, ay + (xs - ax) * slope);
            extend(c, ay + (xe - ax) * slope);
        }
    }
    void add(const QCPGraphDataContainer &data, const QCPAxis *keyAxis, const QCPAxis *valueAxis)
    {
        const QCPRange range = keyAxis->range();
        bool previous = false;
        double px0 = 0, py0 = 0;
        for (auto it = data.findBegin(range.lower); it != data.findEnd(range.upper); ++it) {
            const double px = keyAxis->coordToPixel(it->key), py = valueAxis->coordToPixel(it->value);
            if (!std::isfinite(px) || !std::isfinite(py)) {
                previous = false; // a gap
                continue;
            }
            if (!previous)
                extend(int(std::floor(px)) - left, py);
            else if (px0 <= px)
                segment(px0, py0, px, py);
            else
                segment(px, py, px0, py0);
            px0 = px, py0 = py;
            previous = true;
        }
    }
};

BandFill::BandFill(QCPGraph *lower, QCPGraph *upper)
    : QCPAbstractPlottable(lower->keyAxis(), lower->valueAxis()), m_lower(lower), m_upper(upper)
{
    setPen(Qt::NoPen);
}

QCPRange BandFill::getKeyRange(bool &found, QCP::SignDomain domain) const
{
    return m_lower->getKeyRange(found, domain);
}

QCPRange BandFill::getValueRange(bool &found, QCP::SignDomain domain, const QCPRange &inKeyRange) const
{
    bool lowFound = false, highFound = false;
    QCPRange low = m_lower->getValueRange(lowFound, domain, inKeyRange);
    const QCPRange high = m_upper->getValueRange(highFound, domain, inKeyRange);
    found = lowFound || highFound;
    if (lowFound && highFound)
        low.expand(high);
    return lowFound ? low : high;
}

void BandFill::draw(QCPPainter *painter)
{
    const QRect rect = keyAxis()->axisRect()->rect();
    ColumnCover cover(rect.left(), rect.width());
    cover.add(*m_lower->data(), keyAxis(), valueAxis());
    cover.add(*m_upper->data(), keyAxis(), valueAxis());
    const auto covered = [&](size_t c) { return cover.top[c] <= cover.bottom[c]; };
    const size_t n = cover.top.size();
    if (!painter->modes().testFlag(QCPPainter::pmVectorized)) {
        drawRaster(painter, cover, rect);
        return;
    }
    applyFillAntialiasingHint(painter);
    painter->setPen(Qt::NoPen);
    painter->setBrush(brush());
    for (size_t c = 0; c < n;) {
        if (!covered(c)) {
            ++c;
            continue;
        }
        QPolygonF outline;
        size_t end = c;
        for (; end < n && covered(end); ++end)
            outline << QPointF(cover.left + double(end) + 0.5, cover.top[end]);
        for (size_t i = end; i-- > c;)
            outline << QPointF(cover.left + double(i) + 0.5, cover.bottom[i]);
        painter->drawPolygon(outline);
        c = end;
    }
}

void BandFill::drawLegendIcon(QCPPainter *painter, const QRectF &rect) const { painter->fillRect(rect, brush()); }

// On screen the columns are written into an image, edge pixels by their coverage, and drawn
// at once: QPainter blends one span per pixel row of a one pixel wide rectangle, some
// hundred nanoseconds each, so a band of tall columns took tens of milliseconds.
void BandFill::drawRaster(QCPPainter *painter, const ColumnCover &cover, const QRect &rect) const
{
    double y0 = rect.bottom() + 1, y1 = rect.top();
    for (size_t c = 0; c < cover.top.size(); ++c)
        if (cover.top[c] <= cover.bottom[c]) {
            y0 = std::min(y0, std::floor(cover.top[c]));
            y1 = std::max(y1, std::ceil(cover.bottom[c]) + 1);
        }
    y0 = std::max(y0, double(rect.top()));
    y1 = std::min(y1, double(rect.bottom() + 1));
    if (!(y0 < y1) || cover.top.empty())
        return;
    const int top = int(y0), height = int(y1) - top;
    QImage image(int(cover.top.size()), height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    const QRgb colour = brush().color().rgba();
    const auto shade = [&](double coverage) {
        return qPremultiply(qRgba(qRed(colour), qGreen(colour), qBlue(colour), int(qAlpha(colour) * coverage)));
    };
    const QRgb full = shade(1.0);
    uchar *bits = image.bits();
    const qsizetype stride = image.bytesPerLine();
    for (size_t c = 0; c < cover.top.size(); ++c) {
        if (!(cover.top[c] <= cover.bottom[c]))
            continue;
        double from = std::clamp(cover.top[c], y0, y1), to = std::clamp(cover.bottom[c], y0, y1);
        if (to - from < 1) // at least one pixel, so a narrow band stays visible
            to = std::min(from + 1, y1), from = std::max(to - 1, y0);
        for (int y = int(std::floor(from)); y < int(std::ceil(to)); ++y) {
            const double coverage = std::min(double(y + 1), to) - std::max(double(y), from);
            reinterpret_cast<QRgb *>(bits + (y - top) * stride)[c] = coverage >= 0.999 ? full : shade(coverage);
        }
    }
    painter->drawImage(QPointF(cover.left, top), image);
}

} // namespace avt::widgets
