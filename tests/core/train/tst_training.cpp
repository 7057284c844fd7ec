// Training end to end through the avt-workbench binary on a tiny DrumArt-10: runs recorded,
// kill -9 + --resume ends with the same weights as an uninterrupted run, 2 Gloo ranks with
// batch 4 match 1 rank with batch 8, a dying rank stops the others, a NaN loss stops the run
// and keeps the last good checkpoint.
#include "app_fixture.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/checkpoint.h"
#include "core/train/run_config.h"
#include "model/avt/avt_model.h"
#include "run_weights.h"

#include <torch/torch.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <csignal>

using namespace avt;

class TestTraining : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void trainsAndRecordsRun();
    void killAndResumeMatchesUninterrupted();
    void resumeFromEachCheckpointKind_data();
    void resumeFromEachCheckpointKind();
    void damagedNewestCheckpointFallsBack();
    void runIsLockedWhileItRuns();
    void launcherSignalStopsAllRanksTogether();
    void killedLauncherTakesItsRanks();
    void longEvaluationDoesNotTimeOutTheOthers();
    void stoppedRankIsNamed();
    void twoRanksMatchOneRank();
    void deadRankStopsTheOthers();
    void nanLossStopsAndKeepsCheckpoint();
    void failedStoreWriteStopsTheRun();
    void initFromAnotherRunsWeights();
    void ablateRunsTheChosenRungs();

private:
    QStringList baseArgs(const QString &name) const
    {
        return {QStringLiteral("--batch"),     QStringLiteral("train"),
                QStringLiteral("--workspace"), m_ws,
                QStringLiteral("--dataset"),   QStringLiteral("demo"),
                QStringLiteral("--name"),      name,
                QStringLiteral("--set"),       QStringLiteral("model.preset=avt-tiny"),
                QStringLiteral("--set"),       QStringLiteral("data.clip_seconds=3"),
                QStringLiteral("--set"),       QStringLiteral("data.workers=1"),
                QStringLiteral("--set"),       QStringLiteral("optim.batch=4"),
                QStringLiteral("--set"),       QStringLiteral("optim.lr=1e-3"),
                QStringLiteral("--set"),       QStringLiteral("optim.warmup_steps=3"),
                QStringLiteral("--set"),       QStringLiteral("run.log_every=1"),
                QStringLiteral("--set"),       QStringLiteral("run.threads=1"),
                QStringLiteral("--progress"),  QStringLiteral("json")};
    }
    using Run = avt::test::AppRun;
    static Run run(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                   int timeoutMs = 600000, const QString &workingDir = QString())
    {
        return avt::test::runApp(args, env, timeoutMs, workingDir);
    }
    std::map<std::string, at::Tensor> finalWeights(const QString &runName) const
    {
        return avt::test::finalWeights(m_ws, runName);
    }
    static double maxDifference(const std::map<std::string, at::Tensor> &a, const std::map<std::string, at::Tensor> &b)
    {
        return avt::test::maxDifference(a, b);
    }
    QString runStatus(const QString &name)
    {
        auto ws = store::Workspace::open(m_ws);
        auto info = store::findRun((*ws)->db(), name);
        return info ? info->status + QLatin1Char('|') + info->message : QStringLiteral("missing");
    }

    // Starts a long two-rank run and waits for its first steps; false when it ended before.
    bool startTwoRanks(QProcess &p, const QString &name, const QStringList &extra = {})
    {
        QStringList args = baseArgs(name) + extra;
        args << QStringLiteral("--set") << QStringLiteral("optim.epochs=50") << QStringLiteral("--set")
             << QStringLiteral("optim.batch=2") << QStringLiteral("--nproc-per-node") << QStringLiteral("2");
        p.start(QStringLiteral(AVT_APP_BINARY), args);
        if (!p.waitForStarted())
            return false;
        QByteArray buffer;
        while (p.state() != QProcess::NotRunning) {
            p.waitForReadyRead(200);
            buffer += p.readAllStandardOutput();
            if (buffer.contains("\"step\":2,"))
                return true;
        }
        return false;
    }
    // The pid of rank `rank` of the run's ranks (its environment says RANK=rank), 0 if none.
    static qint64 rankPid(const QString &name, int rank)
    {
        for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
            QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid)), env(QStringLiteral("/proc/%1/environ").arg(pid));
            if (pid.toInt() > 0 && cmd.open(QIODevice::ReadOnly) && env.open(QIODevice::ReadOnly)
                && cmd.readAll().contains(QByteArray("--name") + '\0' + name.toUtf8() + '\0')
                && ('\0' + env.readAll()).contains('\0' + QByteArray("RANK=") + QByteArray::number(rank) + '\0'))
                return pid.toLongLong();
        }
        return 0;
    }
    // Processes whose command line names the run (the ranks of a launcher).
    static int processesOfRun(const QString &name)
    {
        int n = 0;
        for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
            QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
            if (pid.toInt() > 0 && f.open(QIODevice::ReadOnly)
                && f.readAll().contains(QByteArray("--name") + '\0' + name.toUtf8() + '\0'))
                ++n;
        }
        return n;
    }

    QTemporaryDir m_tmp;
    QString m_ws;
};

