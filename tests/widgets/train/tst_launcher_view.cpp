// The run launcher: the changes and the command follow the form (bash reads the command back
// into the train arguments), the Table 4 ladder and a 2x2 sweep with 2 seeds expand to the runs
// `ablate` would make, a stored run as the base reproduces its config, Queue emits the specs of
// the chosen placement, invalid values and names block it, Slurm scripts pass bash -n.
#include "../tst_widgets.h"

#include "core/launch/launch_spec.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/ablation.h"
#include "core/train/run_config.h"
#include "widgets/train/config_form.h"
#include "widgets/train/launcher_view.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace avt;
using namespace avt::widgets;

namespace {

QStringList bashWords(const QString &command)
{
    QProcess bash;
    bash.start(QStringLiteral("bash"),
               {QStringLiteral("-c"), QStringLiteral("set -- %1; printf '%s\\n' \"$@\"").arg(command)});
    bash.waitForFinished();
    QStringList words = QString::fromUtf8(bash.readAllStandardOutput()).split(QLatin1Char('\n'));
    words.removeLast();
    return words;
}

// The config `train` builds from a spec's --set lines (what the launched run stores).
train::RunConfig configOf(const launch::LaunchSpec &spec)
{
    train::RunConfig c;
    const Status st = c.applyOverrides(spec.overrides);
    if (!st)
        qWarning("%s", qPrintable(st.error().message));
    (void)c.set(QStringLiteral("run.name"), spec.name);
    return c;
}

} // namespace

void TestLauncherView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_workspace = m_dir.filePath(QStringLiteral("ws"));
    auto ws = store::Workspace::open(m_workspace);
    QVERIFY(ws.ok());
    train::RunConfig stored;
    QVERIFY(stored.set(QStringLiteral("optim.lr"), QStringLiteral("3e-4")).ok());
    QVERIFY(stored.set(QStringLiteral("losses.avc"), QStringLiteral("0.5")).ok());
    QVERIFY(stored.set(QStringLiteral("model.preset"), QStringLiteral("avt-small")).ok());
    QVERIFY(stored.set(QStringLiteral("run.dataset"), QStringLiteral("drumart")).ok());
    QVERIFY(stored.set(QStringLiteral("run.name"), QStringLiteral("stored-run")).ok());
    store::RunInfo info;
    info.name = QStringLiteral("stored-run");
    info.config = stored.toJson();
    info.status = QStringLiteral("finished");
    QVERIFY(store::createRun((*ws)->db(), info).ok());
}

void TestLauncherView::diffAndCommandFollowTheForm()
{
    LauncherView view;
    view.resize(1400, 900);
    QSignalSpy loaded(&view, &LauncherView::workspaceLoaded);
    view.setWorkspace(m_workspace);
    QVERIFY(loaded.wait(10000));
    view.setPrefix(QStringLiteral("try"));
    view.form()->setValue(QStringLiteral("optim.lr"), QStringLiteral("0.002"));
    view.form()->setValue(QStringLiteral("losses.avm"), QStringLiteral("0.1"));
    QCOMPARE(view.diffText(), QStringLiteral("--set losses.avm=0.1\n--set optim.lr=0.002")); // table order
    QVERIFY2(view.canQueue(), qPrintable(view.errorText()));
    const QList<launch::LaunchSpec> specs = view.plannedSpecs();
    QCOMPARE(specs.size(), 1);
    QCOMPARE(specs[0].name, QStringLiteral("try"));
    QVERIFY(specs[0].overrides.contains(QStringLiteral("optim.lr=0.002")));
    QVERIFY(specs[0].overrides.contains(QStringLiteral("losses.avm=0.1")));
    QCOMPARE(view.commandLine(), launch::shellCommand(QCoreApplication::applicationFilePath(), specs[0]));
    // bash reads the command back into exactly the train arguments (without --progress json).
    QStringList args = launch::trainArguments(specs[0]);
    args.removeLast();
    args.removeLast();
    const QStringList words = bashWords(view.commandLine());
    QCOMPARE(words.mid(2), args);
    // The run gets the form's config.
    QCOMPARE(configOf(specs[0]).toJson(), [&] {
        train::RunConfig c = *view.form()->config();
        (void)c.set(QStringLiteral("run.name"), QStringLiteral("try"));
        return c.toJson();
    }());
    // A change back to the base value leaves the diff.
    view.form()->setValue(QStringLiteral("losses.avm"), QStringLiteral("0"));
    QCOMPARE(view.diffText(), QStringLiteral("--set optim.lr=0.002"));
}

