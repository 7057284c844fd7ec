#pragma once
// Curves of runs for the comparison view: one metric against step, epoch, wall time or
// relative time (wall time from each run's first point), linear or log axes, TensorBoard's EMA
// smoothing with the raw curve faint behind, groups drawn as their mean with a band (± std,
// min-max or 95% CI) and the members as thin lines, a cursor read-out of every visible curve,
// zoom / pan / reset. Curves load on backgroundPool() threads (each with its own store
// connection) and are drawn downsampled per pixel column (compare::downsampleMinMax) for the
// visible range; export and statistics use the full data.
//
//   auto *plot = new CurvePlot(parent);
//   plot->setWorkspace(folder);
//   plot->setMetricChoices(compare::metricIds(records));
//   plot->setRuns({{id, name, colour}, ...}, groups);   // loads what is missing, then draws
#include "core/compare/statistics.h"
#include "core/util/result.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

class QCustomPlot;

namespace avt::widgets {

struct PlotRun {
    qint64 runId = 0;
    QString label; // run name
    QColor colour;
};

struct PlotGroup {
    QString label;
    QColor colour;
    QList<qint64> runIds; // members (all of them also in the runs given to setRuns)
};

class CurvePlot : public QWidget {
    Q_OBJECT
public:
    explicit CurvePlot(QWidget *parent = nullptr);
    ~CurvePlot() override;

    void setWorkspace(const QString &folder); // forgets loaded curves
    void setMetricChoices(const QStringList &metricIds);
    // Runs to draw; with groups, each group is drawn as mean + band with its members thin.
    void setRuns(const QList<PlotRun> &runs, const QList<PlotGroup> &groups = {});

    void setMetric(const QString &metricId); // "train/loss", "test/top1", ...
    QString metric() const;
    void setXAxis(const QString &axis); // "step", "epoch", "wall", "relative"
    void setLogX(bool on);
    void setLogY(bool on);
    void setSmoothing(double weight); // 0 .. 0.999
    void setBand(compare::BandKind kind);
    void resetView(); // axes fitted to all visible data

    bool isLoading() const;
    QCustomPlot *plot() const;
    // The read-out at x: one line per visible curve ("run: value"), as the cursor shows it.
    QStringList readoutAt(double x) const;

    // PNG, SVG or PDF by the file's suffix.
    Status exportImage(const QString &path) const;
    // Long CSV of the plotted data: curve, x, raw value, smoothed value (and group mean / lower
    // / upper for groups), full resolution.
    Status exportCsv(const QString &path) const;

Q_SIGNALS:
    void drawn(); // after the curves of the current runs and metric are loaded and drawn

private:
    struct Private;
    Private *d;
};

} // namespace avt::widgets