void TestTraining::initTestCase()
{
    m_ws = m_tmp.filePath(QStringLiteral("ws"));
    int usable = 0;
    const QString made = avt::test::makeDemoWorkspace(m_tmp.filePath(QStringLiteral("demo")), m_ws, 4, 3, &usable);
    QVERIFY2(made.isEmpty(), qPrintable(made));
    QCOMPARE(usable, 40);
}

void TestTraining::trainsAndRecordsRun()
{
    QStringList args = baseArgs(QStringLiteral("basic"));
    args << QStringLiteral("--set") << QStringLiteral("optim.epochs=2");
    QElapsedTimer t;
    t.start();
    const Run r = run(args);
    QVERIFY2(r.code == 0, r.err.constData());
    qInfo("2 epochs of avt-tiny on 30 clips: %.1f s", t.elapsed() / 1000.0);
    QCOMPARE(runStatus(QStringLiteral("basic")).section(QLatin1Char('|'), 0, 0), QStringLiteral("finished"));
    auto ws = store::Workspace::open(m_ws);
    auto info = store::findRun((*ws)->db(), QStringLiteral("basic"));
    auto loss = store::loadMetrics((*ws)->db(), info->id, QStringLiteral("loss"), QStringLiteral("train"));
    QCOMPARE(loss->size(), 14); // 2 epochs x 7 batches of 4 (30 clips, last partial dropped)
    auto top1 = store::loadMetrics((*ws)->db(), info->id, QStringLiteral("top1"));
    QCOMPARE(top1->size(), 2); // evaluated after each epoch
    QVERIFY(!info->bestCheckpoint.isEmpty() && QFile::exists(*(*ws)->absolutePath(info->bestCheckpoint)));
    auto preds = store::loadPredictions((*ws)->db(), info->id);
    QCOMPARE(std::count_if(preds->begin(), preds->end(), [](const store::PredictionRow &p) { return p.view == -1; }),
             10);
    // Every JSON line parses; the last is the finished event.
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QJsonObject last;
    for (const QByteArray &l : lines) {
        if (!l.startsWith('{'))
            continue;
        QJsonParseError e;
        const QJsonDocument d = QJsonDocument::fromJson(l, &e);
        QVERIFY2(e.error == QJsonParseError::NoError, l.constData());
        last = d.object();
    }
    QCOMPARE(last.value(QStringLiteral("event")).toString(), QStringLiteral("finished"));
    QVERIFY(loss->last().value < loss->first().value * 1.5);
}

void TestTraining::killAndResumeMatchesUninterrupted()
{
    const QStringList extra{QStringLiteral("--set"), QStringLiteral("optim.epochs=2"),
                            QStringLiteral("--set"), QStringLiteral("run.checkpoint_every=3"),
                            QStringLiteral("--set"), QStringLiteral("run.eval_each_epoch=false")};
    const Run ref = run(baseArgs(QStringLiteral("reference")) + extra);
    QVERIFY2(ref.code == 0, ref.err.constData());

    // The victim is killed with SIGKILL mid-epoch, right after step 5 (checkpoint at 3).
    QProcess p;
    p.start(QStringLiteral(AVT_APP_BINARY), baseArgs(QStringLiteral("victim")) + extra);
    QVERIFY(p.waitForStarted());
    bool killed = false;
    QByteArray buffer;
    while (!killed && p.state() != QProcess::NotRunning) {
        p.waitForReadyRead(200);
        buffer += p.readAllStandardOutput();
        for (const QByteArray &line : buffer.split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(QStringLiteral("event")).toString() == QLatin1String("step")
                && o.value(QStringLiteral("step")).toInt() >= 5) {
                p.kill();
                killed = true;
                break;
            }
        }
    }
    p.waitForFinished();
    QVERIFY2(killed, "the victim finished before it could be killed");
    QCOMPARE(runStatus(QStringLiteral("victim")).section(QLatin1Char('|'), 0, 0),
             QStringLiteral("running")); // died without a word
    // ... and is shown as interrupted, since its process is gone.
    const Run listed = run({QStringLiteral("--batch"), QStringLiteral("runs"), QStringLiteral("list"),
                            QStringLiteral("--workspace"), m_ws});
    QVERIFY2(
        QRegularExpression(QStringLiteral("\\bvictim +interrupted\\b")).match(QString::fromUtf8(listed.out)).hasMatch(),
        listed.out.constData());
    const Run resumed = run({QStringLiteral("--batch"), QStringLiteral("train"), QStringLiteral("--workspace"), m_ws,
                             QStringLiteral("--resume"), QStringLiteral("victim"), QStringLiteral("--progress"),
                             QStringLiteral("none")});
    QVERIFY2(resumed.code == 0, resumed.err.constData());
    QVERIFY(resumed.out.contains("finished after 14 steps"));
    const double diff =
        maxDifference(finalWeights(QStringLiteral("reference")), finalWeights(QStringLiteral("victim")));
    qInfo("kill -9 at step 5, resumed from step 3: largest weight difference to the uninterrupted run %g", diff);
    QVERIFY(diff <= 1e-7);
}

