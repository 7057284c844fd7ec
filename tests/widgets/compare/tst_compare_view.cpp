// The run comparison view (widgets/compare/compare_view) on a synthetic workspace of its own with
// known numbers: a Table 4 ladder "t4" (audio, video, AVBottleneck) with two seeds each, two
// sweep runs with other statuses, a dataset of six test clips and the stored predictions of one
// run. The view loads in the background; the filters (text, config words, regex, status,
// dataset) leave the right rows; seed groups show mean ± std of the known values; the config
// diff shows exactly the differing keys; the summary at a step, Table 4 at the end and at the
// best epoch, the confusion matrix, per-class accuracy and multi-view re-scoring equal the
// numbers stored; the runs table exported as CSV parses back to the same numbers; the curves get
// the ticked runs and groups; the main window has the dock; a thousand runs load, paint and
// group quickly.
#include "../tst_widgets.h"

#include "core/compare/run_records.h"
#include "core/store/database.h"
#include "core/store/dataset_store.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/ablation.h"
#include "core/train/run_config.h"
#include "epic_predictions.h"
#include "widgets/compare/compare_view.h"
#include "widgets/compare/config_diff_tab.h"
#include "widgets/compare/curve_plot.h"
#include "widgets/compare/evaluation_tab.h"
#include "widgets/compare/ladder_tab.h"
#include "widgets/compare/runs_filter_model.h"
#include "widgets/compare/runs_model.h"
#include "widgets/compare/summary_tab.h"
#include "widgets/compare/table_export.h"
#include "widgets/shell/main_window.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>

#include <qcustomplot.h>

#include <cmath>
#include <cstring>

using namespace avt;
using namespace avt::widgets;

namespace {

const QString kTop1 = QStringLiteral("test/top1");
const QString kTop5 = QStringLiteral("test/top5");
const QString kLoss = QStringLiteral("train/loss");
const QStringList kClasses = {QStringLiteral("kick"), QStringLiteral("snare"), QStringLiteral("hat")};
const QList<int> kTruth = {0, 0, 1, 1, 2, 2};     // the six test clips' classes
const QList<int> kPredicted = {0, 1, 1, 1, 2, 0}; // t4-avbottleneck-seed1's predictions (view 0 too)
// View 1 differs on clip 1 only (predicts its true class, weakly): re-scored, view 2 alone is
// right on 5 of 6 clips, the averaged views and the first view on 4.
constexpr int kView1Clip = 1, kView1Class = 0;

// test/top1 at steps 5 and 10 of each ladder run: rung -> {seed1 (5, 10), seed2 (5, 10)}.
struct LadderValues {
    QString suffix;
    double s1at5, s1at10, s2at5, s2at10;
};
const QList<LadderValues> kLadder = {
    {QStringLiteral("audio"), 50, 60, 52, 64},
    {QStringLiteral("video"), 65, 70, 66, 72},
    {QStringLiteral("avbottleneck"), 78, 80, 90, 86},
};

double mean2(double a, double b) { return (a + b) / 2; }
double std2(double a, double b) { return std::abs(a - b) / std::sqrt(2.0); } // sample std of two values

bool near(double a, double b, double tol = 1e-9) { return std::abs(a - b) <= tol * std::max(1.0, std::abs(b)); }

QJsonObject makeConfig(const QStringList &settings)
{
    train::RunConfig cfg;
    if (auto st = cfg.applyOverrides(settings); !st)
        qFatal("bad test config: %s", qPrintable(st.error().message));
    return cfg.toJson();
}

QList<store::MetricRow> ladderRows(double at5, double at10, double lossOffset)
{
    QList<store::MetricRow> rows;
    for (int s = 1; s <= 10; ++s)
        rows.append(
            {s, (s - 1) / 5 + 1, QStringLiteral("train"), QStringLiteral("loss"), 2.0 - 0.1 * s + lossOffset, 3.0 * s});
    for (const auto &[step, v] : {std::pair{5, at5}, std::pair{10, at10}}) {
        rows.append({step, step / 5, QStringLiteral("test"), QStringLiteral("top1"), v, 3.0 * step});
        rows.append(
            {step, step / 5, QStringLiteral("test"), QStringLiteral("top5"), std::min(100.0, v + 15), 3.0 * step});
    }
    return rows;
}

QByteArray floats(const std::vector<float> &v)
{
    QByteArray b(int(v.size() * sizeof(float)), Qt::Uninitialized);
    std::memcpy(b.data(), v.data(), size_t(b.size()));
    return b;
}

std::vector<float> oneHot(int cls, float strength)
{
    std::vector<float> v(size_t(kClasses.size()), 0.f);
    v[size_t(cls)] = strength;
    return v;
}

// Comma-separated fields with "quoted, fields" and "" inside quotes.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QStringList fields;
        QString field;
        bool quoted = false;
        for (int i = 0; i < line.size(); ++i) {
            const QChar c = line[i];
            if (quoted) {
                if (c == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else if (c == QLatin1Char('"')) {
                    quoted = false;
                } else {
                    field += c;
                }
            } else if (c == QLatin1Char('"')) {
                quoted = true;
            } else if (c == QLatin1Char(',')) {
                fields.append(field);
                field.clear();
            } else {
                field += c;
            }
        }
        fields.append(field);
        rows.append(fields);
    }
    return rows;
}

bool waitLoaded(CompareView &view)
{
    return QTest::qWaitFor([&] { return !view.isLoading() && view.records(); }, 30000);
}

