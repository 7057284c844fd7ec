#include "core/loader/loader_bench.h"

#include "core/loader/clip_loader.h"
#include "model/config/model_config.h"

#include <chrono>
#include <thread>

namespace avt::loader {

Result<LoaderBenchmark> benchmarkLoader(const QStringList &files, const LoaderOptions &options,
                                        const model::ModelConfig &config, int epochs, double consumerSeconds,
                                        double itemSeconds)
{
    using Clock = std::chrono::steady_clock;
    if (files.isEmpty())
        return makeError(QStringLiteral("invalid"), QStringLiteral("loader benchmark: no files"));
    if (epochs < 1)
        return makeError(QStringLiteral("invalid"), QStringLiteral("loader benchmark: epochs must be >= 1"));
    std::vector<LoaderItem> items;
    for (int i = 0; i < files.size(); ++i) {
        LoaderItem it;
        it.clipId = i + 1;
        it.path = files[i];
        it.label = 0;
        it.length = itemSeconds > 0.0 ? itemSeconds : 0.0;
        items.push_back(it);
    }
    auto loader = ClipLoader::create(std::move(items), options, config);
    if (!loader)
        return loader.error();
    LoaderBenchmark r;
    const auto t0 = Clock::now();
    for (int e = 0; e < epochs; ++e) {
        const auto e0 = Clock::now();
        (*loader)->start(e);
        while (auto b = (*loader)->next()) {
            r.items += b->size();
            ++r.batches;
            if (consumerSeconds > 0.0)
                std::this_thread::sleep_for(std::chrono::duration<double>(consumerSeconds));
        }
        r.epochSeconds.push_back(std::chrono::duration<double>(Clock::now() - e0).count());
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    r.failures = (*loader)->failedItems();
    const QStringList errors = (*loader)->lastErrors();
    r.firstError = errors.isEmpty() ? QString() : errors.first();
    r.waitSeconds = (*loader)->waitSeconds();
    r.itemsPerSecond = r.seconds > 0.0 ? r.items / r.seconds : 0.0;
    r.waitFraction = r.seconds > 0.0 ? r.waitSeconds / r.seconds : 0.0;
    return r;
}

} // namespace avt::loader
