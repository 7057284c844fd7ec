#include "core/distributed/dist_env.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace avt::dist {

namespace {
Result<int> intVar(const char *name, int fallback, int min)
{
    const QByteArray raw = qgetenv(name);
    if (raw.isEmpty())
        return fallback;
    bool ok = false;
    const int v = raw.toInt(&ok);
    if (!ok || v < min)
        return makeError(QStringLiteral("config"),
                         QStringLiteral("environment variable %1='%2' is not an integer >= %3")
                             .arg(QString::fromLatin1(name), QString::fromLocal8Bit(raw))
                             .arg(min));
    return v;
}
} // namespace

Result<DistEnv> readDistEnv()
{
    DistEnv env;
    const bool torchrun = qEnvironmentVariableIsSet("WORLD_SIZE");
    const bool slurm =
        !torchrun && qEnvironmentVariableIsSet("SLURM_NTASKS") && qEnvironmentVariableIsSet("SLURM_PROCID");
    const char *rankVar = torchrun ? "RANK" : "SLURM_PROCID";
    const char *worldVar = torchrun ? "WORLD_SIZE" : "SLURM_NTASKS";
    const char *localVar = torchrun ? "LOCAL_RANK" : "SLURM_LOCALID";
    if (!torchrun && !slurm)
        return env;
    env.source = torchrun ? QStringLiteral("torchrun") : QStringLiteral("slurm");
    auto world = intVar(worldVar, 1, 1);
    auto rank = intVar(rankVar, 0, 0);
    auto local = intVar(localVar, 0, 0);
    auto port = intVar("MASTER_PORT", 29500, 1);
    for (const auto *r : {&world, &rank, &local, &port})
        if (!*r)
            return r->error();
    if (*rank >= *world)
        return makeError(QStringLiteral("config"), QStringLiteral("%1=%2 is not below %3=%4")
                                                       .arg(QString::fromLatin1(rankVar))
                                                       .arg(*rank)
                                                       .arg(QString::fromLatin1(worldVar))
                                                       .arg(*world));
    env.worldSize = *world;
    env.rank = *rank;
    env.localRank = *local;
    env.masterPort = *port;
    QString addr = qEnvironmentVariable("MASTER_ADDR");
    if (addr.isEmpty() && slurm)
        addr = qEnvironmentVariable("SLURM_LAUNCH_NODE_IPADDR");
    if (!addr.isEmpty())
        env.masterAddr = addr;
    return env;
}

int freeLocalPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 29500;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof(addr);
    int port = 29500;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

} // namespace avt::dist