// The top-level proxy row whose name column (sort role: run name or group label) is `name`.
QModelIndex topRow(const CompareView &view, const QString &name)
{
    const RunsFilterModel *p = view.filterModel();
    for (int r = 0; r < p->rowCount(); ++r)
        if (p->index(r, 0).data(RunsModel::SortRole).toString() == name)
            return p->index(r, 0);
    return {};
}

QStringList visibleNames(const CompareView &view)
{
    QStringList names;
    for (int i : view.filterModel()->visibleRuns())
        names.append(view.runsModel()->record(i).info.name);
    names.sort();
    return names;
}

int indexOfRun(const CompareView &view, const QString &name)
{
    for (int i = 0; i < view.runsModel()->runCount(); ++i)
        if (view.runsModel()->record(i).info.name == name)
            return i;
    return -1;
}

} // namespace

void TestCompareView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_workspace = m_dir.filePath(QStringLiteral("ws"));
    auto ws = store::Workspace::open(m_workspace);
    QVERIFY2(ws, ws ? "" : qPrintable(ws.error().message));
    store::Database &db = (*ws)->db();

    // The dataset: six test clips, two per class.
    store::DatasetInfo ds;
    ds.name = QStringLiteral("synth");
    ds.format = QStringLiteral("csv");
    ds.mediaRoot = m_dir.path();
    auto dsId = store::upsertDataset(db, ds);
    QVERIFY(dsId);
    QList<data::Clip> clips;
    for (int i = 0; i < int(kTruth.size()); ++i) {
        data::Clip c;
        c.key = QStringLiteral("clip%1").arg(i);
        c.path = QStringLiteral("clip%1.mp4").arg(i);
        c.split = QStringLiteral("test");
        c.labels.append({QStringLiteral("class"), kClasses[kTruth[i]], kTruth[i]});
        clips.append(c);
    }
    QVERIFY(store::upsertClips(db, *dsId, clips));

    // The ladder: the rungs' settings from the ablation table, two seeds each.
    const QList<train::Rung> rungs = train::ladderRungs(QStringLiteral("table4"));
    for (const LadderValues &lv : kLadder) {
        const auto rung =
            std::find_if(rungs.cbegin(), rungs.cend(), [&](const train::Rung &r) { return r.suffix == lv.suffix; });
        QVERIFY(rung != rungs.cend());
        for (int seed : {1, 2}) {
            const QString name = QStringLiteral("t4-%1-seed%2").arg(lv.suffix).arg(seed);
            store::RunInfo info;
            info.name = name;
            info.datasetId = *dsId;
            info.status = QStringLiteral("finished");
            info.config =
                makeConfig(rung->settings
                           + QStringList{QStringLiteral("run.seed=%1").arg(seed),
                                         QStringLiteral("run.name=%1").arg(name), QStringLiteral("run.dataset=synth")});
            auto id = store::createRun(db, info);
            QVERIFY2(id, id ? "" : qPrintable(id.error().message));
            const QList<store::MetricRow> rows =
                seed == 1 ? ladderRows(lv.s1at5, lv.s1at10, 0.0) : ladderRows(lv.s2at5, lv.s2at10, 0.05);
            QVERIFY(store::insertMetrics(db, *id, rows));
            if (name == QLatin1String("t4-avbottleneck-seed1")) {
                QList<store::PredictionRow> preds;
                for (int i = 0; i < int(clips.size()); ++i) {
                    const int p = kPredicted[i];
                    const int other = (p + 1) % int(kClasses.size());
                    store::PredictionRow avg;
                    avg.clipId = clips[i].id;
                    avg.view = -1;
                    avg.topk = QStringLiteral("[[%1, 0.9], [%2, 0.05]]").arg(p).arg(other);
                    avg.logits = floats(oneHot(p, 5.f));
                    preds.append(avg);
                    store::PredictionRow v0 = avg;
                    v0.view = 0;
                    v0.topk = QStringLiteral("[[%1, 0.9]]").arg(p);
                    preds.append(v0);
                    store::PredictionRow v1 = v0;
                    v1.view = 1;
                    if (i == kView1Clip) {
                        v1.logits = floats(oneHot(kView1Class, 2.f));
                        v1.topk = QStringLiteral("[[%1, 0.7]]").arg(kView1Class);
                    }
                    preds.append(v1);
                }
                QVERIFY(store::replacePredictions(db, *id, preds));
            }
        }
    }
    // Two sweep runs: another learning rate, other statuses, one on two processes.
    for (const auto &[name, lr, status, world] :
         {std::tuple{QStringLiteral("sweep-lr-a"), QStringLiteral("0.001"), QStringLiteral("failed"), 1},
          std::tuple{QStringLiteral("sweep-lr-b"), QStringLiteral("0.01"), QStringLiteral("stopped"), 2}}) {
        store::RunInfo info;
        info.name = name;
        info.datasetId = *dsId;
        info.status = status;
        info.worldSize = world;
        info.config = makeConfig({QStringLiteral("optim.lr=%1").arg(lr), QStringLiteral("run.name=%1").arg(name),
                                  QStringLiteral("run.dataset=synth")});
        auto id = store::createRun(db, info);
        QVERIFY(id);
        QVERIFY(store::updateRunStatus(db, *id, status, QStringLiteral("stopped by the test")));
        QList<store::MetricRow> rows;
        for (int s = 1; s <= 4; ++s)
            rows.append({s, 1, QStringLiteral("train"), QStringLiteral("loss"), 3.0 - 0.2 * s, 2.0 * s});
        QVERIFY(store::insertMetrics(db, *id, rows));
    }
}

