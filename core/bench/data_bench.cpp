// `bench data`: fbank milliseconds per 10 s clip and model-input loading throughput.
#include "core/bench/data_bench.h"

#include "core/audio/fbank.h"
#include "core/audio/fbank_benchmark.h"
#include "core/audio/fbank_normalize.h"
#include "core/segments/benchmark.h"
#include "core/batch/verb.h"
#include "core/bench/bench_verb.h"
#include "core/media/decode.h"
#include "core/media/probe.h"

#include <ATen/Parallel.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

int runBenchData(const QStringList &args)
{
    using batch::VerbParser;
    VerbParser p(QStringLiteral("bench data"),
                 QStringLiteral("Times the Kaldi fbank (ms per 10 s clip, 1 and N threads) and, with media files, "
                                "loading model inputs: base = 16 frames at 224x224 + 10 s fbank, tiny = 8 frames "
                                "at 112x112 + 3 s fbank, with N loader threads."));
    p.addPositional(QStringLiteral("MEDIA"), QStringLiteral("Media files to load (10 s clips or longer)"),
                    QStringLiteral("[MEDIA...]"));
    p.addOption({QStringLiteral("files"), QStringLiteral("Comma-separated media files (adds to MEDIA)"), QStringLiteral("LIST")});
    p.addOption({QStringLiteral("threads"), QStringLiteral("Loader threads and fbank threads (default: cores)"), QStringLiteral("N")});
    p.addOption({QStringLiteral("passes"), QStringLiteral("Times each file is loaded (default 3)"), QStringLiteral("N")});
    p.addOption({QStringLiteral("preset"), QStringLiteral("base, tiny or all (default all)"), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("no-fbank"), QStringLiteral("Skip the fbank timing")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object instead of text")});
    if (auto code = p.parse(args))
        return *code;
    int threads = std::max(1, QThread::idealThreadCount());
    if (p.isSet(QStringLiteral("threads"))) {
        auto v = p.intValue(QStringLiteral("threads"), 1, 256);
        if (!v)
            return batch::ExitUsage;
        threads = *v;
    }
    int passes = 3;
    if (p.isSet(QStringLiteral("passes"))) {
        auto v = p.intValue(QStringLiteral("passes"), 1, 1000);
        if (!v)
            return batch::ExitUsage;
        passes = *v;
    }
    std::vector<LoadPreset> presets;
    const QString preset = p.isSet(QStringLiteral("preset")) ? p.value(QStringLiteral("preset")) : QStringLiteral("all");
    if (preset == QLatin1String("base") || preset == QLatin1String("all"))
        presets.push_back(kBasePreset);
    if (preset == QLatin1String("tiny") || preset == QLatin1String("all"))
        presets.push_back(kTinyPreset);
    if (presets.empty())
        return p.usageError(QStringLiteral("unknown preset '%1' (base, tiny, all)").arg(preset));
    QStringList files = p.positional();
    for (const QString &f : p.value(QStringLiteral("files")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        files << f;
    const bool json = p.isSet(QStringLiteral("json"));
    media::setFfmpegLogQuiet(true);

    QJsonObject out{{QStringLiteral("threads"), threads}, {QStringLiteral("files"), int(files.size())},
                    {QStringLiteral("passes"), passes}};
    if (!p.isSet(QStringLiteral("no-fbank"))) {
        const double one = audio::benchmarkFbankMsPer10s(1);
        const double many = audio::benchmarkFbankMsPer10s(threads);
        out.insert(QStringLiteral("fbank_ms_per_10s_1_thread"), one);
        out.insert(QStringLiteral("fbank_ms_per_10s_n_threads"), many);
        if (!json)
            batch::printLine(QStringLiteral("fbank (10 s, 998 x 128): %1 ms with 1 thread, %2 ms with %3 threads")
                                 .arg(one, 0, 'f', 2).arg(many, 0, 'f', 2).arg(threads));
        // Segment detection + masking of the same 10 s clip, against its 1-thread fbank.
        const double seg = segments::benchmarkSegmentsMsPer10s();
        out.insert(QStringLiteral("segments_ms_per_10s"), seg);
        if (!json)
            batch::printLine(QStringLiteral("segments (detect + mask, 10 s): %1 ms = %2 % of the fbank")
                                 .arg(seg, 0, 'f', 3).arg(100.0 * seg / one, 0, 'f', 1));
    }
    QJsonArray loads;
    bool failed = false;
    for (const LoadPreset &lp : presets) {
        if (files.isEmpty())
            break;
        const LoadResult r = benchLoading(files, lp, threads, passes);
        failed = failed || r.failures > 0;
        loads.append(QJsonObject{{QStringLiteral("preset"), QString::fromLatin1(lp.name)},
                                 {QStringLiteral("frames"), lp.frames}, {QStringLiteral("size"), lp.size},
                                 {QStringLiteral("audio_seconds"), lp.audioSeconds},
                                 {QStringLiteral("workers"), threads}, {QStringLiteral("clips"), r.clips},
                                 {QStringLiteral("failures"), r.failures}, {QStringLiteral("seconds"), r.seconds},
                                 {QStringLiteral("clips_per_second"), r.clipsPerSecond},
                                 {QStringLiteral("ms_per_clip"), r.msPerClip}});
        if (!json)
            batch::printLine(QStringLiteral("load %1 (%2 frames at %3, %4 s audio): %5 clips/s with %6 threads "
                                            "(%7 ms per clip per thread, %8 clips, %9 failed)")
                                 .arg(QString::fromLatin1(lp.name)).arg(lp.frames).arg(lp.size).arg(lp.audioSeconds)
                                 .arg(r.clipsPerSecond, 0, 'f', 2).arg(threads).arg(r.msPerClip, 0, 'f', 1)
                                 .arg(r.clips).arg(r.failures));
        if (r.failures > 0)
            batch::printError(QStringLiteral("bench data"), QStringLiteral("first failure: %1").arg(r.firstError));
    }
    out.insert(QStringLiteral("loading"), loads);
    if (json)
        batch::printLine(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact)));
    else if (files.isEmpty())
        batch::printLine(QStringLiteral("(give media files to time clip loading)"));
    return failed ? batch::ExitFailure : batch::ExitOk;
}

} // namespace avt::bench
