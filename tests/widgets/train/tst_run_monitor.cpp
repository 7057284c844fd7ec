// The live view of a training run (widgets/train/run_monitor) on a workspace of its own: runs,
// metric rows, launch.jsonl progress events and logs are written by the test with known numbers;
// the plots grow incrementally, the figures equal what the test computes from the same records,
// failed and dead runs say why, logs show their tails, a run switch drops the old run's results,
// and polling a large run never stalls the GUI thread.
#include "../tst_widgets.h"

#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "widgets/train/run_monitor.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <qcustomplot.h>

#include <cmath>
#include <memory>

using namespace avt;
using namespace avt::widgets;

namespace {

constexpr int kStepsPerRecord = 10; // run.log_every of the synthetic runs
constexpr int kNoPolling = 600000;  // a poll interval that leaves polls to refresh()

// Known values of train record i (1-based), recorded at step kStepsPerRecord * i.
double lossAt(int i) { return 2.0 / (1.0 + 0.01 * i); }
double clsAt(int i) { return 1.5 / (1.0 + 0.02 * i); }
double lrAt(int i) { return 1e-3 * (1.0 - i / 10000.0); }
double stepSecondsAt(int i) { return 0.2 + 0.01 * (i % 7); }
double waitSecondsAt(int i) { return 0.02 + 0.005 * (i % 3); }

QList<store::MetricRow> trainRows(int from, int to)
{
    QList<store::MetricRow> rows;
    const QString train = QStringLiteral("train");
    for (int i = from; i <= to; ++i) {
        const qint64 step = qint64(kStepsPerRecord) * i;
        const int epoch = int(step / 200);
        const double wall = 0.5 * i;
        rows.append({step, epoch, train, QStringLiteral("loss"), lossAt(i), wall});
        rows.append({step, epoch, train, QStringLiteral("loss.cls"), clsAt(i), wall});
        rows.append({step, epoch, train, QStringLiteral("lr"), lrAt(i), wall});
        rows.append({step, epoch, train, QStringLiteral("step_s"), stepSecondsAt(i), wall});
        rows.append({step, epoch, train, QStringLiteral("data_wait_s"), waitSecondsAt(i), wall});
    }
    return rows;
}

QJsonObject optimConfig(int epochs, int batch, int accumulate)
{
    return {{QStringLiteral("optim"), QJsonObject{{QStringLiteral("epochs"), epochs},
                                                  {QStringLiteral("batch"), batch},
                                                  {QStringLiteral("accumulate"), accumulate}}}};
}

// A run stored as running by `pid` on this host (effectiveStatus: running while pid lives).
qint64 addRun(store::Database &db, const QString &name, const QString &status, qint64 pid = 0,
              const QJsonObject &config = {}, int worldSize = 1)
{
    store::RunInfo info;
    info.name = name;
    info.status = status;
    info.pid = pid;
    info.host = store::hostName();
    info.config = config;
    info.worldSize = worldSize;
    auto id = store::createRun(db, info);
    return id ? *id : 0;
}

QString logsDir(const QString &workspace, const QString &run)
{
    const QString dir = QDir(workspace).filePath(QStringLiteral("runs/%1/logs").arg(run));
    QDir().mkpath(dir);
    return dir;
}

bool append(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::Append) && f.write(bytes) == bytes.size();
}

QByteArray jsonLine(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n'; }

QJsonObject stepEvent(int epoch, qint64 step, int batch, int batches)
{
    return {{QStringLiteral("event"), QStringLiteral("step")},
            {QStringLiteral("epoch"), epoch},
            {QStringLiteral("step"), step},
            {QStringLiteral("batch"), batch},
            {QStringLiteral("batches"), batches},
            {QStringLiteral("lr"), 1e-3}};
}

QCPGraph *graphNamed(QCustomPlot *plot, const QString &name)
{
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->name() == name)
            return plot->graph(i);
    return nullptr;
}

