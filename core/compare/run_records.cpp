#include "core/compare/run_records.h"

#include "core/store/database.h"
#include "core/train/run_config.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace avt::compare {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Error sqlError(const QString &what, const QString &detail)
{
    return {QStringLiteral("sql"), QStringLiteral("%1: %2").arg(what, detail)};
}

// Train metrics first, then the others by split; inside a split by name.
bool metricOrder(const QString &a, const QString &b)
{
    const bool ta = metricSplit(a) == QLatin1String("train"), tb = metricSplit(b) == QLatin1String("train");
    if (ta != tb)
        return ta;
    return a < b;
}

} // namespace

QString metricId(const QString &split, const QString &name) { return split + QLatin1Char('/') + name; }

QString metricSplit(const QString &id) { return id.section(QLatin1Char('/'), 0, 0); }

QString metricName(const QString &id) { return id.section(QLatin1Char('/'), 1); }

bool higherIsBetter(const QString &id)
{
    const QString name = metricName(id).isEmpty() ? id : metricName(id);
    return name.startsWith(QLatin1String("top")) || name.endsWith(QLatin1String("top1"))
           || name.endsWith(QLatin1String("top5")) || name.contains(QLatin1String("acc"))
           || name.contains(QLatin1String("map"));
}

double MetricSummary::best(const QString &id) const { return higherIsBetter(id) ? max : min; }

qint64 MetricSummary::bestStep(const QString &id) const { return higherIsBetter(id) ? maxStep : minStep; }

namespace {

// The default of every key outside model.* (whose defaults depend on the preset), flattened as
// stored configs are: a run stored before a key existed ran as its default, and shows so.
const QMap<QString, QString> &nonModelDefaults()
{
    static const QMap<QString, QString> defaults = [] {
        QMap<QString, QString> all = train::flattenJson(train::RunConfig().toJson());
        for (auto it = all.begin(); it != all.end();)
            it = it.key().startsWith(QLatin1String("model.")) ? all.erase(it) : std::next(it);
        return all;
    }();
    return defaults;
}

} // namespace

Result<QList<RunRecord>> loadRunRecords(store::Database &db)
{
    auto runs = store::listRuns(db);
    if (!runs)
        return runs.error();
    QHash<qint64, QString> datasets;
    {
        store::Statement q = db.prepare(QStringLiteral("SELECT id, name FROM datasets"));
        if (!q.isValid())
            return sqlError(QStringLiteral("listing datasets"), db.lastError());
        while (q.step())
            datasets.insert(q.columnInt64(0), q.columnText(1));
    }
    QList<RunRecord> out;
    out.reserve(runs->size());
    QHash<qint64, int> byId;
    for (const store::RunInfo &info : *runs) {
        RunRecord r;
        r.info = info;
        r.status = store::effectiveStatus(info);
        r.dataset = datasets.value(info.datasetId);
        r.config = train::flattenJson(info.config);
        const QMap<QString, QString> &defaults = nonModelDefaults();
        for (auto it = defaults.cbegin(); it != defaults.cend(); ++it)
            if (!r.config.contains(it.key()))
                r.config.insert(it.key(), it.value());
        r.preset = r.config.value(QStringLiteral("model.preset"));
        if (r.dataset.isEmpty())
            r.dataset = r.config.value(QStringLiteral("run.dataset"));
        byId.insert(info.id, int(out.size()));
        out.append(std::move(r));
    }
    store::Statement q =
        db.prepare(QStringLiteral("SELECT run_id, split, name, points, last_step, last_epoch, last_value, last_wall, "
                                  "min_value, min_step, max_value, max_step FROM metric_summaries"));
    if (!q.isValid())
        return sqlError(QStringLiteral("reading metric summaries"), db.lastError());
    while (q.step()) {
        const auto it = byId.constFind(q.columnInt64(0));
        if (it == byId.constEnd())
            continue;
        MetricSummary m;
        m.points = q.columnInt64(3);
        m.lastStep = q.columnInt64(4);
        m.lastEpoch = int(q.columnInt64(5));
        m.last = q.columnIsNull(6) ? kNaN : q.columnDouble(6);
        m.lastWall = q.columnDouble(7);
        m.min = q.columnIsNull(8) ? kNaN : q.columnDouble(8);
        m.minStep = q.columnInt64(9);
        m.max = q.columnIsNull(10) ? kNaN : q.columnDouble(10);
        m.maxStep = q.columnInt64(11);
        RunRecord &r = out[*it];
        r.metrics.insert(metricId(q.columnText(1), q.columnText(2)), m);
        r.durationSeconds = std::max(r.durationSeconds, m.lastWall);
    }
    return out;
}