void TestCompareView::loadsInTheBackground()
{
    CompareView view;
    QAbstractItemModelTester tester(view.runsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&view, &CompareView::loaded);
    QElapsedTimer t;
    t.start();
    view.setWorkspace(m_workspace);
    const qint64 callMs = t.elapsed();
    // The call returns before the records arrive: nothing is read on the GUI thread.
    QVERIFY(view.isLoading());
    QCOMPARE(view.runsModel()->runCount(), 0);
    QCOMPARE(loaded.count(), 0);
    QVERIFY2(callMs < 500, qPrintable(QStringLiteral("setWorkspace took %1 ms").arg(callMs)));
    QVERIFY(loaded.wait(30000));
    QCOMPARE(loaded.first().at(0).toBool(), true);
    QCOMPARE(view.runsModel()->runCount(), 8);
    QStringList names;
    for (int i = 0; i < view.runsModel()->runCount(); ++i)
        names.append(view.runsModel()->record(i).info.name);
    for (const LadderValues &lv : kLadder)
        for (int seed : {1, 2})
            QVERIFY(names.contains(QStringLiteral("t4-%1-seed%2").arg(lv.suffix).arg(seed)));
    QVERIFY(names.contains(QStringLiteral("sweep-lr-a")) && names.contains(QStringLiteral("sweep-lr-b")));
    QCOMPARE(view.filterModel()->rowCount(), 8);
    // The metrics become columns; the final test/top1 of a run is its last value.
    const int top1 = view.runsModel()->metricColumn(kTop1);
    QVERIFY(top1 > 0);
    const QModelIndex audio1 = topRow(view, QStringLiteral("t4-audio-seed1"));
    QVERIFY(audio1.isValid());
    QCOMPARE(audio1.siblingAtColumn(top1).data(RunsModel::ValueRole).toDouble(), 60.0);
    QCOMPARE(audio1.siblingAtColumn(1).data().toString(), QStringLiteral("synth"));
    QCOMPARE(topRow(view, QStringLiteral("sweep-lr-b")).siblingAtColumn(2).data().toString(),
             QStringLiteral("stopped"));
    // Best and at-step values.
    view.findChild<QComboBox *>(QStringLiteral("valueCombo"))->setCurrentIndex(1); // best
    const QModelIndex av2 = topRow(view, QStringLiteral("t4-avbottleneck-seed2"));
    QCOMPARE(av2.siblingAtColumn(top1).data(RunsModel::ValueRole).toDouble(), 90.0);
    view.findChild<QSpinBox *>(QStringLiteral("stepSpin"))->setValue(7);
    view.findChild<QComboBox *>(QStringLiteral("valueCombo"))->setCurrentIndex(2); // at step 7: the step-5 value
    QVERIFY(QTest::qWaitFor(
        [&] {
            return std::isfinite(topRow(view, QStringLiteral("t4-avbottleneck-seed2"))
                                     .siblingAtColumn(top1)
                                     .data(RunsModel::ValueRole)
                                     .toDouble());
        },
        10000));
    QCOMPARE(topRow(view, QStringLiteral("t4-avbottleneck-seed2"))
                 .siblingAtColumn(top1)
                 .data(RunsModel::ValueRole)
                 .toDouble(),
             90.0);
    QCOMPARE(topRow(view, QStringLiteral("t4-audio-seed1")).siblingAtColumn(top1).data(RunsModel::ValueRole).toDouble(),
             50.0);
    // Sorting by the metric: highest first, runs without the metric last.
    view.findChild<QComboBox *>(QStringLiteral("valueCombo"))->setCurrentIndex(0);
    view.runsTree()->sortByColumn(top1, Qt::DescendingOrder);
    QCOMPARE(view.filterModel()->index(0, 0).data(RunsModel::SortRole).toString(),
             QStringLiteral("t4-avbottleneck-seed2"));
    QVERIFY(!std::isfinite(view.filterModel()->index(7, top1).data(RunsModel::ValueRole).toDouble()));
}