// A process that dies right after a periodic checkpoint (step 6), right after the epoch-end
// checkpoint (step 7, the next epoch's start) or two steps past a checkpoint (step 5, resumed
// from 3) must resume to the same weights as the uninterrupted run of the test above.
void TestTraining::resumeFromEachCheckpointKind_data()
{
    QTest::addColumn<int>("exitStep");
    QTest::newRow("two steps past a checkpoint") << 5;
    QTest::newRow("right after a periodic checkpoint") << 6;
    QTest::newRow("right after the epoch-end checkpoint") << 7;
}

void TestTraining::resumeFromEachCheckpointKind()
{
    QFETCH(int, exitStep);
    const QStringList extra{QStringLiteral("--set"), QStringLiteral("optim.epochs=2"),
                            QStringLiteral("--set"), QStringLiteral("run.checkpoint_every=3"),
                            QStringLiteral("--set"), QStringLiteral("run.eval_each_epoch=false")};
    const QString name = QStringLiteral("exit-at-%1").arg(exitStep);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AVT_FAULT_EXIT"), QStringLiteral("0:%1").arg(exitStep));
    const Run victim = run(baseArgs(name) + extra, env);
    QCOMPARE(victim.code, 3);
    const Run resumed = run({QStringLiteral("--batch"), QStringLiteral("train"), QStringLiteral("--workspace"), m_ws,
                             QStringLiteral("--resume"), name, QStringLiteral("--progress"), QStringLiteral("none")});
    QVERIFY2(resumed.code == 0, resumed.err.constData());
    QVERIFY(resumed.out.contains("finished after 14 steps"));
    const double diff = maxDifference(finalWeights(QStringLiteral("reference")), finalWeights(name));
    qInfo("exit at step %d, resumed: largest weight difference to the uninterrupted run %g", exitStep, diff);
    QVERIFY(diff <= 1e-7);
}

// The newest checkpoint is truncated (a disk that filled up) and a temporary file is left over
// (a process killed between writing a checkpoint and renaming it): resume warns, sets the damaged
// one aside, removes the temporary file, resumes from the one before and still ends with the
// weights of the uninterrupted run.
void TestTraining::damagedNewestCheckpointFallsBack()
{
    const QStringList extra{QStringLiteral("--set"), QStringLiteral("optim.epochs=2"),
                            QStringLiteral("--set"), QStringLiteral("run.checkpoint_every=3"),
                            QStringLiteral("--set"), QStringLiteral("run.eval_each_epoch=false")};
    const QString name = QStringLiteral("damaged");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AVT_FAULT_EXIT"), QStringLiteral("0:7"));
    const Run victim = run(baseArgs(name) + extra, env);
    QCOMPARE(victim.code, 3);
    const QString dir = m_ws + QStringLiteral("/runs/damaged/checkpoints");
    const QStringList cps = train::listCheckpoints(dir);
    QVERIFY2(cps.size() >= 2, qPrintable(cps.join(QLatin1Char(' '))));
    QFile newest(cps.first());
    const qint64 size = newest.size();
    QVERIFY(newest.resize(size / 2));
    QFile tmp(dir + QStringLiteral("/step-00000008.pt.tmp"));
    QVERIFY(tmp.open(QIODevice::WriteOnly) && tmp.write(QByteArray(4096, 'x')) == 4096);
    tmp.close();
    const Run resumed = run({QStringLiteral("--batch"), QStringLiteral("train"), QStringLiteral("--workspace"), m_ws,
                             QStringLiteral("--resume"), name, QStringLiteral("--progress"), QStringLiteral("none")});
    QVERIFY2(resumed.code == 0, resumed.err.constData());
    QVERIFY2(resumed.err.contains("step-00000008.pt.tmp") && resumed.err.contains("cannot be read")
                 && resumed.err.contains(QFileInfo(cps[1]).fileName().toUtf8()),
             resumed.err.constData());
    QVERIFY(resumed.out.contains("finished after 14 steps"));
    QVERIFY(!QFile::exists(tmp.fileName()));
    QVERIFY(QFile::exists(cps.first() + QStringLiteral(".damaged")));
    const double diff = maxDifference(finalWeights(QStringLiteral("reference")), finalWeights(name));
    qInfo("newest checkpoint truncated, resumed from the one before: largest weight difference %g", diff);
    QVERIFY(diff <= 1e-7);
}