QStringList metricIds(const QList<RunRecord> &runs)
{
    QSet<QString> ids;
    for (const RunRecord &r : runs)
        for (auto it = r.metrics.cbegin(); it != r.metrics.cend(); ++it)
            ids.insert(it.key());
    QStringList out(ids.cbegin(), ids.cend());
    std::sort(out.begin(), out.end(), metricOrder);
    return out;
}

QStringList differingKeys(const QList<const RunRecord *> &runs, bool ignoreSeed)
{
    if (runs.size() < 2)
        return {};
    QSet<QString> keys;
    for (const RunRecord *r : runs)
        for (auto it = r->config.cbegin(); it != r->config.cend(); ++it)
            keys.insert(it.key());
    QStringList out;
    for (const QString &k : keys) {
        if (k == QLatin1String("run.name") || (ignoreSeed && k == QLatin1String("run.seed")))
            continue;
        const QString first = runs.front()->config.value(k);
        const bool firstHas = runs.front()->config.contains(k);
        for (const RunRecord *r : runs)
            if (r->config.contains(k) != firstHas || r->config.value(k) != first) {
                out.append(k);
                break;
            }
    }
    std::sort(out.begin(), out.end());
    return out;
}

QStringList differingKeys(const QList<RunRecord> &runs, bool ignoreSeed)
{
    QList<const RunRecord *> ptrs;
    ptrs.reserve(runs.size());
    for (const RunRecord &r : runs)
        ptrs.append(&r);
    return differingKeys(ptrs, ignoreSeed);
}

Series Curve::by(const QString &axis) const
{
    Series s;
    s.y = value;
    if (axis == QLatin1String("epoch")) {
        s.x = epoch;
    } else if (axis == QLatin1String("wall")) {
        s.x = wall;
    } else if (axis == QLatin1String("relative")) {
        s.x = wall;
        const double start = wall.empty() ? 0 : wall.front();
        for (double &x : s.x)
            x -= start;
    } else {
        s.x = step;
    }
    // Wall times of a resumed run may go back; keep x ascending as every reader expects.
    if (!std::is_sorted(s.x.begin(), s.x.end())) {
        std::vector<size_t> order(s.x.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return s.x[a] < s.x[b]; });
        Series sorted;
        for (size_t i : order) {
            sorted.x.push_back(s.x[i]);
            sorted.y.push_back(s.y[i]);
        }
        return sorted;
    }
    return s;
}

namespace {

// metric_series.data: points x (int64 step, int32 epoch, float64 wall time, float64 value),
// little-endian as this machine writes it (the store never leaves the machine's byte order
// behind: a mismatched size reads as no copy).
constexpr int kPointBytes = 8 + 4 + 8 + 8;

QByteArray packCurve(const Curve &c)
{
    QByteArray out(qsizetype(c.step.size()) * kPointBytes, Qt::Uninitialized);
    char *p = out.data();
    for (size_t i = 0; i < c.step.size(); ++i) {
        const qint64 step = qint64(c.step[i]);
        const qint32 epoch = qint32(c.epoch[i]);
        std::memcpy(p, &step, 8);
        std::memcpy(p + 8, &epoch, 4);
        std::memcpy(p + 12, &c.wall[i], 8);
        std::memcpy(p + 20, &c.value[i], 8);
        p += kPointBytes;
    }
    return out;
}

bool unpackCurve(const QByteArray &data, qint64 points, Curve &c)
{
    if (points < 0 || data.size() != points * kPointBytes)
        return false;
    c.step.resize(size_t(points));
    c.epoch.resize(size_t(points));
    c.wall.resize(size_t(points));
    c.value.resize(size_t(points));
    const char *p = data.constData();
    for (size_t i = 0; i < size_t(points); ++i) {
        qint64 step;
        qint32 epoch;
        std::memcpy(&step, p, 8);
        std::memcpy(&epoch, p + 8, 4);
        std::memcpy(&c.wall[i], p + 12, 8);
        std::memcpy(&c.value[i], p + 20, 8);
        c.step[i] = double(step);
        c.epoch[i] = double(epoch);
        p += kPointBytes;
    }
    return true;
}

} // namespace