QStringList graphNames(QCustomPlot *plot)
{
    QStringList out;
    for (int i = 0; i < plot->graphCount(); ++i)
        out << plot->graph(i)->name();
    out.sort();
    return out;
}

double meanOf(int from, int to, double (*f)(int))
{
    double sum = 0;
    for (int i = from; i <= to; ++i)
        sum += f(i);
    return sum / (to - from + 1);
}

bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

QString labelText(const RunMonitor &m, const char *name)
{
    const auto *label = m.findChild<QLabel *>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QLatin1String(name));
}

// Sets the run and waits for the first merged poll.
bool follow(RunMonitor &m, const QString &workspace, const QString &run)
{
    QSignalSpy updated(&m, &RunMonitor::updated);
    m.setPollInterval(kNoPolling);
    m.setWorkspace(workspace);
    m.setRun(run);
    return updated.wait(10000);
}

} // namespace

void TestRunMonitor::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_workspace = m_dir.filePath(QStringLiteral("ws"));
    auto ws = store::Workspace::open(m_workspace);
    QVERIFY2(ws.ok(), ws ? "" : qPrintable(ws.error().message));
}

void TestRunMonitor::showsCurvesAndGrows()
{
    auto ws = store::Workspace::open(m_workspace);
    QVERIFY(ws.ok());
    store::Database &db = (*ws)->db();
    // 10 epochs of 400 batches per rank, 2 ranks of batch 8, accumulating 2 batches per step:
    // 200 steps per epoch, 2000 in all; 8 x 2 x 2 = 32 clips per step.
    const int epochs = 10, batch = 8, accumulate = 2, worldSize = 2, batches = 400;
    const qint64 total = qint64(epochs) * (batches / accumulate);
    const qint64 id = addRun(db, QStringLiteral("live"), QStringLiteral("running"), QCoreApplication::applicationPid(),
                             optimConfig(epochs, batch, accumulate), worldSize);
    QVERIFY(id > 0);
    QVERIFY(store::insertMetrics(db, id, trainRows(1, 50)).ok());
    const QString jsonl = logsDir(m_workspace, QStringLiteral("live")) + QStringLiteral("/launch.jsonl");
    QVERIFY(append(jsonl, jsonLine({{QStringLiteral("event"), QStringLiteral("start")},
                                    {QStringLiteral("run"), QStringLiteral("live")},
                                    {QStringLiteral("epoch"), 0},
                                    {QStringLiteral("step"), 0},
                                    {QStringLiteral("world_size"), worldSize},
                                    {QStringLiteral("device"), QStringLiteral("cpu")}})
                              + jsonLine(stepEvent(2, 500, 200, batches))));

    RunMonitor m;
    QVERIFY(follow(m, m_workspace, QStringLiteral("live")));
    QCOMPARE(m.statusText(), QStringLiteral("running"));
    QCOMPARE(graphNames(m.lossPlot()),
             (QStringList{QStringLiteral("loss"), QStringLiteral("loss.cls"), QStringLiteral("lr")}));
    for (const QString &name : {QStringLiteral("loss"), QStringLiteral("loss.cls"), QStringLiteral("lr")})
        QCOMPARE(graphNamed(m.lossPlot(), name)->dataCount(), 50);
    QCPGraph *lr = graphNamed(m.lossPlot(), QStringLiteral("lr"));
    QCOMPARE(lr->valueAxis(), m.lossPlot()->yAxis2);
    QCOMPARE(graphNamed(m.lossPlot(), QStringLiteral("loss"))->valueAxis(), m.lossPlot()->yAxis);
    QVERIFY(m.lossPlot()->legend->visible());

    auto checkFigures = [&](int lastRecord, qint64 step) {
        const int first = lastRecord - RunMonitor::kRecentRecords + 1;
        const double stepSeconds = meanOf(first, lastRecord, stepSecondsAt);
        const double share = meanOf(first, lastRecord, waitSecondsAt) / stepSeconds;
        QVERIFY2(near(m.etaSeconds(), double(total - step) * stepSeconds), qPrintable(QString::number(m.etaSeconds())));
        QVERIFY(near(m.clipsPerSecond(), double(batch * accumulate * worldSize) / stepSeconds));
        QVERIFY(near(m.dataWaitShare(), share));
        QCOMPARE(labelText(m, "monitorDataWait"), QStringLiteral("%1 %").arg(100 * share, 0, 'f', 1));
    };
    checkFigures(50, 500);
    QCOMPARE(labelText(m, "monitorProgress"), QStringLiteral("epoch 3/10, step 500/2000"));
    QVERIFY(labelText(m, "monitorThroughput").endsWith(QLatin1String("clips/s")));
    QCOMPARE(labelText(m, "monitorCheckpoint"), QStringLiteral("—"));

    // 30 more records and a step event, then half of a checkpoint event: only complete lines count.
    QVERIFY(store::insertMetrics(db, id, trainRows(51, 80)).ok());
    const QByteArray checkpoint = jsonLine({{QStringLiteral("event"), QStringLiteral("checkpoint")},
                                            {QStringLiteral("step"), 800},
                                            {QStringLiteral("path"), QStringLiteral("runs/live/step-00000800.pt")},
                                            {QStringLiteral("best"), false}});
    QVERIFY(append(jsonl, jsonLine(stepEvent(3, 800, 400, batches)) + checkpoint.left(30)));
    m.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(graphNamed(m.lossPlot(), QStringLiteral("loss"))->dataCount(), 80, 10000);
    QTRY_COMPARE(labelText(m, "monitorProgress"), QStringLiteral("epoch 4/10, step 800/2000"));
    for (const QString &name : {QStringLiteral("loss.cls"), QStringLiteral("lr")})
        QCOMPARE(graphNamed(m.lossPlot(), name)->dataCount(), 80);
    // The points are the records, in order, once each.
    const auto *data = graphNamed(m.lossPlot(), QStringLiteral("loss"))->data().data();
    for (int i = 1; i <= 80; ++i) {
        QCOMPARE(data->at(i - 1)->key, double(kStepsPerRecord * i));
        QVERIFY(near(data->at(i - 1)->value, lossAt(i)));
    }
    checkFigures(80, 800);
    QCOMPARE(labelText(m, "monitorCheckpoint"), QStringLiteral("—"));

    QVERIFY(append(jsonl, checkpoint.mid(30)));
    m.refresh();
    QTRY_COMPARE(labelText(m, "monitorCheckpoint"), QStringLiteral("step-00000800.pt (step 800)"));
    QCOMPARE(graphNamed(m.lossPlot(), QStringLiteral("loss"))->dataCount(), 80);
}

