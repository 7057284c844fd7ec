// Run comparison in core/compare: smoothing, seed statistics against numpy / scipy (fixture),
// downsampling, the metric summaries the store keeps, summaries at a step / the best epoch /
// the end, config differences, groups, tables and their exports, the Table 4 ladder with
// seeds, and evaluation breakdowns from stored predictions.
#include "core/compare/evaluation_view.h"
#include "core/compare/run_records.h"
#include "core/compare/series.h"
#include "core/compare/statistics.h"
#include "core/compare/tables.h"
#include "core/data/clip.h"
#include "core/store/database.h"
#include "core/store/dataset_store.h"
#include "core/store/run_store.h"
#include "core/store/schema.h"
#include "core/store/workspace.h"
#include "core/train/ablation.h"
#include "core/train/run_config.h"
#include "epic_predictions.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace avt;

namespace {

QJsonObject fixture()
{
    QFile f(QStringLiteral(AVT_FIXTURES_DIR "/compare/stats.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

std::vector<double> doubles(const QJsonValue &v)
{
    std::vector<double> out;
    for (const QJsonValue &e : v.toArray())
        out.push_back(e.toDouble());
    return out;
}

bool near(double a, double b, double tol = 1e-9) { return std::abs(a - b) <= tol * std::max(1.0, std::abs(b)); }

QJsonObject config(const QString &name, int seed, const QStringList &overrides = {})
{
    train::RunConfig c;
    (void)c.set(QStringLiteral("model.preset"), QStringLiteral("avt-tiny"));
    (void)c.applyOverrides(overrides);
    (void)c.set(QStringLiteral("run.name"), name);
    (void)c.set(QStringLiteral("run.seed"), QString::number(seed));
    return c.toJson();
}

qint64 addRun(store::Database &db, const QString &name, int seed, const QStringList &overrides = {},
              qint64 datasetId = 0)
{
    store::RunInfo info;
    info.name = name;
    info.config = config(name, seed, overrides);
    info.status = QStringLiteral("finished");
    info.datasetId = datasetId;
    auto id = store::createRun(db, info);
    return id ? *id : -1;
}

} // namespace

class TestCompare : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void emaEqualsTensorBoardFormula();
    void studentTMatchesScipy();
    void describeMatchesNumpy();
    void bandsMatchNumpy();
    void downsamplingKeepsExtremes();
    void summariesFollowInsertsAndTruncation();
    void summariesAtStepBestAndEnd();
    void curvesComeFromThePackedCopyWhileItIsCurrent();
    void differencesAndSeedGroups();
    void runsTableExportsParseBack();
    void ladderTableHasSeedStatistics();
    void evaluationFromStoredPredictions();
    void epicVerbNounAndAction();
};

void TestCompare::emaEqualsTensorBoardFormula()
{
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0, 1);
    std::vector<double> y(500);
    for (double &v : y)
        v = noise(rng);
    y[10] = std::nan("");
    y[11] = std::numeric_limits<double>::infinity();
    for (double w : {0.0, 0.3, 0.6, 0.9, 0.99}) {
        const std::vector<double> s = compare::emaSmooth(y, w);
        // TensorBoard: last = last * w + (1 - w) * v over finite points, debiased by 1 - w^n.
        double last = 0;
        int n = 0;
        for (size_t i = 0; i < y.size(); ++i) {
            if (!std::isfinite(y[i])) {
                QVERIFY(std::isnan(y[i]) ? std::isnan(s[i]) : s[i] == y[i]);
                continue;
            }
            last = last * w + (1 - w) * y[i];
            ++n;
            const double expected = w == 0 ? y[i] : last / (1 - std::pow(w, n));
            QVERIFY2(near(s[i], expected, 1e-12), qPrintable(QStringLiteral("w=%1 i=%2").arg(w).arg(i)));
        }
    }
    // The first smoothed point is the first value (the debiasing), whatever the weight.
    QCOMPARE(compare::emaSmooth({5.0, 1.0}, 0.9)[0], 5.0);
}

void TestCompare::studentTMatchesScipy()
{
    const std::vector<double> t = doubles(fixture().value(QStringLiteral("t975")));
    QCOMPARE(int(t.size()), 200);
    for (int df = 1; df <= 200; ++df)
        QVERIFY2(std::abs(compare::studentT975(df) - t[size_t(df - 1)]) < 1e-7,
                 qPrintable(QStringLiteral("df %1: %2 vs %3").arg(df).arg(compare::studentT975(df)).arg(t[df - 1])));
}

void TestCompare::describeMatchesNumpy()
{
    const QJsonArray groups = fixture().value(QStringLiteral("groups")).toArray();
    QVERIFY(groups.size() >= 5);
    for (const QJsonValue &g : groups) {
        const QJsonObject o = g.toObject();
        const compare::Spread s = compare::describe(doubles(o.value(QStringLiteral("values"))));
        QCOMPARE(s.n, int(o.value(QStringLiteral("values")).toArray().size()));
        QVERIFY(near(s.mean, o.value(QStringLiteral("mean")).toDouble()));
        QVERIFY(near(s.std, o.value(QStringLiteral("std")).toDouble()));
        QVERIFY(near(s.min, o.value(QStringLiteral("min")).toDouble()));
        QVERIFY(near(s.max, o.value(QStringLiteral("max")).toDouble()));
        QVERIFY(near(s.ciLow, o.value(QStringLiteral("ci_low")).toDouble(), 1e-8));
        QVERIFY(near(s.ciHigh, o.value(QStringLiteral("ci_high")).toDouble(), 1e-8));
    }
    // Non-finite values are left out; none finite gives n = 0.
    const compare::Spread s = compare::describe({1.0, std::nan(""), 3.0});
    QCOMPARE(s.n, 2);
    QCOMPARE(s.mean, 2.0);
    QCOMPARE(compare::describe({std::nan("")}).n, 0);
}

void TestCompare::bandsMatchNumpy()
{
    const QJsonObject f = fixture();
    std::vector<compare::Series> members;
    for (const QJsonValue &c : f.value(QStringLiteral("curves")).toArray())
        members.push_back(
            {doubles(c.toObject().value(QStringLiteral("x"))), doubles(c.toObject().value(QStringLiteral("y")))});
    const QJsonArray band = f.value(QStringLiteral("band")).toArray();
    const compare::Band sd = compare::aggregate(members, compare::BandKind::Std);
    const compare::Band mm = compare::aggregate(members, compare::BandKind::MinMax);
    const compare::Band ci = compare::aggregate(members, compare::BandKind::Ci95);
    QCOMPARE(int(sd.x.size()), int(band.size()));
    for (int i = 0; i < band.size(); ++i) {
        const QJsonObject b = band[i].toObject();
        QCOMPARE(sd.x[size_t(i)], b.value(QStringLiteral("x")).toDouble());
        QCOMPARE(sd.n[size_t(i)], b.value(QStringLiteral("n")).toInt());
        const double mean = b.value(QStringLiteral("mean")).toDouble(), std = b.value(QStringLiteral("std")).toDouble();
        QVERIFY(near(sd.mean[size_t(i)], mean));
        QVERIFY(near(sd.lower[size_t(i)], mean - std));
        QVERIFY(near(sd.upper[size_t(i)], mean + std));
        QVERIFY(near(mm.lower[size_t(i)], b.value(QStringLiteral("min")).toDouble()));
        QVERIFY(near(mm.upper[size_t(i)], b.value(QStringLiteral("max")).toDouble()));
        QVERIFY(near(ci.lower[size_t(i)], b.value(QStringLiteral("ci_low")).toDouble(), 1e-8));
        QVERIFY(near(ci.upper[size_t(i)], b.value(QStringLiteral("ci_high")).toDouble(), 1e-8));
    }
}

void TestCompare::downsamplingKeepsExtremes()
{
    compare::Series s;
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(-1, 1);
    for (int i = 0; i < 100000; ++i) {
        s.x.push_back(i);
        s.y.push_back(u(rng));
    }
    s.y[54321] = 40;
    s.y[70001] = -40;
    const compare::Series d = compare::downsampleMinMax(s, 50000, 80000, 800);
    QVERIFY(d.size() <= 4 * 800 + 2);
    QVERIFY(d.size() > 800);
    QVERIFY(std::is_sorted(d.x.begin(), d.x.end()));
    QVERIFY(std::find(d.y.begin(), d.y.end(), 40.0) != d.y.end());
    QVERIFY(std::find(d.y.begin(), d.y.end(), -40.0) != d.y.end());
    // Lines reach the borders: the neighbours outside the range are kept.
    QCOMPARE(d.x.front(), 49999.0);
    QCOMPARE(d.x.back(), 80001.0);
    // Every column's min and max are kept: the extremes of any sub-range are the same.
    for (int c = 0; c < 800; c += 37) {
        const double a = 50000 + c * 37.5, b = a + 37.5;
        double fullMin = 1e9, fullMax = -1e9, dMin = 1e9, dMax = -1e9;
        for (int i = int(std::ceil(a)); i < b; ++i) {
            fullMin = std::min(fullMin, s.y[size_t(i)]);
            fullMax = std::max(fullMax, s.y[size_t(i)]);
        }
        for (int i = 0; i < d.size(); ++i)
            if (d.x[size_t(i)] >= a && d.x[size_t(i)] < b) {
                dMin = std::min(dMin, d.y[size_t(i)]);
                dMax = std::max(dMax, d.y[size_t(i)]);
            }
        QCOMPARE(dMin, fullMin);
        QCOMPARE(dMax, fullMax);
    }
    // Few points come back as they are.
    const compare::Series few = compare::downsampleMinMax(s, 100, 199, 800);
    QCOMPARE(few.size(), 102);
}

void TestCompare::summariesFollowInsertsAndTruncation()
{
    QTemporaryDir tmp;
    auto ws = store::Workspace::open(tmp.path());
    QVERIFY(ws.ok());
    store::Database &db = (*ws)->db();
    const qint64 run = addRun(db, QStringLiteral("a"), 1);
    QList<store::MetricRow> rows;
    for (int step = 1; step <= 100; ++step)
        rows.append({step, step / 10, QStringLiteral("train"), QStringLiteral("loss"),
                     10.0 / step + (step == 50 ? -5 : 0), step * 0.5});
    rows.append({10, 0, QStringLiteral("test"), QStringLiteral("top1"), 40.0, 5.0});
    rows.append({20, 1, QStringLiteral("test"), QStringLiteral("top1"), 55.0, 10.0});
    rows.append({30, 2, QStringLiteral("test"), QStringLiteral("top1"), 50.0, 15.0});
    QVERIFY(store::insertMetrics(db, run, rows).ok());
    auto recs = compare::loadRunRecords(db);
    QVERIFY(recs.ok());
    QCOMPARE(recs->size(), 1);
    const compare::MetricSummary loss = recs->front().metrics.value(QStringLiteral("train/loss"));
    QCOMPARE(loss.points, qint64(100));
    QCOMPARE(loss.lastStep, qint64(100));
    QCOMPARE(loss.last, 0.1);
    QCOMPARE(loss.min, 10.0 / 50 - 5);
    QCOMPARE(loss.minStep, qint64(50));
    QCOMPARE(loss.max, 10.0);
    QCOMPARE(loss.maxStep, qint64(1));
    QCOMPARE(recs->front().durationSeconds, 50.0);
    const compare::MetricSummary top1 = recs->front().metrics.value(QStringLiteral("test/top1"));
    QCOMPARE(top1.best(QStringLiteral("test/top1")), 55.0);
    QCOMPARE(top1.bestStep(QStringLiteral("test/top1")), qint64(20));
    QCOMPARE(loss.bestStep(QStringLiteral("train/loss")), qint64(50));
    QCOMPARE(compare::metricIds(*recs), (QStringList{QStringLiteral("train/loss"), QStringLiteral("test/top1")}));

    // A resumed run replays from step 40: its summaries are those of the kept rows.
    QVERIFY(store::truncateMetrics(db, run, 40).ok());
    recs = compare::loadRunRecords(db);
    const compare::MetricSummary cut = recs->front().metrics.value(QStringLiteral("train/loss"));
    QCOMPARE(cut.points, qint64(40));
    QCOMPARE(cut.lastStep, qint64(40));
    QCOMPARE(cut.last, 0.25);
    QCOMPARE(cut.min, 0.25);
    QCOMPARE(cut.minStep, qint64(40));
    QCOMPARE(recs->front().metrics.value(QStringLiteral("test/top1")).last, 50.0);
    // finalMetrics reads the same summaries.
    auto final = store::finalMetrics(db, run);
    QVERIFY(final.ok());
    QCOMPARE(final->size(), 2);
    QCOMPARE(final->at(1).value, 0.25);
    QCOMPARE(final->at(1).step, qint64(40));

    // Rebuilding all summaries (what the upgrade to schema 4 does) gives the same rows.
    QVERIFY(db.execScript(QStringLiteral("DELETE FROM metric_summaries")).ok());
    QVERIFY(store::rebuildMetricSummaries(db, 0).ok());
    auto rebuilt = compare::loadRunRecords(db);
    const compare::MetricSummary again = rebuilt->front().metrics.value(QStringLiteral("train/loss"));
    QCOMPARE(again.points, cut.points);
    QCOMPARE(again.last, cut.last);
    QCOMPARE(again.minStep, cut.minStep);
    QCOMPARE(again.maxStep, cut.maxStep);
    QCOMPARE(again.lastEpoch, cut.lastEpoch);
    QCOMPARE(again.lastWall, cut.lastWall);
}

void TestCompare::curvesComeFromThePackedCopyWhileItIsCurrent()
{
    QTemporaryDir tmp;
    auto ws = store::Workspace::open(tmp.path());
    store::Database &db = (*ws)->db();
    const qint64 run = addRun(db, QStringLiteral("a"), 1);
    QList<store::MetricRow> rows;
    for (int step = 1; step <= 300; ++step)
        rows.append({step, step / 100, QStringLiteral("train"), QStringLiteral("loss"), 1.0 / step, step * 0.1});
    QVERIFY(store::insertMetrics(db, run, rows).ok());
    auto count = [&] {
        store::Statement q = db.prepare(QStringLiteral("SELECT COUNT(*), MAX(points) FROM metric_series"));
        q.step();
        return QPair<qint64, qint64>(q.columnInt64(0), q.columnInt64(1));
    };
    QCOMPARE(count().first, qint64(0));
    auto first = compare::loadCurve(db, run, QStringLiteral("train/loss"));
    QVERIFY(first.ok());
    QCOMPARE(int(first->step.size()), 300);
    QCOMPARE(count(), (QPair<qint64, qint64>(1, 300))); // the first reader packed it
    // Make the packed copy recognisable: the second read must come from it.
    store::Statement poke = db.prepare(QStringLiteral("UPDATE metric_series SET data = ?1"));
    compare::Curve marked = *first;
    marked.value[7] = 42;
    {
        QByteArray blob;
        for (size_t i = 0; i < marked.step.size(); ++i) {
            const qint64 st = qint64(marked.step[i]);
            const qint32 ep = qint32(marked.epoch[i]);
            blob.append(reinterpret_cast<const char *>(&st), 8);
            blob.append(reinterpret_cast<const char *>(&ep), 4);
            blob.append(reinterpret_cast<const char *>(&marked.wall[i]), 8);
            blob.append(reinterpret_cast<const char *>(&marked.value[i]), 8);
        }
        poke.bind(1, blob);
        QVERIFY(poke.exec().ok());
    }
    auto second = compare::loadCurve(db, run, QStringLiteral("train/loss"));
    QCOMPARE(second->value[7], 42.0);
    QCOMPARE(second->step, first->step);
    QCOMPARE(second->wall, first->wall);
    QCOMPARE(second->epoch, first->epoch);
    // New rows make the copy stale: the rows are read again (and packed again).
    QVERIFY(store::insertMetrics(db, run, {{301, 3, QStringLiteral("train"), QStringLiteral("loss"), 0.5, 30.1}}).ok());
    auto third = compare::loadCurve(db, run, QStringLiteral("train/loss"));
    QCOMPARE(int(third->step.size()), 301);
    QCOMPARE(third->value[7], 1.0 / 8);
    QCOMPARE(third->value.back(), 0.5);
    QCOMPARE(count().second, qint64(301));
    // packCurves writes the copies a run lacks (what train does at the end of a run), once.
    QVERIFY(store::insertMetrics(db, run,
                                 {{1, 0, QStringLiteral("train"), QStringLiteral("lr"), 0.1, 0.1},
                                  {2, 0, QStringLiteral("train"), QStringLiteral("lr"), 0.2, 0.2}})
                .ok());
    QCOMPARE(count().first, qint64(1));
    auto packed = compare::packCurves(db, run);
    QVERIFY(packed.ok());
    QCOMPARE(*packed, 1);
    QCOMPARE(count().first, qint64(2));
    QCOMPARE(*compare::packCurves(db, run), 0);
    QCOMPARE(compare::loadCurve(db, run, QStringLiteral("train/lr"))->value, (std::vector<double>{0.1, 0.2}));

    // A resumed run drops its later rows and the copy with them.
    QVERIFY(store::truncateMetrics(db, run, 100).ok());
    QCOMPARE(count().first, qint64(0));
    QCOMPARE(int(compare::loadCurve(db, run, QStringLiteral("train/loss"))->step.size()), 100);
    // A metric the run never recorded: an empty curve.
    QVERIFY(compare::loadCurve(db, run, QStringLiteral("test/top1"))->step.empty());
}

void TestCompare::summariesAtStepBestAndEnd()
{
    QTemporaryDir tmp;
    auto ws = store::Workspace::open(tmp.path());
    store::Database &db = (*ws)->db();
    const qint64 run = addRun(db, QStringLiteral("a"), 1);
    QList<store::MetricRow> rows;
    const double top1[] = {40, 61, 55, 58};
    for (int e = 0; e < 4; ++e) {
        rows.append({(e + 1) * 10, e, QStringLiteral("test"), QStringLiteral("top1"), top1[e], 1.0 + e});
        rows.append({(e + 1) * 10, e, QStringLiteral("test"), QStringLiteral("top5"), top1[e] + 20, 1.0 + e});
        rows.append({(e + 1) * 10, e, QStringLiteral("train"), QStringLiteral("loss"), 4.0 - e, 1.0 + e});
    }
    QVERIFY(store::insertMetrics(db, run, rows).ok());
    auto recs = compare::loadRunRecords(db);
    const QStringList ids{QStringLiteral("test/top1"), QStringLiteral("test/top5"), QStringLiteral("train/loss"),
                          QStringLiteral("test/missing")};
    auto end = compare::summarize(db, recs->front(), ids, {});
    QVERIFY(end.ok());
    QCOMPARE(end->values.value(QStringLiteral("test/top1")), 58.0);
    QCOMPARE(end->values.value(QStringLiteral("train/loss")), 1.0);
    QVERIFY(std::isnan(end->values.value(QStringLiteral("test/missing"))));
    auto best = compare::parseSpec(QStringLiteral("best=test/top1"));
    QVERIFY(best.ok());
    auto atBest = compare::summarize(db, recs->front(), ids, *best);
    QCOMPARE(atBest->step, qint64(20));
    QCOMPARE(atBest->values.value(QStringLiteral("test/top1")), 61.0);
    QCOMPARE(atBest->values.value(QStringLiteral("test/top5")), 81.0);
    QCOMPARE(atBest->values.value(QStringLiteral("train/loss")), 3.0);
    // At step 35: the last point at or before it (step 30).
    auto atStep = compare::summarize(db, recs->front(), ids, *compare::parseSpec(QStringLiteral("step=35")));
    QCOMPARE(atStep->values.value(QStringLiteral("test/top1")), 55.0);
    // Before the first point: no value.
    auto early = compare::summarize(db, recs->front(), ids, *compare::parseSpec(QStringLiteral("step=5")));
    QVERIFY(std::isnan(early->values.value(QStringLiteral("test/top1"))));
    QVERIFY(!compare::parseSpec(QStringLiteral("step=x")).ok());
    QVERIFY(!compare::parseSpec(QStringLiteral("best=top1")).ok());
    QVERIFY(!compare::parseSpec(QStringLiteral("middle")).ok());
}

void TestCompare::differencesAndSeedGroups()
{
    QTemporaryDir tmp;
    auto ws = store::Workspace::open(tmp.path());
    store::Database &db = (*ws)->db();
    addRun(db, QStringLiteral("avc-seed1"), 1, {QStringLiteral("losses.avc=0.5")});
    addRun(db, QStringLiteral("avc-seed2"), 2, {QStringLiteral("losses.avc=0.5")});
    addRun(db, QStringLiteral("none-seed1"), 1, {QStringLiteral("losses.avc=0")});
    addRun(db, QStringLiteral("none-seed2"), 2, {QStringLiteral("losses.avc=0")});
    addRun(db, QStringLiteral("none-lr"), 3, {QStringLiteral("losses.avc=0"), QStringLiteral("optim.lr=0.01")});
    auto recs = compare::loadRunRecords(db);
    QVERIFY(recs.ok());
    QCOMPARE(compare::differingKeys(*recs),
             (QStringList{QStringLiteral("losses.avc"), QStringLiteral("optim.lr"), QStringLiteral("run.seed")}));
    QCOMPARE(compare::differingKeys(*recs, true),
             (QStringList{QStringLiteral("losses.avc"), QStringLiteral("optim.lr")}));
    const QList<compare::RunGroup> groups = compare::groupSeeds(*recs, {0, 1, 2, 3, 4});
    QCOMPARE(groups.size(), 3);
    QCOMPARE(groups[0].label, QStringLiteral("avc"));
    QCOMPARE(groups[0].members, (QList<int>{0, 1}));
    QCOMPARE(groups[1].label, QStringLiteral("none"));
    QCOMPARE(groups[1].members, (QList<int>{2, 3}));
    QCOMPARE(groups[2].members, (QList<int>{4}));
    QCOMPARE(groups[2].label, QStringLiteral("none-lr"));
    const QList<compare::RunGroup> byAvc = compare::groupBy(*recs, {0, 1, 2, 3, 4}, {QStringLiteral("losses.avc")});
    QCOMPARE(byAvc.size(), 2);
    QCOMPARE(byAvc[0].label, QStringLiteral("losses.avc=0.5"));
    QCOMPARE(byAvc[1].members, (QList<int>{2, 3, 4}));
    // Seeds of one configuration only: one group.
    QCOMPARE(compare::groupSeeds(*recs, {2, 3}).size(), 1);

    // A run stored before a key existed reads as the key's default, so it still groups with
    // the seeds of its configuration made later.
    QJsonObject old = config(QStringLiteral("avc-seed3"), 3, {QStringLiteral("losses.avc=0.5")});
    QJsonObject data = old.value(QStringLiteral("data")).toObject();
    data.remove(QStringLiteral("decode_threads"));
    old.insert(QStringLiteral("data"), data);
    store::RunInfo info;
    info.name = QStringLiteral("avc-seed3");
    info.config = old;
    info.status = QStringLiteral("finished");
    QVERIFY(store::createRun(db, info).ok());
    recs = compare::loadRunRecords(db);
    QCOMPARE(recs->at(5).config.value(QStringLiteral("data.decode_threads")),
             recs->at(0).config.value(QStringLiteral("data.decode_threads")));
    const QList<compare::RunGroup> withOld = compare::groupSeeds(*recs, {0, 1, 5});
    QCOMPARE(withOld.size(), 1);
    QCOMPARE(withOld[0].label, QStringLiteral("avc"));
}

void TestCompare::runsTableExportsParseBack()
{
    QTemporaryDir tmp;
    auto ws = store::Workspace::open(tmp.path());
    store::Database &db = (*ws)->db();
    const double values[] = {61.25, 63.5, 40.125};
    const QStringList names{QStringLiteral("avc-seed1"), QStringLiteral("avc-seed2"), QStringLiteral("none")};
    for (int i = 0; i < 3; ++i) {
        const qint64 id =
            addRun(db, names[i], i + 1, {i < 2 ? QStringLiteral("losses.avc=0.5") : QStringLiteral("losses.avc=0")});
        QVERIFY(
            store::insertMetrics(db, id, {{100, 4, QStringLiteral("test"), QStringLiteral("top1"), values[i], 12.0}})
                .ok());
    }
    auto recs = compare::loadRunRecords(db);
    compare::RunsTableSpec spec;
    spec.configKeys = {QStringLiteral("losses.avc")};
    spec.metricIds = {QStringLiteral("test/top1")};
    auto plain = compare::runsTable(db, *recs, {}, spec);
    QVERIFY(plain.ok());
    QCOMPARE(plain->rows.size(), 3);
    // CSV parses back to the same numbers (exact, shortest round-trip form).
    const QStringList lines = compare::toCsv(*plain).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    const QStringList header = lines[0].split(QLatin1Char(','));
    const int col = int(header.indexOf(QStringLiteral("test/top1")));
    QVERIFY(col > 0);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(lines[i + 1].split(QLatin1Char(','))[col].toDouble(), values[i]);

    spec.groupSeeds = true;
    auto grouped = compare::runsTable(db, *recs, {}, spec);
    QVERIFY(grouped.ok());
    QCOMPARE(grouped->rows.size(), 2);
    const compare::Cell avc = grouped->rows[0][int(grouped->headers.indexOf(QStringLiteral("test/top1")))];
    const compare::Spread expect = compare::describe({61.25, 63.5});
    QCOMPARE(avc.n, 2);
    QCOMPARE(avc.value, expect.mean);
    QCOMPARE(avc.std, expect.std);
    const QString csv = compare::toCsv(*grouped);
    QVERIFY(csv.startsWith(
        QStringLiteral("group,runs,dataset,status,preset,losses.avc,test/top1,test/top1 std,test/top1 n")));
    QVERIFY(csv.contains(QStringLiteral("avc,2,")));
    const QString md = compare::toMarkdown(*grouped);
    QVERIFY(md.contains(QStringLiteral("| avc | 2 |")));
    QVERIFY(md.contains(QStringLiteral("62.38 ± 1.59")));
    const QString tex = compare::toLatex(*grouped);
    QVERIFY(tex.contains(QStringLiteral("62.38 $\\pm$ 1.59")));
    QVERIFY(tex.contains(QStringLiteral("losses.avc")));
    QVERIFY(tex.contains(QStringLiteral("\\toprule")));
    QVERIFY(compare::formatTable(*grouped, QStringLiteral("md")).ok());
    QVERIFY(!compare::formatTable(*grouped, QStringLiteral("xls")).ok());
}

void TestCompare::ladderTableHasSeedStatistics()
{
    QTemporaryDir tmp;
    auto ws = store::Workspace::open(tmp.path());
    store::Database &db = (*ws)->db();
    const QList<train::Rung> rungs = train::ladderRungs(QStringLiteral("table4"));
    // Two seeds of the first three rungs and one of +AVC; another prefix with one rung.
    QHash<QString, QList<double>> top1;
    for (int r = 0; r < 4; ++r)
        for (int seed = 1; seed <= (r < 3 ? 2 : 1); ++seed) {
            const QString name =
                QStringLiteral("t4-%1%2").arg(rungs[r].suffix, r < 3 ? QStringLiteral("-seed%1").arg(seed) : QString());
            const qint64 id = addRun(db, name, seed, rungs[r].settings);
            const double v = 30 + 10 * r + 1.5 * seed;
            top1[rungs[r].label].append(v);
            QVERIFY(store::insertMetrics(db, id,
                                         {{10, 0, QStringLiteral("test"), QStringLiteral("top1"), v - 5, 1},
                                          {20, 1, QStringLiteral("test"), QStringLiteral("top1"), v, 2},
                                          {20, 1, QStringLiteral("test"), QStringLiteral("top5"), v + 20, 2}})
                        .ok());
        }
    addRun(db, QStringLiteral("other-video"), 1, rungs[1].settings);
    auto recs = compare::loadRunRecords(db);
    QCOMPARE(compare::ladderPrefixes(*recs), (QStringList{QStringLiteral("t4"), QStringLiteral("other")}));
    auto table = compare::ladderTable(db, *recs, QString());
    QVERIFY2(table.ok(), table.ok() ? "" : qPrintable(table.error().message));
    QCOMPARE(table->headers, (QStringList{QStringLiteral("Method"), QStringLiteral("Top-1"), QStringLiteral("Top-5"),
                                          QStringLiteral("Seeds"), QStringLiteral("Runs")}));
    QCOMPARE(table->rows.size(), 4);
    for (int r = 0; r < 4; ++r) {
        QCOMPARE(table->rows[r][0].text, rungs[r].label);
        const compare::Spread s =
            compare::describe(std::vector<double>(top1[rungs[r].label].begin(), top1[rungs[r].label].end()));
        QCOMPARE(table->rows[r][1].value, s.mean);
        if (r < 3) {
            QCOMPARE(table->rows[r][1].n, 2);
            QCOMPARE(table->rows[r][1].std, s.std);
        } else {
            QCOMPARE(table->rows[r][1].n, 1);
        }
    }
    QVERIFY(
        compare::toLatex(*table).contains(QStringLiteral("Audio Only & 32.25 $\\pm$ 1.06 & 52.25 $\\pm$ 1.06 & 2")));
    // At step 10 (the first epoch): the earlier values.
    auto early = compare::ladderTable(db, *recs, QStringLiteral("t4"), *compare::parseSpec(QStringLiteral("step=10")));
    QCOMPARE(early->rows[0][1].value, 32.25 - 5);
    QVERIFY(!compare::ladderTable(db, *recs, QStringLiteral("nope")).ok());
}

void TestCompare::evaluationFromStoredPredictions()
{
    QTemporaryDir tmp;
    auto ws = store::Workspace::open(tmp.path());
    store::Database &db = (*ws)->db();
    auto ds = store::upsertDataset(
        db, {0, QStringLiteral("d"), QStringLiteral("csv"), QStringLiteral("/a.csv"), QStringLiteral("/m")});
    QVERIFY(ds.ok());
    const QStringList classNames{QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("owl")};
    QList<data::Clip> clips;
    // Truth per clip: 0, 0, 1, 1, 2, 2.
    for (int i = 0; i < 6; ++i) {
        data::Clip c;
        c.key = QStringLiteral("c%1").arg(i);
        c.path = c.key + QStringLiteral(".mp4");
        c.split = QStringLiteral("test");
        c.labels = {{QStringLiteral("class"), classNames[i / 2], i / 2}};
        clips.append(c);
    }
    QVERIFY(store::upsertClips(db, *ds, clips).ok());
    const qint64 run = addRun(db, QStringLiteral("r"), 1, {}, *ds);
    // Two views per clip. View 0 says class (truth + 1) % 3 for clips 1 and 3, else the truth;
    // view 1 always says the truth, strongly, so averaging is right everywhere but clip 5
    // where view 1 is weak and view 0 wrong.
    QList<store::PredictionRow> rows;
    const int averagedPick[] = {0, 0, 1, 1, 2, 0};
    for (int i = 0; i < 6; ++i) {
        const int truth = i / 2;
        const int v0 = (i == 1 || i == 3 || i == 5) ? (truth + 1) % 3 : truth;
        for (int view = 0; view < 2; ++view) {
            std::vector<float> logits(3, 0.0f);
            if (view == 0)
                logits[size_t(v0)] = i == 5 ? 5.0f : 2.0f;
            else
                logits[size_t(truth)] = i == 5 ? 0.5f : 4.0f;
            rows.append({clips[i].id, view, QStringLiteral("class"), QStringLiteral("[]"),
                         QByteArray(reinterpret_cast<const char *>(logits.data()), 12)});
        }
        rows.append({clips[i].id, -1, QStringLiteral("class"), QStringLiteral("[[%1,0.9]]").arg(averagedPick[i]),
                     QByteArray()});
    }
    QVERIFY(store::replacePredictions(db, run, rows).ok());
    auto b = compare::evaluationBreakdown(db, run);
    QVERIFY2(b.ok(), b.ok() ? "" : qPrintable(b.error().message));
    QCOMPARE(b->classNames, classNames);
    QCOMPARE(b->clips, 6);
    QCOMPARE(b->confusion, (QVector<int>{2, 0, 0, 0, 2, 0, 1, 0, 1}));
    QCOMPARE(b->perClass[0], 100.0);
    QCOMPARE(b->perClass[2], 50.0);
    QCOMPARE(b->top1, 500.0 / 6);
    QCOMPARE(b->views, 2);
    QCOMPARE(b->rescoredClips, 6);
    QCOMPARE(b->averagedTop1, 500.0 / 6); // as stored for view -1
    QCOMPARE(b->firstViewTop1, 50.0);
    QCOMPARE(b->perViewTop1, (QVector<double>{50.0, 100.0}));
    QVERIFY(!compare::evaluationBreakdown(db, run, QStringLiteral("noun")).ok());
}

void TestCompare::epicVerbNounAndAction()
{
    QTemporaryDir tmp;
    auto ws = store::Workspace::open(tmp.path());
    store::Database &db = (*ws)->db();
    const qint64 run = test::addEpicRun(db, QStringLiteral("epic"), config(QStringLiteral("epic"), 1));
    QVERIFY(run > 0);
    auto verb = compare::evaluationBreakdown(db, run);
    QVERIFY2(verb.ok(), verb.ok() ? "" : qPrintable(verb.error().message));
    QCOMPARE(verb->classNames, test::kEpicVerbs);
    QCOMPARE(verb->top1, 75.0);
    QVERIFY(verb->twoHeads());
    QCOMPARE(verb->nounTop1, 75.0);
    QCOMPARE(verb->actionTop1, 50.0);
    QCOMPARE(verb->views, 0); // no per-view logits stored: no re-scoring
    auto noun = compare::evaluationBreakdown(db, run, QStringLiteral("noun"));
    QVERIFY(noun.ok());
    QCOMPARE(noun->classNames, test::kEpicNouns);
    QCOMPARE(noun->top1, 75.0);
    // Noun truth 2, 2, 0, 1 predicted 0, 2, 0, 1.
    QCOMPARE(noun->confusion, (QVector<int>{1, 0, 0, 0, 1, 0, 1, 0, 1}));
    QVERIFY(!noun->twoHeads());
}

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"
