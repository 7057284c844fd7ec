#pragma once
// Where this process sits in a distributed run, read from the launcher's environment:
// torchrun's (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT), Slurm's (SLURM_PROCID,
// SLURM_NTASKS, SLURM_LOCALID, SLURM_LAUNCH_NODE_IPADDR), or our own --nproc-per-node
// launcher (which sets the torchrun variables). No variables: a single process.
#include "core/util/result.h"

#include <QString>

namespace avt::dist {

struct DistEnv {
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    QString masterAddr = QStringLiteral("127.0.0.1");
    int masterPort = 29500;
    QString source = QStringLiteral("single"); // "single", "torchrun", "slurm"

    bool distributed() const { return worldSize > 1; }
};

// Reads the environment; errors name the variable and its bad value.
Result<DistEnv> readDistEnv();

// A free TCP port on the loopback interface (for single-machine launches).
int freeLocalPort();

} // namespace avt::dist
