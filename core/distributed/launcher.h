#pragma once
// `--nproc-per-node N`: this process becomes a launcher that starts N ranks of the same
// program with the same arguments (minus --nproc-per-node) and the torchrun variables set
// (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR=127.0.0.1, MASTER_PORT=options.port or a free port). Rank 0's
// stdout is passed through (progress lines); every rank's stderr goes to its own log file.
// When a rank exits with an error, the others are stopped (SIGTERM, then SIGKILL after a
// grace period) and the launcher exits 1 naming the rank, its status and its log. SIGTERM /
// SIGINT to the launcher are passed on to the ranks, which stop at the same step with one
// checkpoint; a launcher killed with SIGKILL ends its ranks the same way (their parent-death
// signal is SIGTERM).
#include <QString>
#include <QStringList>

namespace avt::dist {

struct LaunchOptions {
    int nproc = 1;
    QString program;       // absolute path of this executable
    QStringList arguments; // the arguments each rank gets
    QString logDir;        // rank<i>.log files go here
    int graceSeconds = 10;
    int port = 0; // MASTER_PORT of the ranks (0: a free one)
};

// Runs the ranks to completion; returns the exit status for the launcher process.
int launchLocalRanks(const LaunchOptions &options);

} // namespace avt::dist