void TestRunMonitor::evalPointsByEpoch()
{
    auto ws = store::Workspace::open(m_workspace);
    QVERIFY(ws.ok());
    store::Database &db = (*ws)->db();
    const qint64 id = addRun(db, QStringLiteral("evals"), QStringLiteral("finished"));
    QList<store::MetricRow> rows = trainRows(1, 60);
    const double top1[] = {12.5, 31.0, 44.25};
    for (int e = 0; e < 3; ++e) {
        rows.append({200 * (e + 1), e, QStringLiteral("test"), QStringLiteral("top1"), top1[e], 100.0 * e});
        rows.append({200 * (e + 1), e, QStringLiteral("test"), QStringLiteral("top5"), 2 * top1[e], 100.0 * e});
    }
    QVERIFY(store::insertMetrics(db, id, rows).ok());

    RunMonitor m;
    QVERIFY(follow(m, m_workspace, QStringLiteral("evals")));
    QCOMPARE(m.statusText(), QStringLiteral("finished"));
    QCOMPARE(graphNames(m.evalPlot()), (QStringList{QStringLiteral("test/top1"), QStringLiteral("test/top5")}));
    const QCPGraph *g = graphNamed(m.evalPlot(), QStringLiteral("test/top1"));
    QCOMPARE(g->dataCount(), 3);
    for (int e = 0; e < 3; ++e) {
        QCOMPARE(g->data()->at(e)->key, double(e + 1)); // epochs counted from 1
        QCOMPARE(g->data()->at(e)->value, top1[e]);
    }
    QCOMPARE(g->scatterStyle().shape(), QCPScatterStyle::ssDisc);
    QCOMPARE(m.etaSeconds(), -1.0); // not running
    QCOMPARE(labelText(m, "monitorEta"), QStringLiteral("—"));
}

