// The run queue with the real `train` verb on the demo workspace: three avt-tiny runs through
// two slots, shown in the monitor; Stop then Resume from the view ends at the weights of an
// uninterrupted run; a workbench closed and opened again finds its running run (and one the
// queue file does not know, from the store); a run killed from outside shows as interrupted;
// a 2-rank Gloo launch records world size 2 and one log per rank; the GUI thread never stalls.
#include "../tst_widgets.h"

#include "core/launch/process_control.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/run_config.h"
#include "train/weights_difference.h"
#include "widgets/shell/main_window.h"
#include "widgets/train/config_form.h"
#include "widgets/train/launcher_view.h"
#include "widgets/train/run_monitor.h"
#include "widgets/train/run_queue.h"
#include "widgets/train/training_view.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <qcustomplot.h>

#include <csignal>

using namespace avt;
using namespace avt::widgets;
using launch::EntryState;

namespace {

// A short avt-tiny run on the demo dataset (3 s clips, batch 4, one thread): a few seconds an epoch.
launch::LaunchSpec tinySpec(const QString &workspace, const QString &name, int epochs)
{
    launch::LaunchSpec s;
    s.workspace = workspace;
    s.dataset = QStringLiteral("drumart");
    s.name = name;
    s.overrides = {QStringLiteral("model.preset=avt-tiny"),
                   QStringLiteral("data.clip_seconds=3"),
                   QStringLiteral("data.workers=1"),
                   QStringLiteral("optim.batch=4"),
                   QStringLiteral("optim.lr=1e-3"),
                   QStringLiteral("optim.warmup_steps=3"),
                   QStringLiteral("run.log_every=1"),
                   QStringLiteral("run.threads=1"),
                   QStringLiteral("optim.epochs=%1").arg(epochs)};
    return s;
}

const launch::QueueEntry *byName(const RunQueue &q, const QString &name)
{
    for (const launch::QueueEntry &e : q.entries())
        if (e.spec.name == name)
            return q.entry(e.id);
    return nullptr;
}

EntryState stateOf(const RunQueue &q, const QString &name)
{
    const auto *e = byName(q, name);
    return e ? e->state : EntryState::Pending;
}

bool waitFor(const std::function<bool()> &done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QTest::qWait(50);
    return done();
}

qint64 lastStep(const QString &workspace, const QString &run)
{
    auto ws = store::Workspace::open(workspace);
    if (!ws)
        return -1;
    auto info = store::findRun((*ws)->db(), run);
    if (!info)
        return -1;
    auto rows = store::loadMetrics((*ws)->db(), info->id, QStringLiteral("loss"), QStringLiteral("train"));
    return rows && !rows->isEmpty() ? rows->last().step : 0;
}

store::RunInfo storedRun(const QString &workspace, const QString &run)
{
    auto ws = store::Workspace::open(workspace);
    if (!ws)
        return {};
    auto info = store::findRun((*ws)->db(), run);
    return info ? *info : store::RunInfo{};
}

QPushButton *button(TrainingView &view, const QString &text)
{
    for (QPushButton *b : view.findChildren<QPushButton *>())
        if (b->text() == text)
            return b;
    return nullptr;
}

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

void TestRunQueue::initTestCase()
{
    QVERIFY2(m_demo->error.isEmpty(), qPrintable(m_demo->error));
    QVERIFY(QFile::exists(QStringLiteral(AVT_APP_BINARY)));
}

void TestRunQueue::threeRunsThroughTwoSlots()
{
    const QString ws = m_demo->workspace;
    TrainingView view;
    view.resize(1200, 800);
    view.show();
    view.setGpus({}); // this machine's CPU (the test does not depend on nvidia-smi)
    RunQueue *q = view.queue();
    q->setProgram(QStringLiteral(AVT_APP_BINARY));
    q->setPollInterval(200);
    view.monitor()->setPollInterval(200);
    view.setWorkspace(ws);
    q->setSlotCount(2);
    const QStringList names{QStringLiteral("queue-a"), QStringLiteral("queue-b"), QStringLiteral("queue-c")};
    QList<launch::LaunchSpec> specs;
    for (const QString &n : names)
        specs << tinySpec(ws, n, 3);
    QCOMPARE(q->enqueue(specs).size(), 3);
    QCOMPARE(view.table()->rowCount(), 3);
    // Never more than two at once; all three finish. The GUI thread is watched meanwhile.
    int mostRunning = 0;
    bool monitorHadCurves = false;
    testing::resetLongestDispatch();
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 240000) {
        int running = 0, finished = 0;
        for (const launch::QueueEntry &e : q->entries()) {
            running += e.state == EntryState::Running;
            finished += e.state == EntryState::Finished;
            QVERIFY2(e.state != EntryState::Failed && e.state != EntryState::Interrupted,
                     qPrintable(e.spec.name + QStringLiteral(": ") + e.message + QStringLiteral("\n")
                                + readFile(launch::launchErrorFile(ws, e.spec.name))));
        }
        mostRunning = std::max(mostRunning, running);
        if (running > 0 && view.monitor()->lossPlot()->graphCount() > 0
            && view.monitor()->lossPlot()->graph(0)->dataCount() > 0)
            monitorHadCurves = true;
        if (finished == 3)
            break;
        QTest::qWait(100);
    }
    const testing::LongestDispatch longest = testing::longestDispatch();
    qInfo("three runs through two slots: %.1f s; longest GUI-thread event %.1f ms CPU (%s)", t.elapsed() / 1000.0,
          longest.cpuMs, qPrintable(longest.what));
    for (const QString &n : names) {
        QCOMPARE(stateOf(*q, n), EntryState::Finished);
        QCOMPARE(storedRun(ws, n).status, QStringLiteral("finished"));
        QVERIFY(readFile(launch::launchOutputFile(ws, n)).contains(QStringLiteral("\"event\":\"finished\"")));
    }
    QCOMPARE(mostRunning, 2);
    qInfo("the monitor showed a loss curve while the run trained: %s", monitorHadCurves ? "yes" : "no");
    // The monitor shows a finished run's whole loss curve: one point per stored row.
    view.selectRun(names[0]);
    const qint64 steps = lastStep(ws, names[0]);
    QVERIFY(steps > 0);
    QCustomPlot *plot = view.monitor()->lossPlot();
    auto lossPoints = [plot] {
        for (int g = 0; g < plot->graphCount(); ++g)
            if (plot->graph(g)->name() == QLatin1String("loss"))
                return plot->graph(g)->dataCount();
        return -1;
    };
    QVERIFY2(waitFor([&] { return lossPoints() == steps; }, 10000),
             qPrintable(QStringLiteral("%1 loss points, %2 steps").arg(lossPoints()).arg(steps)));
    QCOMPARE(view.monitor()->statusText(), QStringLiteral("finished"));
    QVERIFY2(longest.cpuMs < 50.0, qPrintable(longest.what));
    // The stored config is the spec's: the launch ran what the queue was given.
    const QJsonObject cfg = storedRun(ws, names[1]).config;
    QCOMPARE(cfg.value(QStringLiteral("optim")).toObject().value(QStringLiteral("lr")).toDouble(), 1e-3);
    QCOMPARE(cfg.value(QStringLiteral("model")).toObject().value(QStringLiteral("preset")).toString(),
             QStringLiteral("avt-tiny"));
    // A name that exists is refused with a message; nothing is queued.
    QSignalSpy errors(q, &RunQueue::error);
    QTest::qWait(1200); // the next listing of the store's runs
    QVERIFY(q->enqueue({tinySpec(ws, names[0], 1)}).isEmpty());
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.at(0).at(0).toString().contains(names[0]), qPrintable(errors.at(0).at(0).toString()));
    QVERIFY(QFile::exists(launch::queueFile(ws)));
    for (const QString &n : names)
        QVERIFY(q->remove(byName(*q, n)->id));
}