// A second process cannot resume a run while its first process runs: refused, naming the pid
// and the host of the one that holds it.
void TestTraining::runIsLockedWhileItRuns()
{
    QProcess p;
    p.start(QStringLiteral(AVT_APP_BINARY),
            baseArgs(QStringLiteral("locked"))
                + QStringList{QStringLiteral("--set"), QStringLiteral("optim.epochs=50")});
    QVERIFY(p.waitForStarted());
    const qint64 firstPid = p.processId();
    bool stepped = false;
    QByteArray buffer;
    while (!stepped && p.state() != QProcess::NotRunning) {
        p.waitForReadyRead(200);
        buffer += p.readAllStandardOutput();
        stepped = buffer.contains("\"event\":\"step\"");
    }
    QVERIFY2(stepped, "the first process ended before its first step");
    const Run second = run({QStringLiteral("--batch"), QStringLiteral("train"), QStringLiteral("--workspace"), m_ws,
                            QStringLiteral("--resume"), QStringLiteral("locked"), QStringLiteral("--progress"),
                            QStringLiteral("none")});
    p.kill();
    p.waitForFinished();
    QCOMPARE(second.code, 1);
    QVERIFY2(second.err.contains(QStringLiteral("pid %1 on host %2").arg(firstPid).arg(store::hostName()).toUtf8()),
             second.err.constData());
    QVERIFY2(second.err.contains("is running"), second.err.constData());
}

