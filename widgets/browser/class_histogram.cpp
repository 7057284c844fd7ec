#include "widgets/browser/class_histogram.h"

namespace avt::widgets {

ClassHistogram::ClassHistogram(QWidget *parent)
    : QCustomPlot(parent), m_bars(new QCPBars(yAxis, xAxis)), m_highlight(new QCPBars(yAxis, xAxis))
{
    const QColor base = palette().color(QPalette::Highlight);
    m_bars->setBrush(base.lighter(140));
    m_bars->setPen(QPen(base.darker(110)));
    m_highlight->setBrush(base);
    m_highlight->setPen(QPen(base.darker(130)));
    m_bars->setWidth(0.7);
    m_highlight->setWidth(0.7);
    // Horizontal bars: the labels (often long) read left to right, first label on top.
    yAxis->grid()->setVisible(false);
    yAxis->setSubTicks(false);
    yAxis->setTickLength(0, 0);
    yAxis->setRangeReversed(true);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    yAxis->setTickLabelFont(small);
    xAxis->setLabel(tr("Clips"));
    setMinimumHeight(150);
    setBackground(palette().color(QPalette::Base));
}

void ClassHistogram::setCounts(const QMap<QString, int> &counts, const QString &highlighted)
{
    m_labels = counts.keys();
    m_values = counts.values();
    QVector<double> keys, values, hiKeys, hiValues;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    int maxValue = 0;
    for (int i = 0; i < m_labels.size(); ++i) {
        ticker->addTick(i + 1, m_labels[i]);
        maxValue = std::max(maxValue, m_values[i]);
        if (m_labels[i] == highlighted) {
            hiKeys << i + 1;
            hiValues << m_values[i];
        } else {
            keys << i + 1;
            values << m_values[i];
        }
    }
    yAxis->setTicker(ticker);
    m_bars->setData(keys, values, true);
    m_highlight->setData(hiKeys, hiValues, true);
    yAxis->setRange(0.4, std::max<qsizetype>(1, m_labels.size()) + 0.6);
    xAxis->setRange(0, std::max(1.0, maxValue * 1.1));
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace avt::widgets
