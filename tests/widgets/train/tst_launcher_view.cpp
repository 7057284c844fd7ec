// The run launcher: the changes and the command follow the form (bash reads the command back
// into the train arguments), the Table 4 ladder and a 2x2 sweep with 2 seeds expand to the runs
// `ablate` would make, a stored run as the base reproduces its config, Queue emits the specs of
// the chosen placement, invalid values and names block it, Slurm scripts pass bash -n.
#include "../tst_widgets.h"

#include "core/launch/launch_spec.h"
#include "core/store/dataset_store.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/ablation.h"
#include "core/train/run_config.h"
#include "shell_words.h"
#include "widgets/train/cache_panel.h"
#include "widgets/train/config_form.h"
#include "widgets/train/launcher_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

using namespace avt;
using namespace avt::widgets;

namespace {

// The Changes box's lines, sorted (the form orders them by its key table).
QStringList diffLines(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    lines.sort();
    return lines;
}

// The config `train` builds from a spec (what the launched run stores): the --set lines on top
// of `from` (the defaults, as `train` starts without --config), then --dataset and --name.
train::RunConfig configOf(const launch::LaunchSpec &spec, train::RunConfig from = {})
{
    const Status st = from.applyOverrides(spec.overrides);
    if (!st)
        qWarning("%s", qPrintable(st.error().message));
    if (!spec.dataset.isEmpty())
        (void)from.set(QStringLiteral("run.dataset"), spec.dataset);
    (void)from.set(QStringLiteral("run.name"), spec.name);
    return from;
}

// The config the `ablate` verb gives a planned run (batch/verbs/ablate.cpp): the base, the
// run's settings, then run.name and run.seed.
train::RunConfig ablateConfig(train::RunConfig base, const train::PlannedRun &run)
{
    if (const Status st = base.applyOverrides(run.settings); !st)
        qWarning("%s", qPrintable(st.error().message));
    (void)base.set(QStringLiteral("run.name"), run.name);
    (void)base.set(QStringLiteral("run.seed"), QString::number(run.seed));
    return base;
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
    for (const char *name : {"drumart", "epic"}) {
        store::DatasetInfo d;
        d.name = QString::fromLatin1(name);
        d.format = QStringLiteral("csv");
        QVERIFY(store::upsertDataset((*ws)->db(), d).ok());
    }
}

void TestLauncherView::diffAndCommandFollowTheForm()
{
    LauncherView view;
    view.resize(1400, 900);
    QSignalSpy loaded(&view, &LauncherView::workspaceLoaded);
    view.setWorkspace(m_workspace);
    QVERIFY(loaded.wait(10000));
    // The first dataset is part of the base: no change yet.
    QCOMPARE(view.form()->value(QStringLiteral("run.dataset")), QStringLiteral("drumart"));
    QCOMPARE(view.diffText(), QString());
    view.setPrefix(QStringLiteral("try"));
    view.form()->setValue(QStringLiteral("optim.lr"), QStringLiteral("0.002"));
    view.form()->setValue(QStringLiteral("losses.avm"), QStringLiteral("0.1"));
    QCOMPARE(diffLines(view.findChild<QPlainTextEdit *>(QStringLiteral("launcherDiff"))->toPlainText()),
             (QStringList{QStringLiteral("--set losses.avm=0.1"), QStringLiteral("--set optim.lr=0.002")}));
    QVERIFY2(view.canQueue(), qPrintable(view.errorText()));
    const QList<launch::LaunchSpec> specs = view.plannedSpecs();
    QCOMPARE(specs.size(), 1);
    QCOMPARE(specs[0].name, QStringLiteral("try"));
    QCOMPARE(specs[0].workspace, m_workspace);
    QCOMPARE(specs[0].dataset, QStringLiteral("drumart"));
    QVERIFY(specs[0].overrides.contains(QStringLiteral("optim.lr=0.002")));
    QVERIFY(specs[0].overrides.contains(QStringLiteral("losses.avm=0.1")));
    QCOMPARE(specs[0].overrides.last(), QStringLiteral("run.seed=1"));
    const QString command = launch::shellCommand(QCoreApplication::applicationFilePath(), specs[0]);
    QCOMPARE(view.commandLine(), command);
    QCOMPARE(view.findChild<QPlainTextEdit *>(QStringLiteral("launcherCommand"))->toPlainText(), command);
    // bash reads the command back into exactly the train arguments (without --progress json).
    QStringList args = launch::trainArguments(specs[0]);
    args.removeLast();
    args.removeLast();
    const QStringList words = test::bashWords(view.commandLine());
    QCOMPARE(words.value(0), QCoreApplication::applicationFilePath());
    QCOMPARE(words.value(1), QStringLiteral("--batch"));
    QCOMPARE(words.mid(2), args);
    // The run gets the form's config.
    QCOMPARE(configOf(specs[0]).toJson(), [&] {
        train::RunConfig c = *view.form()->config();
        (void)c.set(QStringLiteral("run.name"), QStringLiteral("try"));
        return c.toJson();
    }());
    // The --set lines alone give the same config (--dataset only repeats run.dataset).
    launch::LaunchSpec bare = specs[0];
    bare.dataset.clear();
    QCOMPARE(configOf(bare).toJson(), configOf(specs[0]).toJson());
    // Another dataset from the Start from box is a change, and goes as --dataset.
    view.findChild<QComboBox *>(QStringLiteral("launcherDataset"))->setCurrentText(QStringLiteral("epic"));
    QCOMPARE(view.form()->value(QStringLiteral("run.dataset")), QStringLiteral("epic"));
    QCOMPARE(diffLines(view.diffText()),
             (QStringList{QStringLiteral("--set losses.avm=0.1"), QStringLiteral("--set optim.lr=0.002"),
                          QStringLiteral("--set run.dataset=epic")}));
    QCOMPARE(view.plannedSpecs()[0].dataset, QStringLiteral("epic"));
    view.form()->setValue(QStringLiteral("run.dataset"), QStringLiteral("not-imported"));
    QVERIFY(!view.canQueue());
    QVERIFY2(view.errorText().contains(QStringLiteral("not-imported")), qPrintable(view.errorText()));
    // A change back to the base value leaves the diff.
    view.form()->setValue(QStringLiteral("losses.avm"), QStringLiteral("0"));
    view.form()->setValue(QStringLiteral("run.dataset"), QStringLiteral("drumart"));
    QCOMPARE(view.diffText(), QStringLiteral("--set optim.lr=0.002"));
    // Without a prefix, the form's run.name names the run.
    view.setPrefix(QString());
    view.form()->setValue(QStringLiteral("run.name"), QStringLiteral("named-in-form"));
    QCOMPARE(view.plannedSpecs()[0].name, QStringLiteral("named-in-form"));
}

void TestLauncherView::table4LadderAndSweepWithSeeds()
{
    LauncherView view;
    QSignalSpy loaded(&view, &LauncherView::workspaceLoaded);
    view.setWorkspace(m_workspace);
    QVERIFY(loaded.wait(10000));
    view.setPrefix(QStringLiteral("lad"));
    view.form()->setValue(QStringLiteral("optim.epochs"), QStringLiteral("2"));
    const train::RunConfig base = *view.form()->config();
    view.setLadder(true);
    QList<launch::LaunchSpec> specs = view.plannedSpecs();
    const QList<train::PlannedRun> expected =
        train::planRuns(QStringLiteral("lad"), train::ladderRungs(QStringLiteral("table4")), {}, 1, 1);
    QCOMPARE(expected.size(), 8);
    QCOMPARE(specs.size(), 8);
    QCOMPARE(view.runsTable()->rowCount(), 8);
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(specs[i].name, expected[i].name);
        // The spec ends with the rung's settings and the seed, and `train` gets what `ablate` would.
        QCOMPARE(specs[i].overrides.last(expected[i].settings.size() + 1),
                 expected[i].settings + QStringList{QStringLiteral("run.seed=1")});
        QCOMPARE(configOf(specs[i]).toJson(), ablateConfig(base, expected[i]).toJson());
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
    QCOMPARE(grid.size(), 8);
    specs = view.plannedSpecs();
    QCOMPARE(specs.size(), 8);
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(specs[i].name, grid[i].name);
        QCOMPARE(specs[i].overrides.last(), QStringLiteral("run.seed=%1").arg(grid[i].seed));
        QCOMPARE(configOf(specs[i]).toJson(), ablateConfig(base, grid[i]).toJson());
    }
    QCOMPARE(configOf(specs[2]).real(QStringLiteral("losses.avc")), 0.5);
    QCOMPARE(configOf(specs[1]).integer(QStringLiteral("run.seed")), 2);
    // Untick one, rename another: the specs follow; a duplicate name blocks Queue.
    view.setIncluded(0, false);
    QCOMPARE(view.plannedSpecs().size(), 7);
    QVERIFY(!view.plannedSpecs().contains(specs[0]));
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
    view.renameRun(2, QStringLiteral("fine"));
    QVERIFY2(view.canQueue(), qPrintable(view.errorText()));
    // The renames and unticks survive a change that plans the same runs again.
    view.form()->setValue(QStringLiteral("optim.epochs"), QStringLiteral("3"));
    QCOMPARE(view.plannedSpecs().size(), 7);
    QCOMPARE(view.plannedSpecs()[1].name, QStringLiteral("fine"));
}

