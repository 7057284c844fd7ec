#pragma once
// A group's band in CurvePlot: the area between its lower and upper graphs, filled per pixel
// column over both curves' extent in the column. (A channel fill, a polygon between two noisy
// curves of thousands of points, takes QPainter seconds; columns take a millisecond.) On screen
// the columns are written into one image; vector output (PDF, SVG) gets one polygon per run of
// covered columns instead of hundreds of thin rectangles.
//
//   auto *fill = new BandFill(lowerGraph, upperGraph);   // owned by the plot, like any plottable
//   fill->setBrush(colour);
#include <qcustomplot.h>

namespace avt::widgets {

struct ColumnCover;

class BandFill : public QCPAbstractPlottable {
public:
    BandFill(QCPGraph *lower, QCPGraph *upper);
    double selectTest(const QPointF &, bool, QVariant * = nullptr) const override { return -1; }
    QCPRange getKeyRange(bool &found, QCP::SignDomain domain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool &found, QCP::SignDomain domain = QCP::sdBoth,
                           const QCPRange &inKeyRange = QCPRange()) const override;

protected:
    void draw(QCPPainter *painter) override;
    void drawLegendIcon(QCPPainter *painter, const QRectF &rect) const override;

private:
    void drawRaster(QCPPainter *painter, const ColumnCover &cover, const QRect &rect) const;

    QCPGraph *m_lower, *m_upper;
};

} // namespace avt::widgets