void TestRunMonitor::failedRunShowsWhy()
{
    auto ws = store::Workspace::open(m_workspace);
    QVERIFY(ws.ok());
    store::Database &db = (*ws)->db();
    const qint64 id = addRun(db, QStringLiteral("nan"), QStringLiteral("running"), QCoreApplication::applicationPid());
    QVERIFY(store::insertMetrics(db, id, trainRows(1, 3)).ok());

    RunMonitor m;
    QSignalSpy changed(&m, &RunMonitor::statusChanged);
    QVERIFY(follow(m, m_workspace, QStringLiteral("nan")));
    QCOMPARE(m.statusText(), QStringLiteral("running"));
    QVERIFY(m.messageText().isEmpty());
    QVERIFY(m.findChild<QLabel *>(QStringLiteral("monitorMessage"))->isHidden());

    QVERIFY(store::updateRunStatus(db, id, QStringLiteral("failed"), QStringLiteral("loss is NaN at step 12")).ok());
    m.refresh();
    QTRY_COMPARE(m.statusText(), QStringLiteral("failed"));
    QVERIFY2(m.messageText().contains(QLatin1String("loss is NaN at step 12")), qPrintable(m.messageText()));
    const auto *message = m.findChild<QLabel *>(QStringLiteral("monitorMessage"));
    QVERIFY(!message->isHidden());
    QVERIFY(message->text().contains(QLatin1String("loss is NaN at step 12")));
    QCOMPARE(labelText(m, "monitorStatus"), RunMonitor::tr("failed"));
    QCOMPARE(changed.constLast().at(0).toString(), QStringLiteral("failed"));
    QCOMPARE(m.etaSeconds(), -1.0);
}

void TestRunMonitor::deadProcessShowsInterrupted()
{
    // The pid of a process that has ended.
    QProcess p;
    p.start(QStringLiteral("true"), {});
    QVERIFY(p.waitForStarted());
    const qint64 pid = p.processId();
    QVERIFY(p.waitForFinished());
    QVERIFY(pid > 0);

    auto ws = store::Workspace::open(m_workspace);
    QVERIFY(ws.ok());
    store::Database &db = (*ws)->db();
    const qint64 id = addRun(db, QStringLiteral("dead"), QStringLiteral("running"), pid);
    auto stored = store::findRun(db, QStringLiteral("dead"));
    QVERIFY(stored.ok());
    QCOMPARE(store::effectiveStatus(*stored), QStringLiteral("interrupted"));
    QVERIFY(id > 0);

    RunMonitor m;
    QVERIFY(follow(m, m_workspace, QStringLiteral("dead")));
    QCOMPARE(m.statusText(), QStringLiteral("interrupted"));
    QVERIFY2(m.messageText().contains(QString::number(pid)), qPrintable(m.messageText()));
    QVERIFY(!m.findChild<QLabel *>(QStringLiteral("monitorMessage"))->isHidden());
}