void TestLauncherView::startFromRunUsesItsConfig()
{
    LauncherView view;
    QSignalSpy loaded(&view, &LauncherView::workspaceLoaded);
    view.startFromRun(QStringLiteral("stored-run")); // before the runs are read: waits for them
    view.setWorkspace(m_workspace);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(view.form()->value(QStringLiteral("optim.lr")).toDouble(), 3e-4);
    QCOMPARE(view.form()->value(QStringLiteral("losses.avc")).toDouble(), 0.5);
    QCOMPARE(view.form()->value(QStringLiteral("model.preset")), QStringLiteral("avt-small"));
    QCOMPARE(view.form()->value(QStringLiteral("run.name")), QString());
    QCOMPARE(view.diffText(), QString());
    view.form()->setValue(QStringLiteral("optim.epochs"), QStringLiteral("3"));
    QCOMPARE(view.diffText(), QStringLiteral("--set optim.epochs=3"));
    QVERIFY2(view.canQueue(), qPrintable(view.errorText()));
    const launch::LaunchSpec spec = view.plannedSpecs().first();
    QCOMPARE(spec.name, QStringLiteral("stored-run-again"));
    QCOMPARE(spec.dataset, QStringLiteral("drumart"));
    // The stored run's config, changed by one key, is what the new run gets: from the defaults
    // (as `train` starts) and on top of the stored config alike.
    auto ws = store::Workspace::open(m_workspace);
    const train::RunConfig stored =
        *train::RunConfig::fromJson(store::findRun((*ws)->db(), QStringLiteral("stored-run"))->config);
    train::RunConfig want = *view.form()->config();
    QVERIFY(want.set(QStringLiteral("run.name"), spec.name).ok());
    QCOMPARE(configOf(spec).toJson(), want.toJson());
    QCOMPARE(configOf(spec, stored).toJson(), want.toJson());
    train::RunConfig byHand = stored;
    QVERIFY(byHand.set(QStringLiteral("optim.epochs"), QStringLiteral("3")).ok());
    QVERIFY(byHand.set(QStringLiteral("run.name"), spec.name).ok());
    QCOMPARE(configOf(spec).toJson(), byHand.toJson());
    // Back to a preset: its defaults, the dataset kept.
    view.startFromPreset(QStringLiteral("avt-tiny"));
    QCOMPARE(view.form()->value(QStringLiteral("model.preset")), QStringLiteral("avt-tiny"));
    QCOMPARE(view.form()->value(QStringLiteral("losses.avc")).toDouble(),
             train::RunConfig().real(QStringLiteral("losses.avc")));
    QCOMPARE(view.form()->value(QStringLiteral("run.dataset")), QStringLiteral("drumart"));
    // An unknown run is refused with a message.
    view.startFromRun(QStringLiteral("no-such-run"));
    QVERIFY(!view.canQueue());
    QVERIFY2(view.errorText().contains(QStringLiteral("no-such-run")), qPrintable(view.errorText()));
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
    QCOMPARE(queued.at(0).at(1).toInt(), 0);
    QVERIFY(view.commandLine().startsWith(QStringLiteral("CUDA_VISIBLE_DEVICES=1 ")));
    // Both GPUs ticked: two ranks by default, shared if asked.
    view.setGpuChecked(0, true);
    view.findChild<QCheckBox *>(QStringLiteral("launcherShareGpus"))->setChecked(true);
    QCOMPARE(view.plannedSpecs()[0].gpus, (QList<int>{0, 1}));
    QCOMPARE(view.plannedSpecs()[0].nproc, 2);
    QVERIFY(view.plannedSpecs()[0].shareGpus);
    // Any two free GPUs: no GPU fixed, the count goes along.
    view.setPlacement(LauncherView::Placement::AnyGpus);
    view.findChild<QSpinBox *>(QStringLiteral("launcherAnyGpus"))->setValue(2);
    QCOMPARE(view.gpuCount(), 2);
    QVERIFY(view.plannedSpecs()[0].gpus.isEmpty());
    view.queue();
    QCOMPARE(queued.size(), 2);
    QCOMPARE(queued.at(1).at(1).toInt(), 2);
    // The CPU with two ranks: nothing else (the queue picks the port).
    view.setPlacement(LauncherView::Placement::Cpu);
    view.setRanks(2);
    view.queue();
    QCOMPARE(queued.size(), 3);
    specs = queued.at(2).at(0).value<QList<launch::LaunchSpec>>();
    QCOMPARE(specs[0].nproc, 2);
    QVERIFY(specs[0].gpus.isEmpty());
    QVERIFY(!specs[0].shareGpus);
    QCOMPARE(specs[0].masterPort, 0);
    QCOMPARE(queued.at(2).at(1).toInt(), 0);
    QVERIFY(view.commandLine().contains(QStringLiteral("--nproc-per-node 2")));
    // An invalid value blocks Queue with the engine's message.
    view.form()->setValue(QStringLiteral("optim.lr"), QStringLiteral("-1"));
    QVERIFY(!view.canQueue());
    train::RunConfig probe;
    const QString engine = probe.set(QStringLiteral("optim.lr"), QStringLiteral("-1")).error().message;
    QVERIFY2(view.errorText().contains(engine), qPrintable(view.errorText() + QStringLiteral(" / ") + engine));
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("launcherError"))->text(), view.errorText());
    view.queue();
    QCOMPARE(queued.size(), 3);
    // No GPU on this machine: only the CPU (and Slurm) can be chosen.
    view.form()->setValue(QStringLiteral("optim.lr"), QStringLiteral("0.001"));
    view.setGpus({});
    view.setPlacement(LauncherView::Placement::Gpus);
    QVERIFY(view.plannedSpecs()[0].gpus.isEmpty());
    QVERIFY(view.canQueue());
}