void TestCompareView::filtersLeaveTheRightRows()
{
    CompareView view;
    view.setWorkspace(m_workspace);
    QVERIFY(waitLoaded(view));
    view.setFilterText(QStringLiteral("seed1"));
    QCOMPARE(visibleNames(view), (QStringList{QStringLiteral("t4-audio-seed1"), QStringLiteral("t4-avbottleneck-seed1"),
                                              QStringLiteral("t4-video-seed1")}));
    // Config words: key=value entries, combined with name words.
    view.setFilterText(QStringLiteral("fusion.mode=video"));
    QCOMPARE(visibleNames(view), (QStringList{QStringLiteral("t4-video-seed1"), QStringLiteral("t4-video-seed2")}));
    view.setFilterText(QStringLiteral("fusion.mode=video SEED2"));
    QCOMPARE(visibleNames(view), QStringList{QStringLiteral("t4-video-seed2")});
    view.setFilterText(QStringLiteral("optim.lr=0.01"));
    QCOMPARE(visibleNames(view), QStringList{QStringLiteral("sweep-lr-b")});
    // Regular expressions on the name or a config line.
    view.setFilterText(QStringLiteral("^t4-(audio|video)-seed2$"), true);
    QCOMPARE(visibleNames(view), (QStringList{QStringLiteral("t4-audio-seed2"), QStringLiteral("t4-video-seed2")}));
    view.setFilterText(QStringLiteral("^run\\.seed=2$"), true);
    QCOMPARE(visibleNames(view).size(), 3);
    view.setFilterText(QStringLiteral("(unclosed"), true);
    QVERIFY(!view.filterModel()->isPatternValid());
    QCOMPARE(visibleNames(view).size(), 8);
    view.setFilterText(QString());
    // Status and dataset.
    view.setStatusFilter(QStringLiteral("failed"));
    QCOMPARE(visibleNames(view), QStringList{QStringLiteral("sweep-lr-a")});
    view.setStatusFilter(QStringLiteral("finished"));
    QCOMPARE(visibleNames(view).size(), 6);
    view.setStatusFilter(QString());
    view.setDatasetFilter(QStringLiteral("synth"));
    QCOMPARE(visibleNames(view).size(), 8);
    view.setDatasetFilter(QString());
    // Filtering groups: a group shows while any of its runs does.
    view.setGrouping(CompareView::Grouping::Seeds);
    view.setFilterText(QStringLiteral("video-seed2"));
    QCOMPARE(view.filterModel()->rowCount(), 1);
    const QModelIndex group = view.filterModel()->index(0, 0);
    QCOMPARE(group.data(RunsModel::SortRole).toString(), QStringLiteral("t4-video"));
    QCOMPARE(view.filterModel()->rowCount(group), 1);
}