void TestRunQueue::stopAndResumeFromTheView()
{
    const QString ws = m_demo->workspace;
    TrainingView view;
    view.show();
    view.setGpus({});
    RunQueue *q = view.queue();
    q->setProgram(QStringLiteral(AVT_APP_BINARY));
    q->setPollInterval(100);
    view.setWorkspace(ws);
    q->setSlotCount(2);
    // The reference (uninterrupted) and the run stopped by the GUI, side by side; run.checkpoint_every
    // 2 so that the stop comes between checkpoints, as it would in practice.
    launch::LaunchSpec ref = tinySpec(ws, QStringLiteral("resume-ref"), 2);
    launch::LaunchSpec victim = tinySpec(ws, QStringLiteral("resume-victim"), 2);
    ref.overrides << QStringLiteral("run.checkpoint_every=2");
    victim.overrides << QStringLiteral("run.checkpoint_every=2");
    QCOMPARE(q->enqueue({ref, victim}).size(), 2);
    QVERIFY(waitFor([&] { return lastStep(ws, victim.name) >= 3; }, 120000));
    view.selectRun(victim.name);
    QPushButton *stop = button(view, QObject::tr("Stop"));
    QVERIFY(stop && stop->isEnabled());
    stop->click();
    QVERIFY(waitFor([&] { return stateOf(*q, victim.name) == EntryState::Stopped; }, 60000));
    QCOMPARE(storedRun(ws, victim.name).status, QStringLiteral("stopped"));
    const qint64 stoppedAt = lastStep(ws, victim.name);
    view.selectRun(victim.name);
    QPushButton *resume = button(view, QObject::tr("Resume"));
    QVERIFY(resume && resume->isEnabled());
    resume->click();
    QVERIFY(waitFor([&] { return stateOf(*q, victim.name) == EntryState::Finished; }, 180000));
    QVERIFY(waitFor([&] { return stateOf(*q, ref.name) == EntryState::Finished; }, 180000));
    QVERIFY(byName(*q, victim.name)->spec.resume);
    const double diff = testing::finalWeightsDifference(ws, ref.name, victim.name);
    qInfo("stopped from the view at step %lld, resumed from the view: largest weight difference to the "
          "uninterrupted run %g",
          stoppedAt, diff);
    QCOMPARE(diff, 0.0);
}

