// The launch layer: a spec's train arguments and shell command (parsed back by bash), the Slurm
// script (bash -n, its #SBATCH values), the queue's scheduling (slots, GPUs, order, pause),
// its file, and detached processes (own session, output files, stop, kill).
#include "core/launch/launch_spec.h"
#include "core/launch/process_control.h"
#include "core/launch/run_queue.h"
#include "shell_words.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace avt::launch;

namespace {

LaunchSpec spec(const QString &name)
{
    LaunchSpec s;
    s.workspace = QStringLiteral("/data/my ws");
    s.name = name;
    s.dataset = QStringLiteral("drumart10");
    s.overrides = {QStringLiteral("model.preset=avt-tiny"), QStringLiteral("losses.avc=0.5"),
                   QStringLiteral("run.init=/w/it's here.pt")};
    return s;
}

// What bash makes of a command line: its words, one per line (environment assignments dropped).
QStringList words(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *w : list)
        out << QString::fromUtf8(w);
    return out;
}

bool waitUntil(const std::function<bool()> &done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QTest::qWait(20);
    return done();
}

} // namespace

class TestLaunch : public QObject {
    Q_OBJECT
private slots:
    void trainArgumentsAndCommand()
    {
        LaunchSpec s = spec(QStringLiteral("tiny-avc"));
        s.nproc = 2;
        s.masterPort = 29555;
        s.gpus = {1, 3};
        const QStringList args = trainArguments(s);
        const QStringList expected =
            words({"train", "--workspace", "/data/my ws", "--dataset", "drumart10", "--name", "tiny-avc", "--set",
                   "model.preset=avt-tiny", "--set", "losses.avc=0.5", "--set", "run.init=/w/it's here.pt",
                   "--nproc-per-node", "2", "--master-port", "29555", "--progress", "json"});
        QCOMPARE(args, expected);
        QCOMPARE(launchEnvironment(s).value(QStringLiteral("CUDA_VISIBLE_DEVICES")), QStringLiteral("1,3"));
        const QString cmd = shellCommand(QStringLiteral("/opt/avt workbench"), s);
        QVERIFY2(cmd.startsWith(QStringLiteral("CUDA_VISIBLE_DEVICES=1,3 '/opt/avt workbench' --batch train")),
                 qPrintable(cmd));
        // bash reads back exactly the arguments (the copied command has no --progress json).
        QStringList parsed = avt::test::bashWords(cmd.section(QLatin1Char(' '), 1));
        QCOMPARE(parsed.mid(0, 2), words({"/opt/avt workbench", "--batch"}));
        QCOMPARE(parsed.mid(2), args.mid(0, args.size() - 2));

        // The clip cache the run would read: its config without name, ranks or steps.
        s.maxSteps = 5;
        QCOMPARE(prepareArguments(s), words({"prepare", "--workspace", "/data/my ws", "--dataset", "drumart10", "--set",
                                             "model.preset=avt-tiny", "--set", "losses.avc=0.5", "--set",
                                             "run.init=/w/it's here.pt", "--progress", "json"}));

        LaunchSpec r = spec(QStringLiteral("tiny-avc"));
        r.resume = true;
        r.overrides = {QStringLiteral("optim.epochs=20")};
        QCOMPARE(trainArguments(r), words({"train", "--workspace", "/data/my ws", "--resume", "tiny-avc", "--set",
                                           "optim.epochs=20", "--progress", "json"}));
    }