// SIGTERM to the launcher of two ranks: both ranks stop at the same step, rank 0 writes one
// checkpoint of that step, the launcher exits 0 and the run is "stopped" (resumable).
void TestTraining::launcherSignalStopsAllRanksTogether()
{
    QProcess p;
    QVERIFY2(startTwoRanks(p, QStringLiteral("sigterm-ranks")), "the run ended before its second step");
    ::kill(pid_t(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QVERIFY2(runStatus(QStringLiteral("sigterm-ranks")).startsWith(QStringLiteral("stopped|")),
             qPrintable(runStatus(QStringLiteral("sigterm-ranks"))));
    QCOMPARE(processesOfRun(QStringLiteral("sigterm-ranks")), 0);
    // Both ranks logged the same last step.
    const QString logs = m_ws + QStringLiteral("/runs/sigterm-ranks/logs/");
    QFile r0(logs + QStringLiteral("rank0.log")), r1(logs + QStringLiteral("rank1.log"));
    QVERIFY(r0.open(QIODevice::ReadOnly) && r1.open(QIODevice::ReadOnly));
    const QByteArray l0 = r0.readAll(), l1 = r1.readAll();
    const QRegularExpression stoppedAt(QStringLiteral("stopping at step (\\d+)"));
    const auto m0 = stoppedAt.match(QString::fromUtf8(l0)), m1 = stoppedAt.match(QString::fromUtf8(l1));
    QVERIFY2(m0.hasMatch() && m1.hasMatch(), (l0 + "\n---\n" + l1).constData());
    QCOMPARE(m0.captured(1), m1.captured(1));
    const QStringList cps = train::listCheckpoints(m_ws + QStringLiteral("/runs/sigterm-ranks/checkpoints"));
    QVERIFY(!cps.isEmpty());
    QVERIFY2(cps.first().endsWith(QStringLiteral("step-%1.pt").arg(m0.captured(1).toInt(), 8, 10, QLatin1Char('0'))),
             qPrintable(cps.first()));
}

// A launcher killed with SIGKILL cannot pass anything on: its ranks end through their
// parent-death signal (stopping as for SIGTERM) instead of running on as orphans.
void TestTraining::killedLauncherTakesItsRanks()
{
    QProcess p;
    QVERIFY2(startTwoRanks(p, QStringLiteral("orphans")), "the run ended before its second step");
    QCOMPARE(processesOfRun(QStringLiteral("orphans")), 3); // launcher + 2 ranks
    p.kill();
    p.waitForFinished();
    QElapsedTimer t;
    t.start();
    while (processesOfRun(QStringLiteral("orphans")) > 0 && t.elapsed() < 60000)
        QThread::msleep(200);
    QCOMPARE(processesOfRun(QStringLiteral("orphans")), 0);
    qInfo("ranks ended %.1f s after the launcher was killed", double(t.elapsed()) / 1000.0);
}

// Rank 0 evaluates alone while the other ranks wait: an evaluation longer than the collective
// timeout (dist.timeout_s = 5 s here; it takes 8 s) must not fail the run.
void TestTraining::longEvaluationDoesNotTimeOutTheOthers()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AVT_FAULT_SLOW_EVAL"), QStringLiteral("8"));
    QStringList args = baseArgs(QStringLiteral("slow-eval"));
    args << QStringLiteral("--set") << QStringLiteral("optim.epochs=1") << QStringLiteral("--set")
         << QStringLiteral("run.eval_each_epoch=true") << QStringLiteral("--set") << QStringLiteral("dist.timeout_s=5")
         << QStringLiteral("--set") << QStringLiteral("optim.batch=2") << QStringLiteral("--nproc-per-node")
         << QStringLiteral("2");
    const Run r = run(args, env);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(runStatus(QStringLiteral("slow-eval")).startsWith(QStringLiteral("finished|")),
             qPrintable(runStatus(QStringLiteral("slow-eval"))));
}

// A rank stopped with SIGSTOP holds the others up until their collective times out; the run
// then ends (every process, the stopped one too) with a message that names the stopped rank, not
// the one whose collective timed out.
void TestTraining::stoppedRankIsNamed()
{
    QProcess p;
    QVERIFY2(startTwoRanks(p, QStringLiteral("sigstop"), {QStringLiteral("--set"), QStringLiteral("dist.timeout_s=5")}),
             "the run ended before its second step");
    const qint64 victim = rankPid(QStringLiteral("sigstop"), 1);
    QVERIFY(victim > 0);
    QCOMPARE(::kill(pid_t(victim), SIGSTOP), 0);
    QVERIFY(p.waitForFinished(120000));
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(err.contains("rank 1 of 2 was stopped"), err.constData());
    QTRY_COMPARE_WITH_TIMEOUT(processesOfRun(QStringLiteral("sigstop")), 0, 20000);
}

void TestTraining::twoRanksMatchOneRank()
{
    // Audio-only model: LayerNorm only (BatchNorm statistics would differ per rank) and
    // classification loss only (contrastive terms couple the samples of a batch).
    const QStringList common{QStringLiteral("--set"),       QStringLiteral("model.fusion.mode=audio"),
                             QStringLiteral("--set"),       QStringLiteral("optim.epochs=1"),
                             QStringLiteral("--set"),       QStringLiteral("run.eval_each_epoch=false"),
                             QStringLiteral("--max-steps"), QStringLiteral("3")};
    QStringList one = baseArgs(QStringLiteral("one-rank")) + common;
    one << QStringLiteral("--set") << QStringLiteral("optim.batch=8");
    const Run a = run(one);
    QVERIFY2(a.code == 0, a.err.constData());
    QStringList two = baseArgs(QStringLiteral("two-ranks")) + common;
    two << QStringLiteral("--nproc-per-node") << QStringLiteral("2");
    const Run b = run(two);
    QVERIFY2(b.code == 0, (b.err + b.out).constData());
    auto ws = store::Workspace::open(m_ws);
    QCOMPARE(store::findRun((*ws)->db(), QStringLiteral("two-ranks"))->worldSize, 2);
    // The scale of a wrong result: one rank at batch 4, i.e. what each rank would reach if the
    // gradients were not averaged across ranks. AdamW divides by sqrt(v), so a weight whose
    // gradient is near zero can move by up to lr per step on rounding alone; an absolute bound
    // therefore depends on the BLAS's summation order (2.8e-6 with a 2-thread OpenBLAS, 1.03e-5
    // with 1 thread), and the check is relative to that scale instead.
    const Run c = run(baseArgs(QStringLiteral("one-rank-half")) + common);
    QVERIFY2(c.code == 0, c.err.constData());
    const auto oneRank = finalWeights(QStringLiteral("one-rank"));
    const double diff = maxDifference(oneRank, finalWeights(QStringLiteral("two-ranks")));
    const double wrong = maxDifference(oneRank, finalWeights(QStringLiteral("one-rank-half")));
    qInfo("2 ranks x batch 4 vs 1 rank x batch 8 after 3 steps: largest weight difference %g "
          "(1 rank x batch 4, without averaging across ranks: %g, ratio %.4f)",
          diff, wrong, diff / wrong);
    QVERIFY(wrong > 1e-4);
    QVERIFY(diff < 0.01 * wrong);
}

void TestTraining::deadRankStopsTheOthers()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AVT_FAULT_EXIT"), QStringLiteral("1:1"));
    QStringList args = baseArgs(QStringLiteral("dead-rank"));
    args << QStringLiteral("--set") << QStringLiteral("model.fusion.mode=audio") << QStringLiteral("--set")
         << QStringLiteral("dist.timeout_s=20") << QStringLiteral("--nproc-per-node") << QStringLiteral("2");
    QElapsedTimer t;
    t.start();
    const Run r = run(args, env, 180000);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("rank 1 of 2 exited with status 3"), r.err.constData());
    qInfo("a rank exiting at step 1 stopped the run in %.1f s", t.elapsed() / 1000.0);
    QVERIFY(t.elapsed() < 120000);
}

