#include "widgets/inspector/segment_plot.h"

#include "widgets/common/colour_maps.h"
#include "widgets/common/spectrogram_data.h"

#include <QFileInfo>

namespace avt::widgets {

SegmentPlot::SegmentPlot(QWidget *parent) : QCustomPlot(parent)
{
    plotLayout()->clear();
    m_title = new QCPTextElement(this, QString(), QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    m_specRect = new QCPAxisRect(this);
    m_activityRect = new QCPAxisRect(this);
    m_scale = new QCPColorScale(this);
    plotLayout()->addElement(0, 0, m_title);
    plotLayout()->addElement(1, 0, m_specRect);
    plotLayout()->addElement(1, 1, m_scale);
    plotLayout()->addElement(2, 0, m_activityRect);
    plotLayout()->setRowStretchFactor(0, 0.01);
    plotLayout()->setRowStretchFactor(1, 3);
    plotLayout()->setRowStretchFactor(2, 1);
    plotLayout()->setColumnStretchFactor(1, 0.01);

    // Both rects share their left/right margins so the time axes line up.
    auto *margins = new QCPMarginGroup(this);
    m_specRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_activityRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    // The colour scale lines up with the spectrogram's top and bottom.
    auto *vertical = new QCPMarginGroup(this);
    m_specRect->setMarginGroup(QCP::msTop | QCP::msBottom, vertical);
    m_scale->setMarginGroup(QCP::msTop | QCP::msBottom, vertical);

    m_map = new QCPColorMap(m_specRect->axis(QCPAxis::atBottom), m_specRect->axis(QCPAxis::atLeft));
    m_map->setInterpolate(false);
    m_map->setColorScale(m_scale);
    m_scale->setType(QCPAxis::atRight);
    m_scale->axis()->setLabel(tr("Normalised log-mel"));
    m_specRect->axis(QCPAxis::atLeft)->setLabel(tr("Mel bin"));
    m_specRect->axis(QCPAxis::atBottom)->setTickLabels(false);

    m_activity = new QCPGraph(m_activityRect->axis(QCPAxis::atBottom), m_activityRect->axis(QCPAxis::atLeft));
    m_activity->setPen(QPen(QColor(30, 90, 200), 1.5));
    m_activity->setName(tr("Activity"));
    m_activityRect->axis(QCPAxis::atBottom)->setLabel(tr("Time (s)"));
    m_activityRect->axis(QCPAxis::atLeft)->setLabel(tr("Activity"));

    // Zooming / panning the time axis of one rect moves the other.
    QCPAxis *specX = m_specRect->axis(QCPAxis::atBottom);
    QCPAxis *actX = m_activityRect->axis(QCPAxis::atBottom);
    connect(specX, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), actX,
            qOverload<const QCPRange &>(&QCPAxis::setRange));
    connect(actX, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), specX,
            qOverload<const QCPRange &>(&QCPAxis::setRange));
    for (QCPAxisRect *r : {m_specRect, m_activityRect}) {
        r->setRangeDrag(Qt::Horizontal);
        r->setRangeZoom(Qt::Horizontal);
    }
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setColourMap(0);
    setMinimumSize(400, 240);
}

void SegmentPlot::setTitle(const QString &title)
{
    m_title->setText(title);
    replot(rpQueuedReplot);
}

void SegmentPlot::setColourMap(int index)
{
    const auto choices = colourMapChoices();
    m_map->setGradient(QCPColorGradient(choices.value(index, choices.front()).preset));
    replot(rpQueuedReplot);
}

void SegmentPlot::clearOverlayItems()
{
    for (const auto *list : {&m_boundaryItems, &m_maskItems, &m_otherItems})
        for (QCPAbstractItem *item : *list)
            removeItem(item);
    m_boundaryItems.clear();
    m_maskItems.clear();
    m_otherItems.clear();
}

void SegmentPlot::clearAll()
{
    clearOverlayItems();
    m_map->data()->clear();
    m_activity->data()->clear();
    m_frames = m_contentFrames = 0;
    replot(rpQueuedReplot);
}