void TestLauncherView::slurmScriptsWritten()
{
    LauncherView view;
    QSignalSpy loaded(&view, &LauncherView::workspaceLoaded);
    view.setWorkspace(m_workspace);
    QVERIFY(loaded.wait(10000));
    view.setPrefix(QStringLiteral("cluster-run"));
    view.form()->setValue(QStringLiteral("losses.avc"), QStringLiteral("0.5"));
    view.setSeeds(2);
    view.setPlacement(LauncherView::Placement::Slurm);
    launch::SlurmOptions o = view.slurmOptions();
    o.time = QStringLiteral("one hour");
    view.setSlurmOptions(o);
    QVERIFY(view.writeSlurmScripts().isEmpty());
    QVERIFY2(view.errorText().contains(QStringLiteral("one hour")), qPrintable(view.errorText()));
    o.nodes = 2;
    o.tasksPerNode = 4;
    o.time = QStringLiteral("01:00:00");
    o.partition = QStringLiteral("gpu");
    view.setSlurmOptions(o);
    QVERIFY(!view.canQueue()); // Slurm writes scripts instead
    const QStringList written = view.writeSlurmScripts();
    QCOMPARE(written.size(), 4); // a script and a torchrun command per run
    const QString script = m_workspace + QStringLiteral("/runs/cluster-run/slurm.sbatch");
    QCOMPARE(written[0], script);
    QCOMPARE(written[1], m_workspace + QStringLiteral("/runs/cluster-run/torchrun.sh"));
    QCOMPARE(written[2], m_workspace + QStringLiteral("/runs/cluster-run-seed2/slurm.sbatch"));
    QFile f(script);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    for (const char *line :
         {"#SBATCH --nodes=2", "#SBATCH --ntasks-per-node=4", "#SBATCH --time=01:00:00", "#SBATCH --partition=gpu",
          "--set losses.avc=0.5", "--set run.seed=1", "--name cluster-run", "--dataset drumart"})
        QVERIFY2(text.contains(QLatin1String(line)), line);
    QFile t(written[1]);
    QVERIFY(t.open(QIODevice::ReadOnly));
    QVERIFY(t.readAll().contains("torchrun --nnodes=2 --nproc-per-node=4"));
    for (const QString &file : written) {
        QProcess bash;
        bash.start(QStringLiteral("bash"), {QStringLiteral("-n"), file});
        QVERIFY(bash.waitForFinished());
        QVERIFY2(bash.exitCode() == 0, bash.readAllStandardError().constData());
    }
    // The clip cache box gives the prepare command for the cluster's workspace (bash reads it
    // back into the arguments of prepare: that workspace, the run's dataset and --set lines).
    o.workspace = QStringLiteral("/scratch/my ws");
    o.program = QStringLiteral("/opt/avt/bin/avt-workbench");
    view.setSlurmOptions(o);
    const QString command = view.clipCache()->clusterCommand();
    const QStringList words = avt::test::bashWords(command);
    QVERIFY2(words.mid(0, 5)
                 == (QStringList{QStringLiteral("/opt/avt/bin/avt-workbench"), QStringLiteral("--batch"),
                                 QStringLiteral("prepare"), QStringLiteral("--workspace"),
                                 QStringLiteral("/scratch/my ws")}),
             qPrintable(command));
    QVERIFY2(words.contains(QStringLiteral("losses.avc=0.5")) && words.contains(QStringLiteral("drumart"))
                 && !words.contains(QStringLiteral("--name")),
             qPrintable(command));
    view.setPlacement(LauncherView::Placement::Cpu);
    QVERIFY(view.clipCache()->clusterCommand().isEmpty());
}