void TestLauncherView::table4LadderAndSweepWithSeeds()
{
    LauncherView view;
    QSignalSpy loaded(&view, &LauncherView::workspaceLoaded);
    view.setWorkspace(m_workspace);
    QVERIFY(loaded.wait(10000));
    view.setPrefix(QStringLiteral("lad"));
    view.setLadder(true);
    QList<launch::LaunchSpec> specs = view.plannedSpecs();
    const QList<train::PlannedRun> expected =
        train::planRuns(QStringLiteral("lad"), train::ladderRungs(QStringLiteral("table4")), {}, 1, 1);
    QCOMPARE(specs.size(), 8);
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(specs[i].name, expected[i].name);
        for (const QString &s : expected[i].settings)
            QVERIFY2(specs[i].overrides.contains(s), qPrintable(specs[i].name + QStringLiteral(": ") + s));
        QVERIFY(specs[i].overrides.endsWith(QStringLiteral("run.seed=1")));
        QVERIFY2(configOf(specs[i]).validate().ok(), qPrintable(specs[i].name));
    }
    // Table 4 with 2 seeds: 16 runs, the second seed named -seed2.
    view.setSeeds(2);
    QCOMPARE(view.plannedSpecs().size(), 16);
    QVERIFY(view.plannedSpecs()[1].name.endsWith(QStringLiteral("-seed2")));

    // A 2x2 grid with 2 seeds, no ladder: 8 runs as planRuns names and seeds them.
    view.setLadder(false);
    view.setSweep(0, QStringLiteral("optim.lr"), QStringLiteral("1e-4,3e-4"));
    view.setSweep(1, QStringLiteral("losses.avc"), QStringLiteral("0.1,0.5"));
    const QList<train::PlannedRun> grid =
        train::planRuns(QStringLiteral("lad"), train::ladderRungs(QStringLiteral("none")),
                        {*train::parseSweep(QStringLiteral("optim.lr=1e-4,3e-4")),
                         *train::parseSweep(QStringLiteral("losses.avc=0.1,0.5"))},
                        2, 1);
    specs = view.plannedSpecs();
    QCOMPARE(specs.size(), 8);
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(specs[i].name, grid[i].name);
        QVERIFY(specs[i].overrides.endsWith(QStringLiteral("run.seed=%1").arg(grid[i].seed)));
        const train::RunConfig c = configOf(specs[i]);
        QCOMPARE(c.integer(QStringLiteral("run.seed")), grid[i].seed);
    }
    QCOMPARE(configOf(specs[2]).real(QStringLiteral("losses.avc")), 0.5);
    // Untick one, rename another: the specs follow; a duplicate name blocks Queue.
    view.setIncluded(0, false);
    QCOMPARE(view.plannedSpecs().size(), 7);
    view.renameRun(1, QStringLiteral("renamed"));
    QCOMPARE(view.plannedSpecs().first().name, QStringLiteral("renamed"));
    QVERIFY(view.canQueue());
    view.renameRun(2, QStringLiteral("renamed"));
    QVERIFY(!view.canQueue());
    QVERIFY2(view.errorText().contains(QStringLiteral("renamed")), qPrintable(view.errorText()));
    view.renameRun(2, QStringLiteral("stored-run")); // exists in the workspace
    QVERIFY(!view.canQueue());
    QVERIFY2(view.errorText().contains(QStringLiteral("stored-run")), qPrintable(view.errorText()));
    view.renameRun(2, QStringLiteral("../escape"));
    QVERIFY(!view.canQueue());
}

void TestLauncherView::startFromRunUsesItsConfig()
{
    LauncherView view;
    QSignalSpy loaded(&view, &LauncherView::workspaceLoaded);
    view.setWorkspace(m_workspace);
    QVERIFY(loaded.wait(10000));
    view.startFromRun(QStringLiteral("stored-run"));
    QCOMPARE(view.form()->value(QStringLiteral("losses.avc")), QStringLiteral("0.5"));
    QCOMPARE(view.form()->value(QStringLiteral("model.preset")), QStringLiteral("avt-small"));
    QCOMPARE(view.diffText(), QString());
    view.form()->setValue(QStringLiteral("optim.epochs"), QStringLiteral("3"));
    QCOMPARE(view.diffText(), QStringLiteral("--set optim.epochs=3"));
    QVERIFY2(view.canQueue(), qPrintable(view.errorText()));
    const launch::LaunchSpec spec = view.plannedSpecs().first();
    QCOMPARE(spec.name, QStringLiteral("stored-run-again"));
    // The stored run's config, changed by one key, is what the new run gets.
    auto ws = store::Workspace::open(m_workspace);
    train::RunConfig want =
        *train::RunConfig::fromJson(store::findRun((*ws)->db(), QStringLiteral("stored-run"))->config);
    QVERIFY(want.set(QStringLiteral("optim.epochs"), QStringLiteral("3")).ok());
    QVERIFY(want.set(QStringLiteral("run.name"), spec.name).ok());
    QCOMPARE(configOf(spec).toJson(), want.toJson());
}