void TestTraining::nanLossStopsAndKeepsCheckpoint()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AVT_FAULT_NAN"), QStringLiteral("2"));
    QStringList args = baseArgs(QStringLiteral("nan"));
    args << QStringLiteral("--set") << QStringLiteral("run.checkpoint_every=1");
    Run r = run(args, env);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("the loss became NaN or infinite at step 3"), r.err.constData());
    const QString status = runStatus(QStringLiteral("nan"));
    QVERIFY2(status.startsWith(QStringLiteral("failed|")), qPrintable(status));
    auto ws = store::Workspace::open(m_ws);
    const QStringList cps = train::listCheckpoints((*ws)->dir().filePath(QStringLiteral("runs/nan/checkpoints")));
    QVERIFY(!cps.isEmpty());
    QVERIFY2(cps.first().endsWith(QStringLiteral("step-00000002.pt")), qPrintable(cps.first()));
    // Non-finite gradients of a finite loss stop the run the same way, before the step is taken.
    env.remove(QStringLiteral("AVT_FAULT_NAN"));
    env.insert(QStringLiteral("AVT_FAULT_INF_GRAD"), QStringLiteral("2"));
    args = baseArgs(QStringLiteral("infgrad"));
    args << QStringLiteral("--set") << QStringLiteral("run.checkpoint_every=1");
    const Run g = run(args, env);
    QCOMPARE(g.code, 1);
    QVERIFY2(g.err.contains("gradients (of a finite loss) became NaN or infinite at step 3"), g.err.constData());
    QVERIFY2(runStatus(QStringLiteral("infgrad")).startsWith(QStringLiteral("failed|")),
             qPrintable(runStatus(QStringLiteral("infgrad"))));
    const QStringList gcps = train::listCheckpoints((*ws)->dir().filePath(QStringLiteral("runs/infgrad/checkpoints")));
    QVERIFY(!gcps.isEmpty());
    QVERIFY2(gcps.first().endsWith(QStringLiteral("step-00000002.pt")), qPrintable(gcps.first()));
}

// A metrics write that the store refuses stops the run with a message naming the step; it is
// never a row silently lost (the rows before it are there).
void TestTraining::failedStoreWriteStopsTheRun()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AVT_FAULT_STORE"), QStringLiteral("2"));
    const Run r = run(baseArgs(QStringLiteral("store-fault")), env);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("cannot store the train metrics of step 2"), r.err.constData());
    auto ws = store::Workspace::open(m_ws);
    QVERIFY(ws.ok());
    auto run = store::findRun((*ws)->db(), QStringLiteral("store-fault"));
    QVERIFY(run.ok());
    auto losses = store::loadMetrics((*ws)->db(), run->id, QStringLiteral("loss"), QStringLiteral("train"));
    QVERIFY(losses.ok());
    QCOMPARE(losses->size(), 1);
    QCOMPARE(losses->first().step, qint64(1));
}

// run.init: a fused model starts from a video-only run's weights (as the paper's models start
// from pretrained encoders). With lr 0 the video encoder must come out exactly as the source's.
void TestTraining::initFromAnotherRunsWeights()
{
    const QStringList common{QStringLiteral("--set"), QStringLiteral("optim.epochs=1"), QStringLiteral("--set"),
                             QStringLiteral("run.eval_each_epoch=false")};
    QStringList src = baseArgs(QStringLiteral("init-src")) + common;
    src << QStringLiteral("--set") << QStringLiteral("model.fusion.mode=video") << QStringLiteral("--max-steps")
        << QStringLiteral("2");
    const Run a = run(src);
    QVERIFY2(a.code == 0, a.err.constData());
    auto ws = store::Workspace::open(m_ws);
    const QStringList cps = train::listCheckpoints((*ws)->dir().filePath(QStringLiteral("runs/init-src/checkpoints")));
    QVERIFY(!cps.isEmpty());

    QStringList dst = baseArgs(QStringLiteral("init-dst")) + common;
    dst << QStringLiteral("--set") << QStringLiteral("run.init=") + cps.first() << QStringLiteral("--set")
        << QStringLiteral("optim.lr=0") << QStringLiteral("--set") << QStringLiteral("optim.min_lr=0")
        << QStringLiteral("--max-steps") << QStringLiteral("1");
    const Run b = run(dst);
    QVERIFY2(b.code == 0, b.err.constData());
    QJsonObject start;
    for (const QByteArray &l : b.out.split('\n'))
        if (l.contains("\"event\":\"start\""))
            start = QJsonDocument::fromJson(l).object();
    QCOMPARE(start.value(QStringLiteral("init")).toString(), QFileInfo(cps.first()).absoluteFilePath());
    QVERIFY(start.value(QStringLiteral("init_loaded")).toInt() > 50); // the whole UniFormer
    QVERIFY(start.value(QStringLiteral("init_kept")).toInt() > 50);   // AST, fusion, fused head

    const auto from = finalWeights(QStringLiteral("init-src")), to = finalWeights(QStringLiteral("init-dst"));
    int compared = 0;
    double worst = 0;
    for (const auto &[k, t] : from)
        if (k.rfind("video.", 0) == 0 && to.count(k)) {
            worst = std::max(worst, (t - to.at(k)).abs().max().item<double>());
            ++compared;
        }
    QVERIFY(compared > 50);
    QCOMPARE(worst, 0.0);

    // A file that is not weights: the run stops with a message naming the key and the file.
    QStringList bad = baseArgs(QStringLiteral("init-bad")) + common;
    bad << QStringLiteral("--set") << QStringLiteral("run.init=") + m_tmp.filePath(QStringLiteral("nothing.pt"))
        << QStringLiteral("--max-steps") << QStringLiteral("1");
    const Run c = run(bad);
    QVERIFY(c.code != 0);
    QVERIFY2(c.err.contains("run.init: ") && c.err.contains("nothing.pt: no such weights file"), c.err.constData());

    // A TorchScript archive whose __setstate__ creates ./avt-marker-created when LibTorch's loader
    // reads it (as torch.jit.load does): refused with a message, and the file never appears.
    QTemporaryDir cwd;
    const QString marker = cwd.filePath(QStringLiteral("avt-marker-created"));
    QStringList script = baseArgs(QStringLiteral("init-script")) + common;
    script << QStringLiteral("--set")
           << QStringLiteral("run.init=%1/weights/torchscript_marker.pt").arg(QStringLiteral(AVT_FIXTURES_DIR))
           << QStringLiteral("--max-steps") << QStringLiteral("1");
    const Run d = run(script, QProcessEnvironment::systemEnvironment(), 600000, cwd.path());
    QVERIFY(d.code != 0);
    QVERIFY2(d.err.contains("torchscript_marker.pt: a TorchScript archive") && d.err.contains("refused"),
             d.err.constData());
    QVERIFY(!QFile::exists(marker));
}