void TestRunMonitor::logTailsPerRank()
{
    auto ws = store::Workspace::open(m_workspace);
    QVERIFY(ws.ok());
    QVERIFY(addRun((*ws)->db(), QStringLiteral("ranks"), QStringLiteral("running"), QCoreApplication::applicationPid(),
                   {}, 2)
            > 0);
    const QString dir = logsDir(m_workspace, QStringLiteral("ranks"));
    for (int r = 0; r < 2; ++r) {
        QByteArray text;
        for (int i = 1; i <= 500; ++i)
            text += QStringLiteral("rank%1 line %2\n").arg(r).arg(i).toUtf8();
        QVERIFY(append(QStringLiteral("%1/rank%2.log").arg(dir).arg(r), text));
    }

    RunMonitor m;
    QVERIFY(follow(m, m_workspace, QStringLiteral("ranks")));
    auto *tabs = m.findChild<QTabWidget *>(QStringLiteral("monitorLogs"));
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 2);
    QCOMPARE(tabs->tabText(0), QStringLiteral("rank0.log"));
    QCOMPARE(tabs->tabText(1), QStringLiteral("rank1.log"));
    auto viewText = [&](int tab) { return static_cast<QPlainTextEdit *>(tabs->widget(tab))->toPlainText(); };
    for (int r = 0; r < 2; ++r) {
        auto *view = static_cast<QPlainTextEdit *>(tabs->widget(r));
        QVERIFY(view->isReadOnly());
        QVERIFY2(viewText(r).endsWith(QStringLiteral("rank%1 line 500").arg(r)), qPrintable(viewText(r).right(40)));
        QCOMPARE(view->blockCount(), RunMonitor::kLogTailLines); // the tail, not the whole file
        QVERIFY(viewText(r).startsWith(QStringLiteral("rank%1 line 301\n").arg(r)));
    }

    // A new line shows after the next poll; a partial line waits for its end.
    QVERIFY(append(dir + QStringLiteral("/rank1.log"), "rank1 line 501\nrank1 line 50"));
    m.refresh();
    QTRY_VERIFY(viewText(1).endsWith(QLatin1String("\nrank1 line 501")));
    QVERIFY(viewText(0).endsWith(QLatin1String("rank0 line 500")));
    QVERIFY(append(dir + QStringLiteral("/rank1.log"), "2\n"));
    m.refresh();
    QTRY_VERIFY(viewText(1).endsWith(QLatin1String("\nrank1 line 501\nrank1 line 502")));
}

void TestRunMonitor::switchingRunsDropsOldResults()
{
    auto ws = store::Workspace::open(m_workspace);
    QVERIFY(ws.ok());
    store::Database &db = (*ws)->db();
    const qint64 a = addRun(db, QStringLiteral("alpha"), QStringLiteral("finished"));
    const qint64 b = addRun(db, QStringLiteral("beta"), QStringLiteral("finished"));
    QList<store::MetricRow> rowsA, rowsB;
    for (int i = 1; i <= 500; ++i) {
        rowsA.append({i, 0, QStringLiteral("train"), QStringLiteral("loss"), 100.0 + i, double(i)});
        rowsA.append({i, 0, QStringLiteral("train"), QStringLiteral("loss.avc"), 50.0 + i, double(i)});
    }
    for (int i = 1; i <= 20; ++i)
        rowsB.append({i, 0, QStringLiteral("train"), QStringLiteral("loss"), 1.0 / i, double(i)});
    QVERIFY(store::insertMetrics(db, a, rowsA).ok());
    QVERIFY(store::insertMetrics(db, b, rowsB).ok());
    QVERIFY(append(logsDir(m_workspace, QStringLiteral("alpha")) + QStringLiteral("/launch.log"), "alpha\n"));

    RunMonitor m;
    m.setPollInterval(kNoPolling);
    m.setWorkspace(m_workspace);
    QSignalSpy updated(&m, &RunMonitor::updated);
    m.setRun(QStringLiteral("alpha"));
    m.setRun(QStringLiteral("beta"));
    QVERIFY(updated.wait(10000));
    QTest::qWait(300); // a late result of alpha would show now
    QCOMPARE(updated.size(), 1);
    QCOMPARE(m.run(), QStringLiteral("beta"));
    QCOMPARE(graphNames(m.lossPlot()), QStringList{QStringLiteral("loss")});
    const QCPGraph *g = graphNamed(m.lossPlot(), QStringLiteral("loss"));
    QCOMPARE(g->dataCount(), 20);
    for (int i = 1; i <= 20; ++i)
        QCOMPARE(g->data()->at(i - 1)->value, 1.0 / i);
    QCOMPARE(m.findChild<QTabWidget *>(QStringLiteral("monitorLogs"))->count(), 0);
    QCOMPARE(labelText(m, "monitorRun"), QStringLiteral("beta"));

    // A run not in the store (yet): nothing of beta stays, and the view says so.
    m.setRun(QStringLiteral("gamma"));
    QVERIFY(updated.wait(10000));
    QCOMPARE(m.statusText(), QString());
    QVERIFY2(m.messageText().contains(QLatin1String("gamma")), qPrintable(m.messageText()));
    QCOMPARE(m.lossPlot()->graphCount(), 0);
}

