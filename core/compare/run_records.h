#pragma once
// The runs of a workspace as the comparison views and `runs compare | export` see them: one
// record per run with its flattened config and a summary of every metric (from the store's
// metric_summaries table, so listing thousands of runs reads two small tables), curves loaded
// on demand, summaries at a step / at the best epoch of a metric / at the end, config
// differences and groups (seeds collapsed).
#include "core/compare/series.h"
#include "core/store/run_store.h"
#include "core/util/result.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

namespace avt::store {
class Database;
}

namespace avt::compare {

// A metric is named "split/name": "train/loss", "train/loss.avc", "train/lr", "test/top1".
QString metricId(const QString &split, const QString &name);
QString metricSplit(const QString &id);
QString metricName(const QString &id);
// Whether larger is better for this metric (accuracies) or smaller (losses, times).
bool higherIsBetter(const QString &id);

struct MetricSummary {
    qint64 points = 0;
    qint64 lastStep = 0;
    int lastEpoch = 0;
    double last = 0;
    double min = 0, max = 0;
    qint64 minStep = 0, maxStep = 0;
    double lastWall = 0; // seconds since the run started, at its last point
    // The best value and its step, as higherIsBetter(id) decides.
    double best(const QString &id) const;
    qint64 bestStep(const QString &id) const;
};

struct RunRecord {
    store::RunInfo info;
    QString status;                        // effectiveStatus(info)
    QString dataset;                       // the dataset's name, empty when none
    QString preset;                        // model.preset of the config
    QMap<QString, QString> config;         // flattened: "losses.avc" -> "0.5"; keys outside model.*
                                           // that the stored config lacks (a run older than the
                                           // key) hold the key's default
    QHash<QString, MetricSummary> metrics; // by metricId
    double durationSeconds = 0;            // the largest wall time recorded
};

// Every run of the workspace, in id order.
Result<QList<RunRecord>> loadRunRecords(store::Database &db);

// The metric ids present in these runs, sorted (train metrics first).
QStringList metricIds(const QList<RunRecord> &runs);

// Config keys whose values are not the same in all of these runs, sorted; run.name (which
// names a run rather than configures it) is never one. With ignoreSeed, run.seed is left out
// too (the key that tells seeds of one configuration apart).
QStringList differingKeys(const QList<const RunRecord *> &runs, bool ignoreSeed = false);
QStringList differingKeys(const QList<RunRecord> &runs, bool ignoreSeed = false);

struct Curve {
    std::vector<double> step, epoch, wall, value; // ascending step
    Series by(const QString &axis) const;         // axis: "step", "epoch", "wall", "relative"
};
// One metric of one run, in step order. An unknown metric gives an empty curve.
Result<Curve> loadCurve(store::Database &db, qint64 runId, const QString &metricId);

// Writes the packed copy of every metric of a run that lacks a current one (what loadCurve
// would write on first reading), so the run's curves open fast the first time they are
// plotted. `train` and `ablate` call it when a run ends; best effort: a store that cannot be
// written is left as it is. Returns the number of curves packed.
Result<int> packCurves(store::Database &db, qint64 runId);

enum class SummaryAt { End, Step, Best };
struct SummarySpec {
    SummaryAt at = SummaryAt::End;
    qint64 step = 0;      // At::Step: values at the last point at or before this step
    QString bestMetricId; // At::Best: values at the step where this metric was best
};
// The values of `ids` for one run under the spec (NaN where the run has no value); also the
// step the values were taken at (-1 when the run has none).
struct SummaryValues {
    qint64 step = -1;
    QHash<QString, double> values;
};
Result<SummaryValues> summarize(store::Database &db, const RunRecord &run, const QStringList &ids,
                                const SummarySpec &spec);
QString describeSpec(const SummarySpec &spec);
// "end", "step=N" or "best=split/name" (as `runs --at` takes it); an error names the text.
Result<SummarySpec> parseSpec(const QString &text);

struct RunGroup {
    QString label;             // "fusion.mode=avt, losses.avc=0.5" (the group keys' values)
    QMap<QString, QString> by; // the group keys and their values
    QList<int> members;        // indexes into the runs
};
// Runs grouped by the values of `keys` (in first-seen order). Empty keys: one group per run.
QList<RunGroup> groupBy(const QList<RunRecord> &runs, const QList<int> &indexes, const QStringList &keys);
// Seeds collapsed: grouped by every key that differs among these runs except run.seed. A group
// of one run is labelled with its name, seeds named "<name>-seed<N>" with <name>.
QList<RunGroup> groupSeeds(const QList<RunRecord> &runs, const QList<int> &indexes);

} // namespace avt::compare
