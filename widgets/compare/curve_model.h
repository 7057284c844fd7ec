#pragma once
// The curves CurvePlot draws, built off the GUI thread: per run its values on the chosen x axis
// and their EMA (TensorBoard's smoothing), per group the statistics (mean and band) of its
// members' smoothed curves with the members themselves.
//
//   CurveRequest r;  r.folder = ws; r.metric = "train/loss"; r.axis = "step"; r.runs = ...;
//   auto latest = std::make_shared<std::atomic<quint64>>(r.generation);
//   std::shared_ptr<CurveModel> m = buildCurveModel(r, latest);   // on a background thread
//
// Curves missing from r.cached are read from the store (a connection of its own) and returned in
// m->loaded for the caller's cache. When *latest moves past r.generation the build stops early
// and says so (m->stale). Thread-safety: buildCurveModel touches nothing shared but *latest.
#include "widgets/compare/curve_plot.h"

#include "core/compare/run_records.h"
#include "core/compare/series.h"

#include <QHash>

#include <atomic>
#include <memory>
#include <vector>

namespace avt::widgets {

using CurveModelCurve = std::shared_ptr<const compare::Curve>;

// One curve of the model at full resolution, x on the chosen axis.
struct PlotCurve {
    enum class Kind { Run, Group, Member };
    Kind kind = Kind::Run;
    QString label; // run or group label
    QString group; // members: their group's label
    QColor colour;
    compare::Series shown;     // what is drawn: x and the smoothed (or, unsmoothed, raw) values
    std::vector<double> raw;   // raw values at shown.x (groups: the mean of the raw members)
    std::vector<double> lower; // groups: the band at shown.x
    std::vector<double> upper;
    std::vector<int> n; // groups: members with a value at shown.x
};

// What a background build is asked for: the plot's settings and the curves already loaded.
struct CurveRequest {
    quint64 generation = 0;
    QString folder;
    QString metric;
    QString axis;
    double smoothing = 0;
    compare::BandKind band = compare::BandKind::Std;
    QList<PlotRun> runs;
    QList<PlotGroup> groups;
    QHash<qint64, CurveModelCurve> cached; // of these runs, for this metric
};

// What it gives back: the curves as drawn, full resolution, and what it read from the store.
struct CurveModel {
    quint64 generation = 0;
    QString metric;
    bool stale = false;
    QHash<qint64, CurveModelCurve> loaded; // curves read from the store for this request
    QStringList errors;
    std::vector<PlotCurve> curves;
};
using CurveModelPtr = std::shared_ptr<const CurveModel>;

std::shared_ptr<CurveModel> buildCurveModel(const CurveRequest &r, const std::shared_ptr<std::atomic<quint64>> &latest);

} // namespace avt::widgets