void TestCompareView::seedGroupsShowMeanAndStd()
{
    CompareView view;
    QAbstractItemModelTester tester(view.runsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.setWorkspace(m_workspace);
    QVERIFY(waitLoaded(view));
    view.setGrouping(CompareView::Grouping::Seeds);
    // Three ladder groups of two seeds, the sweep runs alone.
    QCOMPARE(view.filterModel()->rowCount(), 5);
    const int top1 = view.runsModel()->metricColumn(kTop1);
    for (const LadderValues &lv : kLadder) {
        const QModelIndex g = topRow(view, QStringLiteral("t4-") + lv.suffix);
        QVERIFY2(g.isValid(), qPrintable(lv.suffix));
        QCOMPARE(view.filterModel()->rowCount(g), 2);
        const QModelIndex cell = g.siblingAtColumn(top1);
        QVERIFY(near(cell.data(RunsModel::ValueRole).toDouble(), mean2(lv.s1at10, lv.s2at10)));
        QVERIFY(near(cell.data(RunsModel::StdRole).toDouble(), std2(lv.s1at10, lv.s2at10)));
        QCOMPARE(cell.data(RunsModel::CountRole).toInt(), 2);
        QCOMPARE(cell.data().toString(), QStringLiteral("%1 ± %2")
                                             .arg(mean2(lv.s1at10, lv.s2at10), 0, 'f', 2)
                                             .arg(std2(lv.s1at10, lv.s2at10), 0, 'f', 2));
        // Children are the runs with their own values.
        QStringList children;
        for (int c = 0; c < 2; ++c)
            children.append(view.filterModel()->index(c, 0, g).data(RunsModel::SortRole).toString());
        children.sort();
        QCOMPARE(children, (QStringList{QStringLiteral("t4-%1-seed1").arg(lv.suffix),
                                        QStringLiteral("t4-%1-seed2").arg(lv.suffix)}));
    }
    // Ticking a group ticks its runs; groups and their runs share a colour.
    const QModelIndex audio = topRow(view, QStringLiteral("t4-audio"));
    QVERIFY(view.filterModel()->setData(audio, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(view.checkedRuns(), (QStringList{QStringLiteral("t4-audio-seed1"), QStringLiteral("t4-audio-seed2")}));
    QCOMPARE(audio.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
    const QColor groupColour = audio.data(Qt::DecorationRole).value<QColor>();
    QVERIFY(groupColour.isValid());
    QCOMPARE(view.filterModel()->index(0, 0, audio).data(Qt::DecorationRole).value<QColor>(), groupColour);
    view.setCheckedRuns({QStringLiteral("t4-audio-seed1")});
    QCOMPARE(audio.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::PartiallyChecked);
    // Grouping by a config key.
    view.setGrouping(CompareView::Grouping::Key, QStringLiteral("model.fusion.mode"));
    QCOMPARE(view.runsModel()->groups().size(), 3); // audio, video, avt (AVBottleneck and the sweeps' default)
    // Colours by a config key: runs with one value alike.
    view.setGrouping(CompareView::Grouping::None);
    view.setColourKey(QStringLiteral("model.fusion.mode"));
    QCOMPARE(topRow(view, QStringLiteral("t4-video-seed1")).data(Qt::DecorationRole).value<QColor>(),
             topRow(view, QStringLiteral("t4-video-seed2")).data(Qt::DecorationRole).value<QColor>());
    QVERIFY(topRow(view, QStringLiteral("t4-video-seed1")).data(Qt::DecorationRole).value<QColor>()
            != topRow(view, QStringLiteral("t4-audio-seed1")).data(Qt::DecorationRole).value<QColor>());
}

void TestCompareView::configDiffShowsTheDifferingKeys()
{
    CompareView view;
    view.setWorkspace(m_workspace);
    QVERIFY(waitLoaded(view));
    view.tabs()->setCurrentWidget(view.configDiff());
    view.setCheckedRuns({QStringLiteral("t4-audio-seed1"), QStringLiteral("t4-video-seed2")});
    QVERIFY(QTest::qWaitFor([&] { return view.configDiff()->table()->columnCount() == 2; }, 5000));
    QVERIFY(view.configDiff()->differencesOnly()->isChecked());
    // Audio only vs video only differ in the fusion mode, and these two runs in the seed.
    QStringList expected{QStringLiteral("model.fusion.mode"), QStringLiteral("run.seed")};
    QCOMPARE(view.configDiff()->shownKeys(), expected);
    QCOMPARE(view.configDiff()->table()->item(0, 0)->text(), QStringLiteral("audio"));
    QCOMPARE(view.configDiff()->table()->item(0, 1)->text(), QStringLiteral("video"));
    QCOMPARE(view.configDiff()->table()->horizontalHeaderItem(1)->text(), QStringLiteral("t4-video-seed2"));
    // Everything when unchecked; the automatic config columns of the runs table follow the ticks.
    view.configDiff()->differencesOnly()->setChecked(false);
    const int all = int(view.runsModel()->record(0).config.size());
    QCOMPARE(view.configDiff()->shownKeys().size(), all);
    QCOMPARE(view.runsModel()->configColumns(),
             (QStringList{QStringLiteral("model.fusion.mode"), QStringLiteral("run.seed")}));
}

void TestCompareView::summaryAtAStep()
{
    CompareView view;
    view.setWorkspace(m_workspace);
    QVERIFY(waitLoaded(view));
    view.setGrouping(CompareView::Grouping::Seeds);
    view.tabs()->setCurrentWidget(view.summary());
    QStringList ladder;
    for (const LadderValues &lv : kLadder)
        ladder << QStringLiteral("t4-%1-seed1").arg(lv.suffix) << QStringLiteral("t4-%1-seed2").arg(lv.suffix);
    view.setCheckedRuns(ladder);
    compare::SummarySpec at5;
    at5.at = compare::SummaryAt::Step;
    at5.step = 5;
    QSignalSpy updated(view.summary(), &SummaryTab::updated);
    view.summary()->setSpec(at5);
    QVERIFY(QTest::qWaitFor([&] { return !view.summary()->isLoading() && view.summary()->table().rows.size() == 3; },
                            10000));
    const compare::Table &t = view.summary()->table();
    const int col = int(t.headers.indexOf(QStringLiteral("%1 @step=5").arg(kTop1)));
    QVERIFY2(col > 0, qPrintable(t.headers.join(QLatin1Char(','))));
    for (int r = 0; r < 3; ++r) {
        const LadderValues &lv = kLadder[r];
        QCOMPARE(t.rows[r][0].text, QStringLiteral("t4-") + lv.suffix);
        QVERIFY(near(t.rows[r][col].value, mean2(lv.s1at5, lv.s2at5)));
        QVERIFY(near(t.rows[r][col].std, std2(lv.s1at5, lv.s2at5)));
        QCOMPARE(view.summary()->tableWidget()->item(r, col)->data(kTableValueRole).toDouble(), t.rows[r][col].value);
    }
}

void TestCompareView::table4RowsAndValues()
{
    CompareView view;
    view.setWorkspace(m_workspace);
    QVERIFY(waitLoaded(view));
    view.tabs()->setCurrentWidget(view.ladder());
    QVERIFY(
        QTest::qWaitFor([&] { return !view.ladder()->isLoading() && !view.ladder()->table().rows.isEmpty(); }, 10000));
    QCOMPARE(view.findChild<QComboBox *>(QStringLiteral("ladderPrefixCombo"))->currentText(), QStringLiteral("t4"));
    const auto check = [&](bool best) {
        const compare::Table &t = view.ladder()->table();
        QCOMPARE(t.rows.size(), 3);
        QCOMPARE(t.headers.mid(0, 3),
                 (QStringList{QStringLiteral("Method"), QStringLiteral("Top-1"), QStringLiteral("Top-5")}));
        const QStringList labels{QStringLiteral("Audio Only"), QStringLiteral("Video Only"),
                                 QStringLiteral("AVBottleneck")};
        for (int r = 0; r < 3; ++r) {
            const LadderValues &lv = kLadder[r];
            // At the best top-1 epoch: the larger of the two evaluations of each seed.
            const double a = best ? std::max(lv.s1at5, lv.s1at10) : lv.s1at10;
            const double b = best ? std::max(lv.s2at5, lv.s2at10) : lv.s2at10;
            QCOMPARE(t.rows[r][0].text, labels[r]);
            QVERIFY(near(t.rows[r][1].value, mean2(a, b)));
            QVERIFY(near(t.rows[r][1].std, std2(a, b)));
            QVERIFY(near(t.rows[r][2].value, mean2(std::min(100.0, a + 15), std::min(100.0, b + 15))));
            QCOMPARE(view.ladder()->tableWidget()->item(r, 1)->text(),
                     QStringLiteral("%1 ± %2").arg(mean2(a, b), 0, 'f', 2).arg(std2(a, b), 0, 'f', 2));
        }
    };
    check(false);
    view.ladder()->setAtBest(true);
    QVERIFY(QTest::qWaitFor([&] { return !view.ladder()->isLoading(); }, 10000));
    check(true);
    // Exported as LaTeX in the paper's layout.
    const QString tex = m_dir.filePath(QStringLiteral("table4.tex"));
    QVERIFY(writeTable(view.ladder()->table(), tex));
    QFile f(tex);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY(text.contains(QStringLiteral("AVBottleneck & 85.00 $\\pm$ 7.07")));
}

void TestCompareView::confusionMatrixEqualsPredictions()
{
    CompareView view;
    view.resize(1400, 900);
    view.setWorkspace(m_workspace);
    QVERIFY(waitLoaded(view));
    view.tabs()->setCurrentWidget(view.evaluation());
    EvaluationTab *eval = view.evaluation();
    const int run = indexOfRun(view, QStringLiteral("t4-avbottleneck-seed1"));
    eval->setRuns(run);
    QVERIFY(QTest::qWaitFor([&] { return !eval->isLoading(); }, 10000));
    QVERIFY2(eval->breakdownA().has_value(), qPrintable(eval->message()));
    const compare::EvaluationBreakdown &b = *eval->breakdownA();
    QCOMPARE(b.classNames, kClasses);
    QCOMPARE(b.clips, 6);
    // Counts: rows are the true class, columns the prediction.
    int expected[3][3] = {};
    for (int i = 0; i < int(kTruth.size()); ++i)
        expected[kTruth[i]][kPredicted[i]]++;
    QCPColorMap *map = eval->confusionMap();
    QCOMPARE(map->data()->keySize(), 3);
    QCOMPARE(map->data()->valueSize(), 3);
    for (int t = 0; t < 3; ++t)
        for (int p = 0; p < 3; ++p) {
            QCOMPARE(b.confusion[t * 3 + p], expected[t][p]);
            QCOMPARE(map->data()->cell(p, t), double(expected[t][p]));
        }
    eval->setNormalised(true);
    for (int t = 0; t < 3; ++t)
        for (int p = 0; p < 3; ++p)
            QVERIFY(near(map->data()->cell(p, t), expected[t][p] / 2.0));
    // Per-class accuracy bars: kick 1/2, snare 2/2, hat 1/2.
    QCOMPARE(eval->barsPlot()->plottableCount(), 1);
    auto *bars = qobject_cast<QCPBars *>(eval->barsPlot()->plottable(0));
    QVERIFY(bars);
    QCOMPARE(bars->data()->size(), 3);
    QCOMPARE(bars->data()->at(0)->value, 50.0);
    QCOMPARE(bars->data()->at(1)->value, 100.0);
    QCOMPARE(bars->data()->at(2)->value, 50.0);
    // Multi-view re-scoring: averaged 4/6, first view 4/6, view 2 alone 5/6.
    QCOMPARE(b.views, 2);
    QVERIFY(near(b.averagedTop1, 400.0 / 6));
    QVERIFY(near(b.firstViewTop1, 400.0 / 6));
    QVERIFY(near(b.perViewTop1.value(1), 500.0 / 6));
    QTableWidget *rescore = eval->rescoreTable();
    QCOMPARE(rescore->columnCount(), 1);
    QCOMPARE(rescore->item(1, 0)->text(), QStringLiteral("66.67 %"));
    QCOMPARE(rescore->item(4, 0)->text(), QStringLiteral("83.33 %"));
    // Exports.
    QVERIFY(eval->exportMatrix(m_dir.filePath(QStringLiteral("confusion.png"))));
    QVERIFY(eval->exportBars(m_dir.filePath(QStringLiteral("bars.pdf"))));
    QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("confusion.png"))).size() > 0);
    // With run B: two series of bars; B without predictions gets a message.
    const int noPredictions = indexOfRun(view, QStringLiteral("t4-audio-seed1"));
    eval->setRuns(run, noPredictions);
    QVERIFY(QTest::qWaitFor([&] { return !eval->isLoading(); }, 10000));
    QVERIFY(eval->breakdownA().has_value());
    QVERIFY(!eval->breakdownB().has_value());
    QVERIFY2(eval->message().contains(QStringLiteral("t4-audio-seed1 has no stored predictions")),
             qPrintable(eval->message()));
    eval->setRuns(noPredictions);
    QVERIFY(QTest::qWaitFor([&] { return !eval->isLoading(); }, 10000));
    QVERIFY(!eval->breakdownA().has_value());
    QCOMPARE(eval->barsPlot()->plottableCount(), 0);
    QVERIFY(!eval->confusionMap()->visible());
}

// A two-head run (EPIC-KITCHENS): the tab says verb, noun and action top-1, offers the head
// choice, and the noun head's matrix has the noun classes; plots export as SVG too.
void TestCompareView::epicRunsShowVerbNounAndAction()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("ws"));
    {
        auto ws = store::Workspace::open(folder);
        QVERIFY(ws);
        QVERIFY(
            test::addEpicRun((*ws)->db(), QStringLiteral("epic-run"), makeConfig({QStringLiteral("run.name=epic-run")}))
            > 0);
    }
    CompareView view;
    view.resize(1400, 900);
    view.show();
    view.setWorkspace(folder);
    QVERIFY(waitLoaded(view));
    view.tabs()->setCurrentWidget(view.evaluation());
    EvaluationTab *eval = view.evaluation();
    eval->setRuns(indexOfRun(view, QStringLiteral("epic-run")));
    QVERIFY(QTest::qWaitFor([&] { return !eval->isLoading() && eval->breakdownA(); }, 10000));
    QVERIFY2(eval->message().contains(QStringLiteral("verb top-1 75.00 %"))
                 && eval->message().contains(QStringLiteral("noun top-1 75.00 %"))
                 && eval->message().contains(QStringLiteral("action top-1 50.00 %")),
             qPrintable(eval->message()));
    auto *head = eval->findChild<QComboBox *>(QStringLiteral("evalHeadCombo"));
    QVERIFY(head && head->isVisible());
    QCOMPARE(eval->breakdownA()->classNames, test::kEpicVerbs);
    QSignalSpy updated(eval, &EvaluationTab::updated);
    eval->setHead(QStringLiteral("noun"));
    QVERIFY(updated.wait(10000));
    QCOMPARE(eval->breakdownA()->classNames, test::kEpicNouns);
    QCOMPARE(eval->confusionMap()->data()->keySize(), 3);
    // The verb / noun / action line stays while the noun head is shown.
    QVERIFY(eval->message().contains(QStringLiteral("action top-1 50.00 %")));
    const QString svg = dir.filePath(QStringLiteral("confusion.svg"));
    QVERIFY(eval->exportMatrix(svg));
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("<svg"));
}

