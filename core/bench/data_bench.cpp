// Model-input loading throughput (decode + fbank + normalisation) with N worker threads.
#include "core/bench/data_bench.h"

#include "core/audio/fbank.h"
#include "core/audio/fbank_normalize.h"
#include "core/media/decode.h"
#include "core/media/probe.h"

#include <ATen/Parallel.h>
#include <QThread>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace avt::bench {

namespace {

using Clock = std::chrono::steady_clock;

// One clip's model inputs; returns an error message, empty on success.
QString loadOne(const QString &path, const LoadPreset &p, const audio::FbankStats &stats)
{
    media::ClipRequest req;
    req.start = 0.0;
    req.length = p.audioSeconds;
    req.numFrames = p.frames;
    req.shortSide = p.size;
    req.cropSize = p.size;
    req.threads = 1;
    auto clip = media::decodeClip(path, req);
    if (!clip)
        return clip.error().message;
    auto fbank = audio::computeFbank(clip->audio);
    if (!fbank)
        return path + QStringLiteral(": ") + fbank.error().message;
    audio::FbankMatrix input = audio::padOrCut(*fbank, p.fbankFrames); // [fbankFrames, 128]
    audio::normalizeFbank(input, stats);
    return {};
}

} // namespace

LoadResult benchLoading(const QStringList &files, const LoadPreset &preset, int workers, int passes)
{
    LoadResult r;
    if (files.isEmpty() || workers < 1 || passes < 1)
        return r;
    const audio::FbankStats stats = *audio::findFbankStats(QStringLiteral("audioset"));
    const int previousThreads = at::get_num_threads();
    at::set_num_threads(1);
    (void)loadOne(files.first(), preset, stats); // warm-up: codec tables, fbank plans

    const int total = int(files.size()) * passes;
    std::atomic<int> next{0};
    std::atomic<int> failures{0};
    std::atomic<long long> busyNs{0};
    std::mutex errorMutex;
    const auto t0 = Clock::now();
    std::vector<std::thread> pool;
    for (int w = 0; w < workers; ++w) {
        pool.emplace_back([&] {
            for (int i = next++; i < total; i = next++) {
                const auto c0 = Clock::now();
                const QString error = loadOne(files[i % files.size()], preset, stats);
                busyNs += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - c0).count();
                if (!error.isEmpty()) {
                    ++failures;
                    std::lock_guard lock(errorMutex);
                    if (r.firstError.isEmpty())
                        r.firstError = error;
                }
            }
        });
    }
    for (auto &t : pool)
        t.join();
    r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    at::set_num_threads(previousThreads);
    r.clips = total;
    r.failures = failures;
    r.clipsPerSecond = r.seconds > 0 ? total / r.seconds : 0.0;
    r.msPerClip = double(busyNs) / 1e6 / total;
    return r;
}

} // namespace avt::bench