void TestRunMonitor::noStallWhilePolling()
{
    constexpr int kRecords = 4000; // x 5 metrics = 20,000 rows
    constexpr int kLogLines = 10000;
    auto ws = store::Workspace::open(m_workspace);
    QVERIFY(ws.ok());
    store::Database &db = (*ws)->db();
    const qint64 id = addRun(db, QStringLiteral("big"), QStringLiteral("running"), QCoreApplication::applicationPid(),
                             optimConfig(100, 16, 1));
    QVERIFY(store::insertMetrics(db, id, trainRows(1, kRecords)).ok());
    const QString dir = logsDir(m_workspace, QStringLiteral("big"));
    QByteArray log, events;
    for (int i = 1; i <= kLogLines; ++i)
        log += QStringLiteral("step %1: loss %2 (a line of the log as the engine writes it)\n")
                   .arg(i)
                   .arg(lossAt(i))
                   .toUtf8();
    for (int i = 1; i <= kRecords; ++i)
        events += jsonLine(stepEvent(i / 20, qint64(kStepsPerRecord) * i, 0, 200));
    QVERIFY(append(dir + QStringLiteral("/launch.log"), log));
    QVERIFY(append(dir + QStringLiteral("/launch.jsonl"), events));

    RunMonitor m;
    m.resize(900, 800);
    m.show();
    QVERIFY(QTest::qWaitForWindowExposed(&m));
    QSignalSpy updated(&m, &RunMonitor::updated);
    testing::resetLongestDispatch();
    m.setPollInterval(100);
    m.setWorkspace(m_workspace);
    m.setRun(QStringLiteral("big"));
    QElapsedTimer clock;
    clock.start();
    int added = 0;
    while (clock.elapsed() < 2000) {
        ++added;
        QVERIFY(store::insertMetrics(db, id, trainRows(kRecords + added, kRecords + added)).ok());
        QVERIFY(append(dir + QStringLiteral("/launch.log"), QByteArray("appended line\n").repeated(5)));
        QVERIFY(append(dir + QStringLiteral("/launch.jsonl"),
                       jsonLine(stepEvent(0, qint64(kStepsPerRecord) * (kRecords + added), 0, 200))));
        QTest::qWait(100);
    }
    QTRY_COMPARE_WITH_TIMEOUT(graphNamed(m.lossPlot(), QStringLiteral("loss"))->dataCount(), kRecords + added, 10000);
    const testing::LongestDispatch longest = testing::longestDispatch();
    qInfo("run monitor: %d records + %d appended, %d polls merged in %.1f s; longest GUI-thread event %.1f ms CPU "
          "(%s)",
          kRecords, added, int(updated.size()), clock.elapsed() / 1000.0, longest.cpuMs, qPrintable(longest.what));
    QVERIFY2(updated.size() >= 5, qPrintable(QString::number(updated.size())));
    QVERIFY2(longest.cpuMs < 50, qPrintable(longest.what));
    auto *view = m.findChild<QTabWidget *>(QStringLiteral("monitorLogs"))->findChild<QPlainTextEdit *>();
    QVERIFY(view && view->toPlainText().endsWith(QLatin1String("appended line")));
}