void TestCompareView::runsTableCsvRoundTrip()
{
    CompareView view;
    view.setWorkspace(m_workspace);
    QVERIFY(waitLoaded(view));
    // Runs: each run's final values.
    const QString flat = m_dir.filePath(QStringLiteral("runs.csv"));
    QVERIFY(view.exportRunsTable(flat));
    QFile f(flat);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QList<QStringList> rows = parseCsv(QString::fromUtf8(f.readAll()));
    f.close();
    QCOMPARE(rows.size(), 1 + 8);
    int top1 = int(rows[0].indexOf(kTop1)), loss = int(rows[0].indexOf(kLoss));
    QVERIFY(top1 > 0 && loss > 0);
    QVERIFY(rows[0].contains(QStringLiteral("World size")));
    QHash<QString, QStringList> byName;
    for (const QStringList &r : rows.mid(1))
        byName.insert(r[0], r);
    QCOMPARE(byName.value(QStringLiteral("t4-video-seed2")).value(top1).toDouble(), 72.0);
    QVERIFY(near(byName.value(QStringLiteral("t4-video-seed2")).value(loss).toDouble(), 2.0 - 1.0 + 0.05));
    QCOMPARE(byName.value(QStringLiteral("sweep-lr-a")).value(top1), QString()); // no value
    QCOMPARE(byName.value(QStringLiteral("sweep-lr-b")).last(), QStringLiteral("2"));

    // Seed groups: mean, std and n columns.
    view.setGrouping(CompareView::Grouping::Seeds);
    const QString grouped = m_dir.filePath(QStringLiteral("groups.csv"));
    QVERIFY(view.exportRunsTable(grouped));
    f.setFileName(grouped);
    QVERIFY(f.open(QIODevice::ReadOnly));
    rows = parseCsv(QString::fromUtf8(f.readAll()));
    QCOMPARE(rows.size(), 1 + 5);
    top1 = int(rows[0].indexOf(kTop1));
    const int top1Std = int(rows[0].indexOf(kTop1 + QStringLiteral(" std")));
    const int top1N = int(rows[0].indexOf(kTop1 + QStringLiteral(" n")));
    QVERIFY(top1 > 0 && top1Std == top1 + 1 && top1N == top1 + 2);
    byName.clear();
    for (const QStringList &r : rows.mid(1))
        byName.insert(r[0], r);
    for (const LadderValues &lv : kLadder) {
        const QStringList r = byName.value(QStringLiteral("t4-") + lv.suffix);
        QCOMPARE(r.value(1), QStringLiteral("2")); // runs
        QVERIFY(near(r.value(top1).toDouble(), mean2(lv.s1at10, lv.s2at10), 1e-12));
        QVERIFY(near(r.value(top1Std).toDouble(), std2(lv.s1at10, lv.s2at10), 1e-12));
        QCOMPARE(r.value(top1N), QStringLiteral("2"));
    }
    // Markdown and LaTeX by the suffix.
    QVERIFY(view.exportRunsTable(m_dir.filePath(QStringLiteral("groups.md"))));
    QVERIFY(view.exportRunsTable(m_dir.filePath(QStringLiteral("groups.tex"))));
    QVERIFY(!view.exportRunsTable(m_dir.filePath(QStringLiteral("groups.xyz"))));
}