QCPItemRect *SegmentPlot::addSpanRect(QCPAxisRect *rect, double x0, double x1, const QBrush &brush, double yLow,
                                      double yHigh)
{
    auto *item = new QCPItemRect(this);
    item->setClipAxisRect(rect);
    for (QCPItemPosition *p : {item->topLeft, item->bottomRight})
        p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    item->topLeft->setCoords(x0, yHigh);
    item->bottomRight->setCoords(x1, yLow);
    item->setPen(Qt::NoPen);
    item->setBrush(brush);
    return item;
}

void SegmentPlot::setInput(const preview::ModelAudioInput &input)
{
    clearOverlayItems();
    m_activity->data()->clear();
    m_bins = input.input.bins;
    m_frames = input.input.frames;
    m_contentFrames = input.contentFrames;
    setSpectrogramData(m_map, input.input);
    const double seconds = std::max<double>(1, m_frames) * kFrameHopS;
    m_specRect->axis(QCPAxis::atBottom)->setRange(0, seconds);
    m_specRect->axis(QCPAxis::atLeft)->setRange(-0.5, m_bins - 0.5);
    replot(rpQueuedReplot);
}

void SegmentPlot::setOverlay(const preview::SegmentOverlay &overlay)
{
    clearOverlayItems();
    const auto &seg = overlay.segmentation;
    QVector<double> t(qsizetype(seg.activity.size())), a(qsizetype(seg.activity.size()));
    double top = 0;
    for (size_t f = 0; f < seg.activity.size(); ++f) {
        t[qsizetype(f)] = (double(f) + 0.5) * kFrameHopS;
        a[qsizetype(f)] = seg.activity[f];
        top = std::max(top, seg.activity[f]);
    }
    m_activity->setData(t, a, true);
    m_activityRect->axis(QCPAxis::atLeft)->setRange(0, top > 0 ? top * 1.08 : 1.0);

    const double yHigh = m_bins - 0.5;
    // Masked segments: shaded over the spectrogram and the activity curve.
    const QBrush maskBrush(QColor(255, 255, 255, 110), Qt::SolidPattern);
    const QBrush maskBrushLow(QColor(230, 60, 40, 70));
    for (const model::FrameSpan &s : overlay.maskedSpans) {
        m_maskItems << addSpanRect(m_specRect, s.start * kFrameHopS, s.end * kFrameHopS, maskBrush, -0.5, yHigh);
        m_maskItems << addSpanRect(m_activityRect, s.start * kFrameHopS, s.end * kFrameHopS, maskBrushLow, 0, 1e12);
    }
    // The AST time patches that end up masked: a strip along the top of the spectrogram.
    const double strip = std::max(2.0, m_bins * 0.05);
    for (const model::FrameSpan &s : overlay.maskedPatches)
        m_otherItems << addSpanRect(m_specRect, s.start * kFrameHopS, s.end * kFrameHopS,
                                    QBrush(QColor(230, 60, 40, 220)), yHigh - strip, yHigh);
    // Padding the model sees after the clip's own frames.
    if (m_contentFrames < m_frames)
        m_otherItems << addSpanRect(m_specRect, m_contentFrames * kFrameHopS, m_frames * kFrameHopS,
                                    QBrush(QColor(128, 128, 128, 90), Qt::BDiagPattern), -0.5, yHigh);
    // Boundaries: one line through both rects each.
    const QPen pen(QColor(255, 220, 0), 1.0, Qt::DashLine);
    for (std::int64_t b : seg.boundaries) {
        for (QCPAxisRect *rect : {m_specRect, m_activityRect}) {
            auto *line = new QCPItemStraightLine(this);
            line->setClipAxisRect(rect);
            for (QCPItemPosition *p : {line->point1, line->point2})
                p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
            line->point1->setCoords(b * kFrameHopS, 0);
            line->point2->setCoords(b * kFrameHopS, 1);
            line->setPen(rect == m_specRect ? pen : QPen(QColor(200, 140, 0), 1.0, Qt::DashLine));
            m_boundaryItems << line;
        }
    }
    replot(rpQueuedReplot);
}

bool SegmentPlot::exportTo(const QString &path, QString *message)
{
    const bool pdf = QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0;
    const bool ok = pdf ? savePdf(path, width(), height()) : savePng(path, width(), height(), 2.0);
    if (!ok && message)
        *message = tr("Cannot write %1").arg(path);
    return ok;
}

} // namespace avt::widgets
