#pragma once
// Horizontal bar chart of clips per label for the rows the browser's filters leave (FacetCounts::labels),
// with the chosen label highlighted. GUI thread only.
#include "widgets/browser/clip_filter_model.h"

#include <qcustomplot.h>

namespace avt::widgets {

class ClassHistogram : public QCustomPlot {
    Q_OBJECT
public:
    explicit ClassHistogram(QWidget *parent = nullptr);

    // counts: label -> clips; highlighted: the label filter ("" = none).
    void setCounts(const QMap<QString, int> &counts, const QString &highlighted);
    // What is drawn now, in bar order (for tests).
    QStringList labels() const { return m_labels; }
    QList<int> values() const { return m_values; }

private:
    QCPBars *m_bars;
    QCPBars *m_highlight;
    QStringList m_labels;
    QList<int> m_values;
};

} // namespace avt::widgets