void TestRunQueue::reopenAttachesAndKilledShowsInterrupted()
{
    const QString ws = m_demo->workspace;
    const QString name = QStringLiteral("attach-me");
    qint64 pid = 0;
    {
        TrainingView first;
        first.setGpus({});
        first.queue()->setProgram(QStringLiteral(AVT_APP_BINARY));
        first.queue()->setPollInterval(100);
        first.setWorkspace(ws);
        QCOMPARE(first.queue()->enqueue({tinySpec(ws, name, 50)}).size(), 1);
        QVERIFY(waitFor([&] { return lastStep(ws, name) >= 1; }, 60000));
        pid = byName(*first.queue(), name)->pid;
    } // the workbench closes: the run goes on
    QTest::qWait(300);
    QVERIFY(launch::processAlive(pid));
    {
        TrainingView again; // from queue.json
        again.setGpus({});
        again.queue()->setPollInterval(100);
        again.setWorkspace(ws);
        QVERIFY(byName(*again.queue(), name));
        QCOMPARE(stateOf(*again.queue(), name), EntryState::Running);
        QTest::qWait(500);
        QCOMPARE(stateOf(*again.queue(), name), EntryState::Running); // still alive, still running
    }
    // Without the queue file, the run store's running run is attached.
    QVERIFY(QFile::remove(launch::queueFile(ws)));
    TrainingView third;
    third.show();
    third.setGpus({});
    third.queue()->setPollInterval(100);
    third.monitor()->setPollInterval(100);
    third.setWorkspace(ws);
    QVERIFY(waitFor([&] { return byName(*third.queue(), name) != nullptr; }, 10000));
    QCOMPARE(stateOf(*third.queue(), name), EntryState::Running);
    QCOMPARE(byName(*third.queue(), name)->pid, storedRun(ws, name).pid);
    third.selectRun(name);
    QVERIFY(waitFor([&] { return third.monitor()->statusText() == QLatin1String("running"); }, 10000));
    // Killed from outside (kill -9): shown as interrupted, by the queue and by the monitor.
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    QVERIFY(waitFor([&] { return stateOf(*third.queue(), name) == EntryState::Interrupted; }, 20000));
    QVERIFY(waitFor([&] { return third.monitor()->statusText() == QLatin1String("interrupted"); }, 20000));
    QVERIFY(!byName(*third.queue(), name)->message.isEmpty());
}