Result<Curve> loadCurve(store::Database &db, qint64 runId, const QString &id)
{
    const QString split = metricSplit(id), name = metricName(id);
    // The packed copy, when it still holds every point the summary counts.
    qint64 points = -1, lastStep = -1;
    {
        store::Statement q = db.prepare(
            QStringLiteral("SELECT s.points, s.last_step, c.points, c.last_step, c.data FROM metric_summaries s "
                           "LEFT JOIN metric_series c ON c.run_id = s.run_id AND c.split = s.split AND c.name = s.name "
                           "WHERE s.run_id = ?1 AND s.split = ?2 AND s.name = ?3"));
        if (!q.isValid())
            return sqlError(QStringLiteral("loading metric %1").arg(id), db.lastError());
        q.bind(1, runId).bind(2, split).bind(3, name);
        if (!q.step())
            return Curve{}; // the run never recorded this metric
        points = q.columnInt64(0);
        lastStep = q.columnInt64(1);
        Curve c;
        if (!q.columnIsNull(2) && q.columnInt64(2) == points && q.columnInt64(3) == lastStep
            && unpackCurve(q.columnBlob(4), points, c))
            return c;
    }
    store::Statement q = db.prepare(QStringLiteral("SELECT step, epoch, wall_time, value FROM metrics "
                                                   "WHERE run_id = ?1 AND name = ?2 AND split = ?3 ORDER BY step"));
    if (!q.isValid())
        return sqlError(QStringLiteral("loading metric %1").arg(id), db.lastError());
    q.bind(1, runId).bind(2, name).bind(3, split);
    Curve c;
    c.step.reserve(size_t(std::max<qint64>(0, points)));
    c.epoch.reserve(size_t(std::max<qint64>(0, points)));
    c.wall.reserve(size_t(std::max<qint64>(0, points)));
    c.value.reserve(size_t(std::max<qint64>(0, points)));
    while (q.step()) {
        c.step.push_back(double(q.columnInt64(0)));
        c.epoch.push_back(double(q.columnInt64(1)));
        c.wall.push_back(q.columnDouble(2));
        c.value.push_back(q.columnIsNull(3) ? kNaN : q.columnDouble(3));
    }
    if (!q.error().isEmpty())
        return sqlError(QStringLiteral("loading metric %1").arg(id), q.error());
    // Keep the packed copy for the next reader when what was read is what the summary counts
    // (a run still writing may have added rows in between; then the next read tries again).
    // Best effort: a store that cannot be written (read-only, busy) just reads rows next time.
    if (qint64(c.step.size()) == points && (c.step.empty() || qint64(c.step.back()) == lastStep)) {
        store::Statement put = db.prepare(
            QStringLiteral("INSERT OR REPLACE INTO metric_series (run_id, split, name, points, last_step, data) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
        if (put.isValid()) {
            put.bind(1, runId).bind(2, split).bind(3, name).bind(4, points).bind(5, lastStep).bind(6, packCurve(c));
            (void)put.exec();
        }
    }
    return c;
}

Result<int> packCurves(store::Database &db, qint64 runId)
{
    store::Statement q = db.prepare(QStringLiteral(
        "SELECT s.split, s.name FROM metric_summaries s LEFT JOIN metric_series c "
        "ON c.run_id = s.run_id AND c.split = s.split AND c.name = s.name "
        "WHERE s.run_id = ?1 AND (c.points IS NULL OR c.points != s.points OR c.last_step != s.last_step)"));
    if (!q.isValid())
        return sqlError(QStringLiteral("packing the curves of run %1").arg(runId), db.lastError());
    q.bind(1, runId);
    QStringList ids;
    while (q.step())
        ids.append(metricId(q.columnText(0), q.columnText(1)));
    q.reset();
    for (const QString &id : ids)
        if (auto c = loadCurve(db, runId, id); !c)
            return c.error();
    return int(ids.size());
}

QString describeSpec(const SummarySpec &spec)
{
    switch (spec.at) {
    case SummaryAt::Step: return QStringLiteral("step=%1").arg(spec.step);
    case SummaryAt::Best: return QStringLiteral("best=%1").arg(spec.bestMetricId);
    case SummaryAt::End: break;
    }
    return QStringLiteral("end");
}

Result<SummarySpec> parseSpec(const QString &text)
{
    SummarySpec s;
    const QString t = text.trimmed();
    if (t.isEmpty() || t == QLatin1String("end"))
        return s;
    if (t.startsWith(QLatin1String("step="))) {
        bool ok = false;
        s.step = t.mid(5).toLongLong(&ok);
        if (!ok || s.step < 0)
            return makeError(QStringLiteral("usage"),
                             QStringLiteral("'%1': the step must be a whole number >= 0").arg(text));
        s.at = SummaryAt::Step;
        return s;
    }
    if (t.startsWith(QLatin1String("best="))) {
        s.bestMetricId = t.mid(5);
        if (!s.bestMetricId.contains(QLatin1Char('/')))
            return makeError(QStringLiteral("usage"),
                             QStringLiteral("'%1': name the metric as split/name, e.g. best=test/top1").arg(text));
        s.at = SummaryAt::Best;
        return s;
    }
    return makeError(QStringLiteral("usage"),
                     QStringLiteral("'%1': expected end, step=N or best=SPLIT/METRIC").arg(text));
}

Result<SummaryValues> summarize(store::Database &db, const RunRecord &run, const QStringList &ids,
                                const SummarySpec &spec)
{
    SummaryValues out;
    if (spec.at == SummaryAt::End) {
        for (const QString &id : ids) {
            const auto it = run.metrics.constFind(id);
            out.values.insert(id, it == run.metrics.constEnd() ? kNaN : it->last);
            if (it != run.metrics.constEnd())
                out.step = std::max(out.step, it->lastStep);
        }
        return out;
    }
    qint64 at = spec.step;
    if (spec.at == SummaryAt::Best) {
        const auto it = run.metrics.constFind(spec.bestMetricId);
        if (it == run.metrics.constEnd()) {
            for (const QString &id : ids)
                out.values.insert(id, kNaN);
            return out;
        }
        at = it->bestStep(spec.bestMetricId);
    }
    out.step = at;
    store::Statement q = db.prepare(
        QStringLiteral("SELECT value FROM metrics WHERE run_id = ?1 AND name = ?2 AND split = ?3 AND step <= ?4 "
                       "ORDER BY step DESC LIMIT 1"));
    if (!q.isValid())
        return sqlError(QStringLiteral("summarising run %1").arg(run.info.name), db.lastError());
    for (const QString &id : ids) {
        q.reset();
        q.bind(1, run.info.id).bind(2, metricName(id)).bind(3, metricSplit(id)).bind(4, at);
        out.values.insert(id, q.step() && !q.columnIsNull(0) ? q.columnDouble(0) : kNaN);
    }
    return out;
}

QList<RunGroup> groupBy(const QList<RunRecord> &runs, const QList<int> &indexes, const QStringList &keys)
{
    QList<RunGroup> groups;
    QHash<QString, int> byLabel;
    for (int i : indexes) {
        RunGroup g;
        QStringList parts;
        for (const QString &k : keys) {
            const QString v = runs[i].config.value(k, QStringLiteral("-"));
            g.by.insert(k, v);
            parts.append(QStringLiteral("%1=%2").arg(k, v));
        }
        g.label = keys.isEmpty() ? runs[i].info.name : parts.join(QStringLiteral(", "));
        const QString id = keys.isEmpty() ? QString::number(i) : g.label;
        const auto it = byLabel.constFind(id);
        if (it != byLabel.constEnd()) {
            groups[*it].members.append(i);
            continue;
        }
        g.members.append(i);
        byLabel.insert(id, int(groups.size()));
        groups.append(std::move(g));
    }
    return groups;
}

QList<RunGroup> groupSeeds(const QList<RunRecord> &runs, const QList<int> &indexes)
{
    QList<const RunRecord *> chosen;
    for (int i : indexes)
        chosen.append(&runs[i]);
    const QStringList keys = differingKeys(chosen, true);
    QList<RunGroup> groups = groupBy(runs, indexes, keys);
    if (keys.isEmpty() && groups.size() > 1) {
        // All chosen runs share one configuration (up to the seed): one group.
        RunGroup all;
        all.label = QStringLiteral("%1 seeds").arg(indexes.size());
        all.members = indexes;
        groups = {all};
    }
    // Seeds named as `ablate --seeds` names them ("<name>-seed<N>") read better by that name.
    static const QRegularExpression seedSuffix(QStringLiteral("-seed\\d+$"));
    for (RunGroup &g : groups) {
        QString common = runs[g.members.front()].info.name;
        common.remove(seedSuffix);
        const bool same = std::all_of(g.members.cbegin(), g.members.cend(), [&](int i) {
            QString n = runs[i].info.name;
            return n.remove(seedSuffix) == common;
        });
        if (g.members.size() == 1)
            g.label = runs[g.members.front()].info.name;
        else if (same)
            g.label = common;
    }
    return groups;
}

} // namespace avt::compare
