#include "widgets/compare/curve_model.h"

#include "core/store/workspace.h"

#include <QSet>

namespace avt::widgets {

namespace {

PlotCurve runCurve(const compare::Series &s, double smoothing)
{
    PlotCurve c;
    c.shown.x = s.x;
    c.shown.y = compare::emaSmooth(s.y, smoothing);
    c.raw = s.y;
    return c;
}

// A group's curve and its members' curves (members with data only; nothing without any).
std::vector<PlotCurve> groupCurves(const PlotGroup &g, const std::vector<const PlotRun *> &runs,
                                   const std::vector<compare::Series> &members, const CurveRequest &r)
{
    std::vector<PlotCurve> out;
    std::vector<compare::Series> smoothed;
    for (size_t i = 0; i < members.size(); ++i) {
        PlotCurve m = runCurve(members[i], r.smoothing);
        m.kind = PlotCurve::Kind::Member;
        m.label = runs[i]->label;
        m.group = g.label;
        m.colour = g.colour;
        smoothed.push_back(m.shown);
        out.push_back(std::move(m));
    }
    if (members.empty())
        return out;
    const compare::Band rawBand = compare::aggregate(members, r.band, true);
    const compare::Band band = r.smoothing > 0 ? compare::aggregate(smoothed, r.band, true) : rawBand;
    PlotCurve c;
    c.kind = PlotCurve::Kind::Group;
    c.label = g.label;
    c.colour = g.colour;
    c.shown.x = band.x;
    c.shown.y = band.mean;
    // Smoothing keeps which values are finite, so both bands have the same x.
    c.raw = rawBand.x.size() == band.x.size() ? rawBand.mean : band.mean;
    c.lower = band.lower;
    c.upper = band.upper;
    c.n = band.n;
    out.insert(out.begin(), std::move(c));
    return out;
}

} // namespace

// Runs on a background thread: loads what the cache lacks, then builds the curves.
std::shared_ptr<CurveModel> buildCurveModel(const CurveRequest &r, const std::shared_ptr<std::atomic<quint64>> &latest)
{
    auto model = std::make_shared<CurveModel>();
    model->generation = r.generation;
    model->metric = r.metric;
    const auto stale = [&] { return latest->load() != r.generation; };
    QList<qint64> missing;
    for (const PlotRun &run : r.runs)
        if (!r.cached.contains(run.runId) && !missing.contains(run.runId))
            missing << run.runId;
    if (!missing.isEmpty() && !r.folder.isEmpty() && !r.metric.isEmpty()) {
        auto ws = store::Workspace::open(r.folder);
        if (!ws) {
            model->errors << ws.error().message;
        } else {
            for (qint64 id : missing) {
                if (stale()) {
                    model->stale = true;
                    return model;
                }
                auto curve = compare::loadCurve((*ws)->db(), id, r.metric);
                if (curve)
                    model->loaded.insert(id, std::make_shared<const compare::Curve>(std::move(*curve)));
                else
                    model->errors << curve.error().message;
            }
        }
    }
    const auto curveOf = [&](qint64 id) -> CurveModelCurve {
        const CurveModelCurve c = r.cached.value(id);
        return c ? c : model->loaded.value(id);
    };
    QHash<qint64, const PlotRun *> byId;
    for (const PlotRun &run : r.runs)
        byId.insert(run.runId, &run);
    QSet<qint64> grouped;
    std::vector<PlotCurve> groups;
    for (const PlotGroup &g : r.groups) {
        std::vector<const PlotRun *> runs;
        std::vector<compare::Series> members;
        for (qint64 id : g.runIds) {
            grouped.insert(id);
            const CurveModelCurve c = curveOf(id);
            if (!byId.contains(id) || !c)
                continue;
            compare::Series s = c->by(r.axis);
            if (s.empty())
                continue;
            runs.push_back(byId.value(id));
            members.push_back(std::move(s));
        }
        for (PlotCurve &c : groupCurves(g, runs, members, r))
            groups.push_back(std::move(c));
        if (stale()) {
            model->stale = true;
            return model;
        }
    }
    for (const PlotRun &run : r.runs) {
        const CurveModelCurve c = curveOf(run.runId);
        if (grouped.contains(run.runId) || !c)
            continue;
        const compare::Series s = c->by(r.axis);
        if (s.empty())
            continue;
        PlotCurve pc = runCurve(s, r.smoothing);
        pc.label = run.label;
        pc.colour = run.colour;
        model->curves.push_back(std::move(pc));
    }
    for (PlotCurve &c : groups)
        model->curves.push_back(std::move(c));
    model->stale = stale();
    return model;
}

} // namespace avt::widgets