void TestRunQueue::twoGlooRanksFromTheQueue()
{
    // From the launcher: this machine's CPU, two ranks per run (Gloo; NCCL on GPUs).
    const QString ws = m_demo->workspace;
    RunQueue q;
    q.setGpus({});
    q.setProgram(QStringLiteral(AVT_APP_BINARY));
    q.setPollInterval(100);
    q.setWorkspace(ws);
    LauncherView l;
    QSignalSpy loaded(&l, &LauncherView::workspaceLoaded);
    l.setWorkspace(ws);
    QVERIFY(loaded.wait(20000));
    connect(&l, &LauncherView::queueRequested, &q, &RunQueue::enqueue);
    for (const QString &kv : tinySpec(ws, QString(), 1).overrides)
        l.form()->setValue(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    l.setPrefix(QStringLiteral("gloo-two"));
    l.setPlacement(LauncherView::Placement::Cpu);
    l.setRanks(2);
    QVERIFY2(l.canQueue(), qPrintable(l.errorText()));
    QVERIFY(l.commandLine().contains(QStringLiteral("--nproc-per-node 2")));
    l.queue();
    const QString name = QStringLiteral("gloo-two");
    QVERIFY(byName(q, name));
    QCOMPARE(byName(q, name)->spec.nproc, 2);
    QVERIFY(waitFor([&] { return stateOf(q, name) != EntryState::Pending && stateOf(q, name) != EntryState::Running; },
                    240000));
    QVERIFY2(stateOf(q, name) == EntryState::Finished,
             qPrintable(byName(q, name)->message + readFile(launch::launchErrorFile(ws, name))));
    QVERIFY(byName(q, name)->spec.masterPort > 0); // picked by the queue
    const store::RunInfo run = storedRun(ws, name);
    QCOMPARE(run.worldSize, 2);
    for (int r = 0; r < 2; ++r)
        QVERIFY(QFile::exists(QDir(ws).filePath(QStringLiteral("runs/gloo-two/logs/rank%1.log").arg(r))));
    QVERIFY(readFile(launch::launchOutputFile(ws, name)).contains(QStringLiteral("\"world_size\":2")));
}

// The "done when", through the main window: the form filled, the Table 4 ladder with 2
// seeds queued from the launcher, all 16 runs trained two at a time, each storing exactly the
// config the launcher showed.
void TestRunQueue::launcherQueuesTheLadderWithSeeds()
{
    const QString ws = m_demo->workspace;
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    RunQueue *q = w.training()->queue();
    q->setProgram(QStringLiteral(AVT_APP_BINARY));
    q->setPollInterval(200);
    w.training()->setGpus({});
    QSignalSpy loaded(w.launcher(), &LauncherView::workspaceLoaded);
    QVERIFY(w.openWorkspace(ws).ok());
    QVERIFY(loaded.wait(20000));
    q->setSlotCount(2);
    LauncherView *l = w.launcher();
    QCOMPARE(l->form()->value(QStringLiteral("run.dataset")), QStringLiteral("drumart"));
    for (const char *kv : {"data.clip_seconds=3", "data.workers=1", "optim.batch=4", "optim.epochs=1", "run.threads=1",
                           "optim.warmup_steps=2"}) {
        const QString a = QString::fromLatin1(kv);
        l->form()->setValue(a.section(QLatin1Char('='), 0, 0), a.section(QLatin1Char('='), 1));
    }
    l->setPrefix(QStringLiteral("gui-t4"));
    l->setLadder(true);
    l->setSeeds(2);
    QVERIFY2(l->canQueue(), qPrintable(l->errorText()));
    const QList<launch::LaunchSpec> specs = l->plannedSpecs();
    QCOMPARE(specs.size(), 16);
    const qsizetype before = q->entries().size(); // the earlier tests' launches are in the queue too
    l->findChild<QPushButton *>(QStringLiteral("launcherQueue"))->click();
    QCOMPARE(q->entries().size(), before + 16);
    QElapsedTimer t;
    t.start();
    int mostRunning = 0;
    QVERIFY(waitFor(
        [&] {
            int running = 0, done = 0;
            for (const launch::LaunchSpec &spec : specs) {
                const EntryState s = stateOf(*q, spec.name);
                running += s == EntryState::Running;
                done += s != EntryState::Running && s != EntryState::Pending;
            }
            mostRunning = std::max(mostRunning, running);
            return done == 16;
        },
        900000));
    qInfo("Table 4 ladder x 2 seeds queued from the launcher: 16 runs in %.1f s, at most %d at once",
          t.elapsed() / 1000.0, mostRunning);
    QCOMPARE(mostRunning, 2);
    for (const launch::LaunchSpec &spec : specs) {
        QVERIFY2(stateOf(*q, spec.name) == EntryState::Finished,
                 qPrintable(spec.name + QStringLiteral(": ") + byName(*q, spec.name)->message));
        // What the launcher showed is what the run stored.
        train::RunConfig shown;
        QVERIFY(shown.applyOverrides(spec.overrides).ok());
        QVERIFY(shown.set(QStringLiteral("run.name"), spec.name).ok());
        QCOMPARE(storedRun(ws, spec.name).config, shown.toJson());
    }
}