void TestCompareView::curvesGetTheTickedRuns()
{
    CompareView view;
    view.resize(1400, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setWorkspace(m_workspace);
    QVERIFY(waitLoaded(view));
    view.tabs()->setCurrentWidget(view.curvePlot());
    view.setGrouping(CompareView::Grouping::Seeds);
    QSignalSpy drawn(view.curvePlot(), &CurvePlot::drawn);
    view.curvePlot()->setMetric(kTop1);
    view.setCheckedRuns({QStringLiteral("t4-audio-seed1"), QStringLiteral("t4-audio-seed2"),
                         QStringLiteral("t4-video-seed1"), QStringLiteral("t4-video-seed2")});
    QVERIFY(QTest::qWaitFor([&] { return !drawn.isEmpty() && !view.curvePlot()->isLoading(); }, 20000));
    QCOMPARE(view.curvePlot()->metric(), kTop1);
    QVERIFY(view.curvePlot()->plot()->graphCount() >= 2);
    // The read-out lists the two groups' curves at step 10.
    const QString readout = view.curvePlot()->readoutAt(10).join(QLatin1Char('\n'));
    QVERIFY2(readout.contains(QStringLiteral("t4-audio")) && readout.contains(QStringLiteral("t4-video")),
             qPrintable(readout));
    QCOMPARE(view.selection().groups.size(), 2);
}

void TestCompareView::mainWindowHasTheDock()
{
    MainWindow w;
    auto *dock = w.findChild<QDockWidget *>(QStringLiteral("RunComparisonDock"));
    QVERIFY(dock);
    QVERIFY(dock->isAncestorOf(w.compareView())); // inside the dock's scroll area
    QVERIFY(dock->toggleViewAction()->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_4));
    QVERIFY(w.openWorkspace(m_workspace));
    QVERIFY(waitLoaded(*w.compareView()));
    QCOMPARE(w.compareView()->runsModel()->runCount(), 8);
}