void TestLauncherView::queueEmitsSpecs()
{
    LauncherView view;
    QSignalSpy loaded(&view, &LauncherView::workspaceLoaded);
    view.setWorkspace(m_workspace);
    QVERIFY(loaded.wait(10000));
    view.setPrefix(QStringLiteral("placed"));
    view.setGpus({QStringLiteral("GPU 0: Test A"), QStringLiteral("GPU 1: Test B")});
    view.setPlacement(LauncherView::Placement::Gpus);
    QVERIFY(!view.canQueue()); // no GPU ticked
    view.setGpuChecked(1, true);
    QVERIFY2(view.canQueue(), qPrintable(view.errorText()));
    QSignalSpy queued(&view, &LauncherView::queueRequested);
    view.findChild<QPushButton *>(QStringLiteral("launcherQueue"))->click();
    QCOMPARE(queued.size(), 1);
    auto specs = queued.at(0).at(0).value<QList<launch::LaunchSpec>>();
    QCOMPARE(specs.size(), 1);
    QCOMPARE(specs[0].gpus, QList<int>{1});
    QCOMPARE(specs[0].nproc, 1);
    QVERIFY(view.commandLine().startsWith(QStringLiteral("CUDA_VISIBLE_DEVICES=1 ")));
    // Any two free GPUs: no GPU fixed, the count goes along.
    view.setPlacement(LauncherView::Placement::AnyGpus);
    QCOMPARE(view.gpuCount(), 1);
    // The CPU with two ranks.
    view.setPlacement(LauncherView::Placement::Cpu);
    view.setRanks(2);
    view.queue();
    QCOMPARE(queued.size(), 2);
    specs = queued.at(1).at(0).value<QList<launch::LaunchSpec>>();
    QCOMPARE(specs[0].nproc, 2);
    QVERIFY(specs[0].gpus.isEmpty());
    QCOMPARE(queued.at(1).at(1).toInt(), 0);
    QVERIFY(view.commandLine().contains(QStringLiteral("--nproc-per-node 2")));
    // An invalid value blocks Queue with the engine's message.
    view.form()->setValue(QStringLiteral("optim.lr"), QStringLiteral("-1"));
    QVERIFY(!view.canQueue());
    train::RunConfig probe;
    const QString engine = probe.set(QStringLiteral("optim.lr"), QStringLiteral("-1")).error().message;
    QVERIFY2(view.errorText().contains(engine), qPrintable(view.errorText() + QStringLiteral(" / ") + engine));
    view.queue();
    QCOMPARE(queued.size(), 2);
}

void TestLauncherView::slurmScriptsWritten()
{
    LauncherView view;
    QSignalSpy loaded(&view, &LauncherView::workspaceLoaded);
    view.setWorkspace(m_workspace);
    QVERIFY(loaded.wait(10000));
    view.setPrefix(QStringLiteral("cluster-run"));
    view.form()->setValue(QStringLiteral("losses.avc"), QStringLiteral("0.5"));
    view.setPlacement(LauncherView::Placement::Slurm);
    launch::SlurmOptions o = view.slurmOptions();
    o.nodes = 2;
    o.tasksPerNode = 4;
    o.time = QStringLiteral("01:00:00");
    o.partition = QStringLiteral("gpu");
    view.setSlurmOptions(o);
    QVERIFY(!view.canQueue());
    const QStringList written = view.writeSlurmScripts();
    QCOMPARE(written.size(), 2);
    const QString script = m_workspace + QStringLiteral("/runs/cluster-run/slurm.sbatch");
    QCOMPARE(written[0], script);
    QFile f(script);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    for (const char *line : {"#SBATCH --nodes=2", "#SBATCH --ntasks-per-node=4", "#SBATCH --time=01:00:00",
                             "#SBATCH --partition=gpu", "--set losses.avc=0.5", "--name cluster-run"})
        QVERIFY2(text.contains(QLatin1String(line)), line);
    for (const QString &file : written) {
        QProcess bash;
        bash.start(QStringLiteral("bash"), {QStringLiteral("-n"), file});
        QVERIFY(bash.waitForFinished());
        QVERIFY2(bash.exitCode() == 0, bash.readAllStandardError().constData());
    }
}
