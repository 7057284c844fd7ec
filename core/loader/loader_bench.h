#pragma once
// Throughput of the whole ClipLoader (decode, fbank, augmentation, masks, collation, threads):
// items per second and the time the consumer waited for batches.
//
//   avt::loader::LoaderOptions opt; opt.batchSize = 8; opt.numWorkers = 2;
//   auto r = avt::loader::benchmarkLoader(files, opt, *avt::model::ModelConfig::preset("avt-tiny"));
//   if (r) qDebug() << r->itemsPerSecond << r->waitSeconds;
//
// Each file is one item (whole file, or clipSeconds windows per the options; label 0). The
// loader runs `epochs` epochs; with consumerSeconds > 0 the consumer sleeps that long per batch
// (a stand-in for a training step), so waitFraction shows how much of the data time the
// prefetching hides. The first epoch includes cache filling when options.cacheMiB > 0.
// Thread-safety: call from one thread; it starts the loader's worker threads.
#include "core/loader/loader_types.h"

#include <QStringList>

namespace avt::model {
struct ModelConfig;
}

namespace avt::loader {

struct LoaderBenchmark {
    int items = 0; // samples returned (failures excluded)
    int batches = 0;
    int failures = 0;
    QString firstError;
    double seconds = 0.0; // wall time from the first start() to the last batch
    double itemsPerSecond = 0.0;
    double waitSeconds = 0.0;         // time next() blocked
    double waitFraction = 0.0;        // waitSeconds / seconds
    std::vector<double> epochSeconds; // wall time per epoch
};

// itemSeconds > 0 makes each item the window [0, itemSeconds) of its file instead of the whole file.
Result<LoaderBenchmark> benchmarkLoader(const QStringList &files, const LoaderOptions &options,
                                        const model::ModelConfig &config, int epochs = 1, double consumerSeconds = 0.0,
                                        double itemSeconds = 0.0);

} // namespace avt::loader
