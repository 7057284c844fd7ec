#include "core/bench/bench_verb.h"

#include "core/batch/verb.h"
#include "core/modelverbs/model_verbs.h"

#include <cstdio>

namespace avt::bench {

const std::vector<Subcommand> &subcommands()
{
    static const std::vector<Subcommand> table = {
        {QStringLiteral("data"),
         QStringLiteral("fbank ms per 10 s clip; model-input clips per second (decode + fbank)"),
         runBenchData},
        {QStringLiteral("model"),
         QStringLiteral("model forward+backward ms/batch, clips/s, peak memory, GFLOP/s vs matmul"),
         runBenchModel},
    };
    return table;
}

} // namespace avt::bench

namespace avt::batch {

namespace {

void printBenchUsage()
{
    std::printf("Usage: avt-workbench --batch bench SUBCOMMAND [ARGS]   (SUBCOMMAND --help for its options)\n\n"
                "Subcommands:\n");
    for (const auto &s : avt::bench::subcommands())
        std::printf("  %-10s %s\n", qPrintable(s.name), qPrintable(s.summary));
}

} // namespace

int runBench(const QStringList &args)
{
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        printBenchUsage();
        return args.isEmpty() ? ExitUsage : ExitOk;
    }
    for (const auto &s : avt::bench::subcommands())
        if (s.name == args.first())
            return s.run(args.mid(1));
    printError(QStringLiteral("bench"), QStringLiteral("unknown subcommand '%1' (see bench --help)").arg(args.first()));
    return ExitUsage;
}

} // namespace avt::batch