void TestCompareView::thousandRunsStayFast()
{
    constexpr int kRuns = 1000;
    const QString folder = m_dir.filePath(QStringLiteral("many"));
    {
        auto ws = store::Workspace::open(folder);
        QVERIFY(ws);
        store::Database &db = (*ws)->db();
        QList<QJsonObject> configs;
        for (int lr = 0; lr < 10; ++lr)
            for (int seed = 1; seed <= 3; ++seed)
                configs.append(makeConfig(
                    {QStringLiteral("optim.lr=%1").arg(1e-4 * (lr + 1)), QStringLiteral("run.seed=%1").arg(seed)}));
        const Status st = db.transaction([&]() -> Status {
            store::Statement run = db.prepare(
                QStringLiteral("INSERT INTO runs (name, config, status, world_size) VALUES (?1, ?2, 'finished', 1)"));
            store::Statement metric =
                db.prepare(QStringLiteral("INSERT INTO metrics (run_id, step, epoch, split, name, value, wall_time) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
            if (!run.isValid() || !metric.isValid())
                return makeError(QStringLiteral("sql"), db.lastError());
            for (int i = 0; i < kRuns; ++i) {
                run.reset();
                run.bind(1, QStringLiteral("sweep-%1-seed%2").arg(i / 3, 4, 10, QLatin1Char('0')).arg(i % 3 + 1))
                    .bind(2,
                          QString::fromUtf8(QJsonDocument(configs[i % configs.size()]).toJson(QJsonDocument::Compact)));
                if (auto s = run.exec(); !s)
                    return s;
                const qint64 id = db.lastInsertId();
                for (const auto &[split, name] : {std::pair{QStringLiteral("train"), QStringLiteral("loss")},
                                                  std::pair{QStringLiteral("test"), QStringLiteral("top1")},
                                                  std::pair{QStringLiteral("test"), QStringLiteral("top5")}})
                    for (int step = 1; step <= 3; ++step) {
                        metric.reset();
                        metric.bind(1, id)
                            .bind(2, step)
                            .bind(3, step)
                            .bind(4, split)
                            .bind(5, name)
                            .bind(6, double((i * 7 + step) % 100))
                            .bind(7, 1.0 * step);
                        if (auto s = metric.exec(); !s)
                            return s;
                    }
            }
            return Ok{};
        });
        QVERIFY2(st, st ? "" : qPrintable(st.error().message));
    }
    CompareView view;
    view.resize(1600, 1000);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy loaded(&view, &CompareView::loaded);
    avt::testing::resetLongestDispatch();
    QElapsedTimer t;
    t.start();
    view.setWorkspace(folder);
    QVERIFY(loaded.wait(30000));
    view.runsTree()->viewport()->repaint();
    const qint64 firstPaint = t.elapsed();
    QCOMPARE(view.runsModel()->runCount(), kRuns);
    qInfo("1000 runs: first paint after %lld ms (longest GUI dispatch %.0f ms: %s)", firstPaint,
          avt::testing::longestDispatch().cpuMs, qPrintable(avt::testing::longestDispatch().what));
    QVERIFY2(firstPaint < 1000, qPrintable(QStringLiteral("first paint after %1 ms").arg(firstPaint)));

    t.restart();
    view.setGrouping(CompareView::Grouping::Key, QStringLiteral("optim.lr"));
    view.runsTree()->viewport()->repaint();
    const qint64 grouping = t.elapsed();
    QCOMPARE(view.runsModel()->groups().size(), 10);
    t.restart();
    view.setGrouping(CompareView::Grouping::Seeds);
    view.runsTree()->viewport()->repaint();
    const qint64 seeds = t.elapsed();
    QCOMPARE(view.runsModel()->groups().size(), 10);
    // Runs 6, 7, 8 of every 30 have the third learning rate: 33 full cycles and 990..999.
    const QString lr = view.runsModel()->record(6).config.value(QStringLiteral("optim.lr"));
    t.restart();
    view.setFilterText(QStringLiteral("optim.lr=") + lr);
    view.runsTree()->viewport()->repaint();
    const qint64 filtering = t.elapsed();
    QCOMPARE(view.filterModel()->visibleRuns().size(), 102);
    qInfo("1000 runs: grouping by a key %lld ms, by seeds %lld ms, filtering %lld ms", grouping, seeds, filtering);
    QVERIFY2(grouping < 100, qPrintable(QStringLiteral("grouping took %1 ms").arg(grouping)));
    QVERIFY2(seeds < 100, qPrintable(QStringLiteral("grouping seeds took %1 ms").arg(seeds)));
}