    void specJsonRoundTrip()
    {
        LaunchSpec s = spec(QStringLiteral("a"));
        s.gpus = {0, 2};
        s.nproc = 2;
        s.maxSteps = 40;
        s.shareGpus = true;
        s.masterPort = 1234;
        auto back = LaunchSpec::fromJson(s.toJson());
        QVERIFY(back.ok());
        QVERIFY(*back == s);
        QJsonObject bad = s.toJson();
        bad.insert(QStringLiteral("nproc"), 0);
        auto refused = LaunchSpec::fromJson(bad);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("'a'")), qPrintable(refused.error().message));
    }

    void slurmScriptHoldsTheFormValues()
    {
        SlurmOptions o;
        o.nodes = 2;
        o.tasksPerNode = 4;
        o.gpusPerTask = 1;
        o.cpusPerTask = 12;
        o.time = QStringLiteral("02:30:00");
        o.partition = QStringLiteral("gpu");
        o.account = QStringLiteral("lab x");
        o.masterPort = 29601;
        const QString script = slurmScript(spec(QStringLiteral("ladder-avc")), o);
        for (const char *line :
             {"#SBATCH --nodes=2", "#SBATCH --ntasks-per-node=4", "#SBATCH --gpus-per-task=1",
              "#SBATCH --cpus-per-task=12", "#SBATCH --time=02:30:00", "#SBATCH --partition=gpu",
              "#SBATCH --account='lab x'", "#SBATCH --job-name=ladder-avc", "export MASTER_PORT=29601"})
            QVERIFY2(script.contains(QLatin1String(line)), line);
        QVERIFY(script.contains(QStringLiteral("srun avt-workbench --batch train --workspace '/data/my ws'")));
        QVERIFY(script.contains(QStringLiteral("--set run.device=cuda")));
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("job.sbatch")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(script.toUtf8());
        f.close();
        QProcess bash;
        bash.start(QStringLiteral("bash"), {QStringLiteral("-n"), f.fileName()});
        QVERIFY(bash.waitForFinished());
        QVERIFY2(bash.exitCode() == 0, bash.readAllStandardError().constData());
        // The srun line's words are the train arguments bash would pass.
        const QString srun = script.section(QStringLiteral("srun "), 1).trimmed();
        const QStringList srunWords = avt::test::bashWords(srun);
        QCOMPARE(srunWords.mid(0, 3), words({"avt-workbench", "--batch", "train"}));
        QVERIFY(srunWords.contains(QStringLiteral("run.init=/w/it's here.pt")));

        const QString torchrun = torchrunCommand(spec(QStringLiteral("x")), o, QStringLiteral("node1"));
        QVERIFY2(
            torchrun.startsWith(QStringLiteral("torchrun --nnodes=2 --nproc-per-node=4 --rdzv-backend=c10d "
                                               "--rdzv-endpoint=node1:29601 --no-python avt-workbench --batch train")),
            qPrintable(torchrun));
    }

    void queueRespectsSlotsAndOrder()
    {
        QueueState q;
        q.setSlotCount(2);
        QStringList ids;
        for (const char *n : {"a", "b", "c"})
            ids << *q.add(spec(QString::fromLatin1(n)));
        QVERIFY(!q.add(spec(QStringLiteral("b"))).ok()); // queued twice
        auto starts = q.nextStarts({});
        QCOMPARE(starts.size(), 2);
        QCOMPARE(starts[0].id, ids[0]);
        QCOMPARE(starts[1].id, ids[1]);
        for (const Start &s : starts)
            q.markRunning(s.id, 100, QStringLiteral("h"), s.gpus, QString());
        QVERIFY(q.nextStarts({}).isEmpty());
        QVERIFY(!q.remove(ids[0])); // running
        q.markDone(ids[0], EntryState::Finished, QString());
        QCOMPARE(q.nextStarts({}).size(), 1);
        q.setPaused(true);
        QVERIFY(q.nextStarts({}).isEmpty());
        q.setPaused(false);
        // Reordering: d moves before c.
        const QString d = *q.add(spec(QStringLiteral("d")));
        QVERIFY(q.move(d, -1));
        QCOMPARE(q.nextStarts({}).first().id, d);
        QVERIFY(q.remove(ids[2]));
        QVERIFY(!q.find(ids[2]));
        // A finished run requeued to resume: at the end, resume without config changes.
        QVERIFY(q.requeue(ids[0], true));
        QCOMPARE(q.entries().last().id, ids[0]);
        QVERIFY(q.entries().last().spec.resume);
        QVERIFY(q.entries().last().spec.overrides.isEmpty());
    }

    void queueNeverSharesGpusUnlessAsked()
    {
        QueueState q;
        q.setSlotCount(4);
        LaunchSpec two = spec(QStringLiteral("two"));
        const QString a = *q.add(two, 2); // any two free GPUs
        LaunchSpec pinned = spec(QStringLiteral("pinned"));
        pinned.gpus = {1};
        const QString b = *q.add(pinned);                      // GPU 1: held by a
        const QString c = *q.add(spec(QStringLiteral("cpu"))); // behind b: waits (order kept)
        const QList<int> gpus{0, 1, 2};
        auto starts = q.nextStarts(gpus);
        QCOMPARE(starts.size(), 1);
        QCOMPARE(starts[0].id, a);
        QCOMPARE(starts[0].gpus, (QList<int>{0, 1}));
        q.markRunning(a, 1, QStringLiteral("h"), starts[0].gpus, QString());
        QVERIFY(q.nextStarts(gpus).isEmpty());
        // Sharing asked: b starts on GPU 1 beside a, then c.
        q.find(b)->spec.shareGpus = true;
        starts = q.nextStarts(gpus);
        QCOMPARE(starts.size(), 2);
        QCOMPARE(starts[0].gpus, (QList<int>{1}));
        QCOMPARE(starts[1].id, c);
        QVERIFY(starts[1].gpus.isEmpty());
        // More GPUs wanted than the machine has: it waits.
        QueueState big;
        QVERIFY(big.add(spec(QStringLiteral("big")), 4).ok());
        QVERIFY(big.nextStarts(gpus).isEmpty());
    }

    void queueFileRoundTripAndErrors()
    {
        QTemporaryDir dir;
        const QString path = queueFile(dir.path());
        QVERIFY(QueueState::load(path).ok()); // missing: empty
        QueueState q;
        q.setSlotCount(3);
        q.setPaused(true);
        const QString a = *q.add(spec(QStringLiteral("a")), 1);
        QVERIFY(q.add(spec(QStringLiteral("b"))).ok());
        q.markRunning(a, 4242, QStringLiteral("host1"), {2}, QStringLiteral("2026-12-04T10:00:00Z"));
        QVERIFY(q.save(path).ok());
        auto back = QueueState::load(path);
        QVERIFY(back.ok());
        QCOMPARE(back->slotCount(), 3);
        QVERIFY(back->paused());
        QCOMPARE(back->entries().size(), 2);
        QCOMPARE(back->find(a)->pid, 4242);
        QCOMPARE(back->find(a)->heldGpus, (QList<int>{2}));
        QVERIFY(back->find(a)->spec == q.find(a)->spec);
        // New ids never repeat an old one.
        const QString c = *back->add(spec(QStringLiteral("c")));
        QVERIFY(c != a);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"entries\": [{\"id\": \"q1\", \"state\": \"flying\", \"spec\": {\"name\": \"x\", \"nproc\": 1}}]}");
        f.close();
        auto bad = QueueState::load(path);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(path) && bad.error().message.contains(QStringLiteral("flying")),
                 qPrintable(bad.error().message));
    }

    void detachedProcessesOutliveAndStop()
    {
        QTemporaryDir dir;
        DetachedLaunch l;
        l.program = QStringLiteral("/bin/sh");
        l.arguments = {
            QStringLiteral("-c"),
            QStringLiteral("echo gpus=$CUDA_VISIBLE_DEVICES; echo oops >&2; trap 'echo stopping; exit 0' TERM; "
                           "sleep 30 & wait")};
        l.environment.insert(QStringLiteral("CUDA_VISIBLE_DEVICES"), QStringLiteral("2"));
        l.stdoutFile = dir.filePath(QStringLiteral("logs/out.jsonl"));
        l.stderrFile = dir.filePath(QStringLiteral("logs/err.log"));
        auto pid = startDetached(l);
        QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
        QVERIFY(processAlive(*pid));
        QVERIFY(::getpgid(pid_t(*pid)) != ::getpgrp()); // a group and session not the workbench's
        QVERIFY(::getsid(pid_t(*pid)) != ::getsid(0));
        auto read = [](const QString &file) {
            QFile f(file);
            return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
        };
        QVERIFY(waitUntil([&] { return read(l.stdoutFile).contains(QStringLiteral("gpus=2")); }, 5000));
        QVERIFY(waitUntil([&] { return read(l.stderrFile).contains(QStringLiteral("oops")); }, 5000));
        QVERIFY(requestStop(*pid).ok());
        QVERIFY(waitUntil([&] { return !processAlive(*pid); }, 5000));
        QVERIFY(read(l.stdoutFile).contains(QStringLiteral("stopping")));

        // Kill reaches the whole group (a launcher's ranks), even a child that ignores SIGTERM.
        l.arguments = {QStringLiteral("-c"),
                       QStringLiteral("trap '' TERM; (trap '' TERM; echo child $$ >&2; sleep 60) & wait")};
        pid = startDetached(l);
        QVERIFY(pid.ok());
        QVERIFY(waitUntil([&] { return read(l.stderrFile).contains(QStringLiteral("child")); }, 5000)); // traps set
        QVERIFY(requestStop(*pid).ok());
        QTest::qWait(200);
        QVERIFY2(processAlive(*pid), qPrintable(read(l.stderrFile))); // ignores SIGTERM
        const pid_t group = ::getpgid(pid_t(*pid));
        QVERIFY(group > 1);
        QVERIFY(killProcess(*pid).ok());
        QVERIFY(waitUntil([&] { return !processAlive(*pid); }, 5000));
        auto groupEmpty = [group] {
            QProcess pg;
            pg.start(QStringLiteral("pgrep"), {QStringLiteral("-g"), QString::number(group)});
            pg.waitForFinished();
            return pg.readAllStandardOutput().trimmed().isEmpty();
        };
        QVERIFY(waitUntil(groupEmpty, 5000)); // nothing left in its group

        l.program = dir.filePath(QStringLiteral("no-such-program"));
        auto missing = startDetached(l);
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(QStringLiteral("no-such-program")));
        QVERIFY(!processAlive(0));
        const int p1 = freePort();
        QVERIFY(p1 > 0 && freePort({p1}) != p1);
    }
};

QTEST_GUILESS_MAIN(TestLaunch)
#include "tst_launch.moc"