void TestTraining::ablateRunsTheChosenRungs()
{
    QStringList args{QStringLiteral("--batch"),     QStringLiteral("ablate"),
                     QStringLiteral("--workspace"), m_ws,
                     QStringLiteral("--dataset"),   QStringLiteral("demo"),
                     QStringLiteral("--prefix"),    QStringLiteral("abl"),
                     QStringLiteral("--rungs"),     QStringLiteral("video,avbottleneck"),
                     QStringLiteral("--progress"),  QStringLiteral("none")};
    for (const QString &kv : {QStringLiteral("model.preset=avt-tiny"), QStringLiteral("data.clip_seconds=3"),
                              QStringLiteral("data.workers=1"), QStringLiteral("optim.batch=4"),
                              QStringLiteral("optim.epochs=1"), QStringLiteral("run.threads=1")})
        args << QStringLiteral("--set") << kv;
    const Run r = run(args);
    QVERIFY2(r.code == 0, r.err.constData());
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(QStringLiteral("[1/2] Video Only: training run abl-video")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("[2/2] AVBottleneck: training run abl-avbottleneck")), qPrintable(out));
    auto ws = store::Workspace::open(m_ws);
    QVERIFY(ws.ok());
    QCOMPARE(store::findRun((*ws)->db(), QStringLiteral("abl-video"))->status, QStringLiteral("finished"));
    QCOMPARE(store::findRun((*ws)->db(), QStringLiteral("abl-avbottleneck"))->status, QStringLiteral("finished"));
    QVERIFY(!store::findRun((*ws)->db(), QStringLiteral("abl-audio")).ok()); // not chosen
    // Again: finished runs are not trained again; an unknown rung is bad usage naming the rungs.
    const Run again = run(args);
    QVERIFY2(again.code == 0 && again.out.contains("run abl-video already finished"), again.out.constData());

    // Two seeds of one rung: the first seed's run is the one above, the second is named
    // -seed2 and trained with run.seed 2; the tables show the two as mean ± std.
    QStringList seeded = args;
    seeded[seeded.indexOf(QStringLiteral("video,avbottleneck"))] = QStringLiteral("video");
    const QString tableFile = m_tmp.filePath(QStringLiteral("abl.md"));
    seeded << QStringLiteral("--seeds") << QStringLiteral("2") << QStringLiteral("--out") << tableFile;
    const Run two = run(seeded);
    QVERIFY2(two.code == 0, two.err.constData());
    QVERIFY2(two.out.contains("[1/2] Video Only: run abl-video already finished")
                 && two.out.contains("[2/2] Video Only: training run abl-video-seed2"),
             two.out.constData());
    auto second = store::findRun((*ws)->db(), QStringLiteral("abl-video-seed2"));
    QVERIFY(second.ok());
    QCOMPARE(second->status, QStringLiteral("finished"));
    QCOMPARE(second->config.value(QStringLiteral("run")).toObject().value(QStringLiteral("seed")).toInt(), 2);
    const QString split =
        second->config.value(QStringLiteral("run")).toObject().value(QStringLiteral("eval_split")).toString();
    auto top1Of = [&](const QString &name) {
        const auto run = store::findRun((*ws)->db(), name);
        if (!run)
            return -1.0;
        const auto metrics = store::finalMetrics((*ws)->db(), run->id); // kept alive for the loop
        if (!metrics)
            return -1.0;
        for (const store::MetricRow &m : *metrics)
            if (m.split == split && m.name == QLatin1String("top1"))
                return m.value;
        return -1.0;
    };
    const double a = top1Of(QStringLiteral("abl-video")), b = top1Of(QStringLiteral("abl-video-seed2"));
    QVERIFY(a >= 0 && b >= 0);
    const double mean = (a + b) / 2, std = std::abs(a - b) / std::sqrt(2.0);
    const QString cell = QStringLiteral("%1 ± %2").arg(mean, 0, 'f', 2).arg(std, 0, 'f', 2);
    QFile md(tableFile);
    QVERIFY(md.open(QIODevice::ReadOnly));
    const QString table = QString::fromUtf8(md.readAll());
    QVERIFY2(table.contains(QStringLiteral("| Video Only | %1 |").arg(cell)), qPrintable(table + cell));
    // runs export --seeds: one row for the two seeds; runs compare names the key that differs.
    const Run exported = run({QStringLiteral("--batch"), QStringLiteral("runs"), QStringLiteral("export"),
                              QStringLiteral("--workspace"), m_ws, QStringLiteral("--filter"), QStringLiteral("^abl-"),
                              QStringLiteral("--seeds"), QStringLiteral("--format"), QStringLiteral("markdown")});
    QVERIFY2(exported.code == 0, exported.err.constData());
    QVERIFY2(QString::fromUtf8(exported.out).contains(QStringLiteral("| abl-video | 2 |")), exported.out.constData());
    QVERIFY2(QString::fromUtf8(exported.out).contains(cell), exported.out.constData());
    const Run compared =
        run({QStringLiteral("--batch"), QStringLiteral("runs"), QStringLiteral("compare"),
             QStringLiteral("--workspace"), m_ws, QStringLiteral("abl-video"), QStringLiteral("abl-avbottleneck")});
    QVERIFY2(compared.code == 0 && compared.out.contains("model.fusion.mode") && !compared.out.contains("run.seed"),
             compared.out.constData());
    const Run badAt = run({QStringLiteral("--batch"), QStringLiteral("runs"), QStringLiteral("export"),
                           QStringLiteral("--workspace"), m_ws, QStringLiteral("--at"), QStringLiteral("best=top1")});
    QCOMPARE(badAt.code, 2);
    QVERIFY2(badAt.err.contains("split/name"), badAt.err.constData());
    // A sweep without a ladder: listed by --dry-run, then trained, and tabled by the swept key.
    QStringList swept{QStringLiteral("--batch"),     QStringLiteral("ablate"),
                      QStringLiteral("--workspace"), m_ws,
                      QStringLiteral("--dataset"),   QStringLiteral("demo"),
                      QStringLiteral("--prefix"),    QStringLiteral("swp"),
                      QStringLiteral("--ladder"),    QStringLiteral("none"),
                      QStringLiteral("--sweep"),     QStringLiteral("optim.lr=0.002,0.001"),
                      QStringLiteral("--progress"),  QStringLiteral("none")};
    for (int i = args.indexOf(QStringLiteral("--set")); i >= 0 && i + 1 < args.size(); i += 2)
        swept << args[i] << args[i + 1];
    const Run dry = run(swept + QStringList{QStringLiteral("--dry-run")});
    QVERIFY2(dry.code == 0 && dry.out.contains("swp-lr0.002") && dry.out.contains("swp-lr0.001")
                 && dry.out.contains("2 run(s)"),
             dry.out.constData());
    QVERIFY(!store::findRun((*ws)->db(), QStringLiteral("swp-lr0.002")).ok()); // nothing trained
    swept[swept.indexOf(QStringLiteral("optim.lr=0.002,0.001"))] = QStringLiteral("optim.lr=0.002");
    const Run sweep = run(swept);
    QVERIFY2(sweep.code == 0, sweep.err.constData());
    QVERIFY2(sweep.out.contains("optim.lr") && sweep.out.contains("swp-lr0.002"), sweep.out.constData());
    QCOMPARE(store::findRun((*ws)->db(), QStringLiteral("swp-lr0.002"))
                 ->config.value(QStringLiteral("optim"))
                 .toObject()
                 .value(QStringLiteral("lr"))
                 .toDouble(),
             0.002);

    args[args.indexOf(QStringLiteral("video,avbottleneck"))] = QStringLiteral("video,full");
    const Run bad = run(args);
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains("no rung 'full'") && bad.err.contains("avc-avm-masegmv"), bad.err.constData());
}

QTEST_GUILESS_MAIN(TestTraining)
#include "tst_training.moc"
