#include "core/launch/process_control.h"

#include "core/distributed/dist_env.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace avt::launch {

Result<qint64> startDetached(const DetachedLaunch &l)
{
    for (const QString &file : {l.stdoutFile, l.stderrFile})
        if (!file.isEmpty() && !QDir().mkpath(QFileInfo(file).absolutePath()))
            return makeError(QStringLiteral("launch"), QStringLiteral("cannot create the folder of %1").arg(file));
    QProcess p;
    p.setProgram(l.program);
    p.setArguments(l.arguments);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = l.environment.begin(); it != l.environment.end(); ++it)
        env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    if (!l.stdoutFile.isEmpty())
        p.setStandardOutputFile(l.stdoutFile, QIODevice::Append);
    if (!l.stderrFile.isEmpty())
        p.setStandardErrorFile(l.stderrFile, QIODevice::Append);
    p.setStandardInputFile(QProcess::nullDevice());
    if (!l.workingDirectory.isEmpty())
        p.setWorkingDirectory(l.workingDirectory);
    // Its own session and process group: killProcess() reaches the ranks of a launcher, and
    // nothing sent to the workbench's group (a Ctrl-C in its terminal) stops the run.
    p.setChildProcessModifier([] { ::setsid(); });
    qint64 pid = 0;
    if (!p.startDetached(&pid))
        return makeError(QStringLiteral("launch"),
                         QStringLiteral("cannot start %1: %2").arg(l.program, p.errorString()));
    return pid;
}

bool processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return ::kill(pid_t(pid), 0) == 0;
    const QByteArray stat = f.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    return !(close > 0 && close + 2 < stat.size() && (stat[close + 2] == 'Z' || stat[close + 2] == 'X'));
}

namespace {

Status sendSignal(qint64 pid, int sig, const char *what)
{
    if (pid <= 0 || ::kill(pid_t(pid), sig) != 0)
        return makeError(QStringLiteral("launch"), QStringLiteral("cannot %1 process %2: %3")
                                                       .arg(QString::fromLatin1(what))
                                                       .arg(pid)
                                                       .arg(QString::fromLocal8Bit(::strerror(errno))));
    return Ok{};
}

} // namespace

Status requestStop(qint64 pid) { return sendSignal(pid, SIGTERM, "stop"); }

Status killProcess(qint64 pid)
{
    // QProcess::startDetached forks twice and runs the modifier in the first child, so the
    // session and group are that child's: the run's process is in a group of its own that is
    // not the workbench's.
    const pid_t group = ::getpgid(pid_t(pid));
    if (group > 1 && group != ::getpgrp())
        ::kill(-group, SIGKILL);
    if (!processAlive(pid))
        return Ok{};
    return sendSignal(pid, SIGKILL, "kill");
}

int freePort(const QList<int> &taken)
{
    for (int attempt = 0; attempt < 32; ++attempt) {
        const int port = dist::freeLocalPort();
        if (!taken.contains(port))
            return port;
    }
    return dist::freeLocalPort();
}

} // namespace avt::launch
