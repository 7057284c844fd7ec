#pragma once
// Starting a run's process so that it outlives the workbench, and reaching it again later by
// its pid: the queue starts `avt-workbench --batch train ...` detached (its own session, stdout
// and stderr to files in the run's logs/), and stops, kills or checks it by pid, from this
// workbench or from one opened after it.
#include "core/util/result.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace avt::launch {

struct DetachedLaunch {
    QString program;
    QStringList arguments;
    QMap<QString, QString> environment; // added to this process's environment
    QString stdoutFile, stderrFile;     // appended to (created with their folder)
    QString workingDirectory;
};
// Starts the process in a new session (setsid: a terminal's or the workbench's end does not
// reach it); returns its pid. The error names the program and why.
Result<qint64> startDetached(const DetachedLaunch &launch);

// Whether a process with this pid exists on this machine and is not a zombie.
bool processAlive(qint64 pid);
// SIGTERM: the engine stops after a checkpoint (a launcher passes it on to its ranks).
Status requestStop(qint64 pid);
// SIGKILL to the process and to its process group (the ranks of a launcher started by
// startDetached share its group).
Status killProcess(qint64 pid);

// A free TCP port on the loopback interface other than those in `taken`.
int freePort(const QList<int> &taken = {});

} // namespace avt::launch
