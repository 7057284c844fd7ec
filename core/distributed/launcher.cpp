#include "core/distributed/launcher.h"

#include "core/distributed/dist_env.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

#include <sys/prctl.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

namespace avt::dist {

namespace {

std::atomic_bool g_launcherStop{false};
void onLauncherSignal(int) { g_launcherStop.store(true); }

// Whether a process is stopped (SIGSTOP, a debugger): state 'T' or 't' in /proc/<pid>/stat.
bool processStopped(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray stat = f.readAll();
    const qsizetype close = stat.lastIndexOf(')'); // the command name may hold spaces
    return close > 0 && close + 2 < stat.size() && (stat[close + 2] == 'T' || stat[close + 2] == 't');
}

} // namespace

int launchLocalRanks(const LaunchOptions &o)
{
    // SIGTERM / SIGINT to the launcher are passed on to every rank (which agree on the step to stop
    // at, checkpoint and exit); the launcher waits for them.
    std::signal(SIGTERM, onLauncherSignal);
    std::signal(SIGINT, onLauncherSignal);
    const pid_t launcher = ::getpid();
    QDir().mkpath(o.logDir);
    const int port = o.port > 0 ? o.port : freeLocalPort();
    std::vector<std::unique_ptr<QProcess>> ranks;
    for (int r = 0; r < o.nproc; ++r) {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("RANK"), QString::number(r));
        env.insert(QStringLiteral("LOCAL_RANK"), QString::number(r));
        env.insert(QStringLiteral("WORLD_SIZE"), QString::number(o.nproc));
        env.insert(QStringLiteral("MASTER_ADDR"), QStringLiteral("127.0.0.1"));
        env.insert(QStringLiteral("MASTER_PORT"), QString::number(port));
        p->setProcessEnvironment(env);
        // A launcher that dies without a word (kill -9) takes its ranks with it: they get SIGTERM
        // and stop as for a Ctrl-C, with a checkpoint. Checked again after setting it, in case the
        // launcher died before.
        p->setChildProcessModifier([launcher] {
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (::getppid() != launcher)
                ::_exit(1);
        });
        p->setStandardErrorFile(QDir(o.logDir).filePath(QStringLiteral("rank%1.log").arg(r)));
        if (r == 0)
            p->setProcessChannelMode(QProcess::ForwardedOutputChannel);
        else
            p->setStandardOutputFile(QProcess::nullDevice());
        p->start(o.program, o.arguments);
        if (!p->waitForStarted(30000)) {
            std::fprintf(stderr, "avt-workbench: could not start rank %d: %s\n", r, qPrintable(p->errorString()));
            for (auto &q : ranks)
                q->kill();
            return 1;
        }
        ranks.push_back(std::move(p));
    }

    int failedRank = -1;
    int failedCode = 0;
    int stoppedRank = -1;
    bool forwarded = false;
    while (true) {
        if (g_launcherStop.load() && !forwarded) {
            for (auto &p : ranks)
                if (p->state() != QProcess::NotRunning)
                    p->terminate(); // SIGTERM
            forwarded = true;
        }
        int running = 0;
        for (int r = 0; r < o.nproc; ++r) {
            QProcess &p = *ranks[size_t(r)];
            if (p.state() != QProcess::NotRunning) {
                p.waitForFinished(50);
                if (p.state() != QProcess::NotRunning) {
                    ++running;
                    continue;
                }
            }
            const bool failed = p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0;
            if (failed && failedRank < 0) {
                failedRank = r;
                failedCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
            }
        }
        if (running == 0)
            break;
        if (failedRank >= 0) {
            // A rank that failed because another one is stopped (SIGSTOP: its collectives timed
            // out) is not the cause: name the stopped one.
            for (int r = 0; r < o.nproc; ++r)
                if (r != failedRank && ranks[size_t(r)]->state() != QProcess::NotRunning
                    && processStopped(ranks[size_t(r)]->processId())) {
                    stoppedRank = r;
                    break;
                }
            // One rank failed: give the others a moment to notice, then stop them.
            QElapsedTimer t;
            t.start();
            for (auto &p : ranks)
                if (p->state() != QProcess::NotRunning)
                    p->terminate();
            for (auto &p : ranks)
                if (!p->waitForFinished(std::max(0, o.graceSeconds * 1000 - int(t.elapsed()))))
                    p->kill();
            for (auto &p : ranks)
                p->waitForFinished(5000);
            break;
        }
    }
    if (stoppedRank >= 0) {
        std::fprintf(stderr,
                     "avt-workbench: rank %d of %d was stopped (SIGSTOP or a debugger) and held the others up until "
                     "rank %d's collective timed out (dist.timeout_s); all ranks were ended (log: %s)\n",
                     stoppedRank, o.nproc, failedRank,
                     qPrintable(QDir(o.logDir).filePath(QStringLiteral("rank%1.log").arg(stoppedRank))));
        return 1;
    }
    if (failedRank >= 0) {
        std::fprintf(stderr, "avt-workbench: rank %d of %d %s; the other ranks were stopped (log: %s)\n", failedRank,
                     o.nproc,
                     failedCode < 0 ? "crashed" : qPrintable(QStringLiteral("exited with status %1").arg(failedCode)),
                     qPrintable(QDir(o.logDir).filePath(QStringLiteral("rank%1.log").arg(failedRank))));
        return 1;
    }
    return 0;
}

} // namespace avt::dist
