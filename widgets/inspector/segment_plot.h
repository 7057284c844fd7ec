#pragma once
// The segment inspector's drawing: the model's input spectrogram (QCPColorMap; seconds across,
// mel bins up, with a colour scale), the activity curve under it on the same time axis,
// detected boundaries as lines through both, masked segments shaded, the AST time patches
// they mask marked, and the padded tail of the input hatched.
//
// It only draws what it is given (SegmentInspector computes). GUI thread only.
#include "core/preview/model_input.h"
#include "core/preview/segment_overlay.h"

#include <qcustomplot.h>

namespace avt::widgets {

class SegmentPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit SegmentPlot(QWidget *parent = nullptr);

    void setInput(const preview::ModelAudioInput &input);
    void setOverlay(const preview::SegmentOverlay &overlay);
    void clearAll();
    void setColourMap(int index);
    void setTitle(const QString &title);

    // Writes the view to path: PDF for ".pdf", else a PNG at twice the screen resolution.
    // False (with message) when the file cannot be written.
    bool exportTo(const QString &path, QString *message = nullptr);

    // What is drawn (for tests).
    int boundaryCount() const { return int(m_boundaryItems.size()) / 2; } // one line per rect each
    int shadedSegmentCount() const { return int(m_maskItems.size()); }
    QCPColorMap *colourMap() const { return m_map; }
    QCPGraph *activityGraph() const { return m_activity; }

private:
    void clearOverlayItems();
    QCPItemRect *addSpanRect(QCPAxisRect *rect, double x0, double x1, const QBrush &brush, double yLow, double yHigh);

    QCPTextElement *m_title;
    QCPAxisRect *m_specRect;
    QCPAxisRect *m_activityRect;
    QCPColorMap *m_map;
    QCPColorScale *m_scale;
    QCPGraph *m_activity;
    QList<QCPAbstractItem *> m_boundaryItems;
    QList<QCPAbstractItem *> m_maskItems;
    QList<QCPAbstractItem *> m_otherItems; // patch marks, padding
    int m_bins = 128;
    std::int64_t m_frames = 0;
    std::int64_t m_contentFrames = 0;
};

} // namespace avt::widgets
