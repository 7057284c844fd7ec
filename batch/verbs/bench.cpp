// `bench data` and `bench model`: speed figures printed as text or JSON (benchmarks are
// commands that print figures, not timed tests).
#include "batch/verb_parser.h"
#include "core/audio/fbank_bench.h"
#include "core/bench/data_bench.h"
#include "core/media/probe.h"
#include "core/segments/segments_bench.h"
#include "core/train/prepare.h"
#include "core/util/json_file.h"
#include "model/bench/model_bench.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QThread>

#include <cstdio>
#include <vector>

namespace avt::batch {

namespace {

struct Subcommand {
    QString name;
    QString summary;
    std::function<int(const QStringList &args)> run;
};

int runBenchData(const QStringList &args)
{
    VerbParser p(QStringLiteral("bench data"),
                 QStringLiteral("Times the Kaldi fbank (ms per 10 s clip, 1 and N threads) and, with media files, "
                                "loading model inputs: base = 16 frames at 224x224 + 10 s fbank, tiny = 8 frames "
                                "at 112x112 + 3 s fbank, with N loader threads."));
    p.addPositional(QStringLiteral("MEDIA"), QStringLiteral("Media files to load (10 s clips or longer)"),
                    QStringLiteral("[MEDIA...]"));
    p.addOption({QStringLiteral("files"), QStringLiteral("Comma-separated media files (adds to MEDIA)"),
                 QStringLiteral("LIST")});
    p.addThreadsOption(QStringLiteral("Loader threads and fbank threads (default: cores)"));
    p.addOption(
        {QStringLiteral("passes"), QStringLiteral("Times each file is loaded (default 3)"), QStringLiteral("N")});
    p.addOption({QStringLiteral("preset"), QStringLiteral("base, tiny or all (default all)"), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("decode-threads"),
                 QStringLiteral("FFmpeg threads per clip (0: cores / loader threads)"), QStringLiteral("N"),
                 QStringLiteral("1")});
    p.addOption({QStringLiteral("no-fbank"), QStringLiteral("Skip the fbank timing")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object instead of text")});
    if (auto code = p.parse(args))
        return *code;
    int threads = std::max(1, QThread::idealThreadCount());
    if (p.isSet(QStringLiteral("threads"))) {
        auto v = p.intValue(QStringLiteral("threads"), 1, 256);
        if (!v)
            return ExitUsage;
        threads = *v;
    }
    int passes = 3;
    if (p.isSet(QStringLiteral("passes"))) {
        auto v = p.intValue(QStringLiteral("passes"), 1, 1000);
        if (!v)
            return ExitUsage;
        passes = *v;
    }
    const auto decodeThreads = p.intValue(QStringLiteral("decode-threads"), 0, 64);
    if (!decodeThreads)
        return ExitUsage;
    std::vector<bench::LoadPreset> presets;
    const QString preset =
        p.isSet(QStringLiteral("preset")) ? p.value(QStringLiteral("preset")) : QStringLiteral("all");
    if (preset == QLatin1String("base") || preset == QLatin1String("all"))
        presets.push_back(bench::kBasePreset);
    if (preset == QLatin1String("tiny") || preset == QLatin1String("all"))
        presets.push_back(bench::kTinyPreset);
    if (presets.empty())
        return p.usageError(QStringLiteral("unknown preset '%1' (base, tiny, all)").arg(preset));
    QStringList files = p.positional();
    for (const QString &f : p.value(QStringLiteral("files")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        files << f;
    const bool json = p.isSet(QStringLiteral("json"));
    media::setFfmpegLogQuiet(true);

    QJsonObject out{{QStringLiteral("threads"), threads},
                    {QStringLiteral("files"), int(files.size())},
                    {QStringLiteral("passes"), passes}};
    if (!p.isSet(QStringLiteral("no-fbank"))) {
        const double one = audio::benchmarkFbankMsPer10s(1);
        const double many = audio::benchmarkFbankMsPer10s(threads);
        out.insert(QStringLiteral("fbank_ms_per_10s_1_thread"), one);
        out.insert(QStringLiteral("fbank_ms_per_10s_n_threads"), many);
        if (!json)
            printLine(QStringLiteral("fbank (10 s, 998 x 128): %1 ms with 1 thread, %2 ms with %3 threads")
                          .arg(one, 0, 'f', 2)
                          .arg(many, 0, 'f', 2)
                          .arg(threads));
        // Segment detection + masking of the same 10 s clip, against its 1-thread fbank.
        const double seg = segments::benchmarkSegmentsMsPer10s();
        out.insert(QStringLiteral("segments_ms_per_10s"), seg);
        if (!json)
            printLine(QStringLiteral("segments (detect + mask, 10 s): %1 ms = %2 % of the fbank")
                          .arg(seg, 0, 'f', 3)
                          .arg(100.0 * seg / one, 0, 'f', 1));
    }
    QJsonArray loads;
    bool failed = false;
    for (const bench::LoadPreset &lp : presets) {
        if (files.isEmpty())
            break;
        const bench::LoadResult r = bench::benchLoading(files, lp, threads, passes, *decodeThreads);
        failed = failed || r.failures > 0;
        loads.append(QJsonObject{{QStringLiteral("preset"), QString::fromLatin1(lp.name)},
                                 {QStringLiteral("frames"), lp.frames},
                                 {QStringLiteral("size"), lp.size},
                                 {QStringLiteral("audio_seconds"), lp.audioSeconds},
                                 {QStringLiteral("workers"), threads},
                                 {QStringLiteral("clips"), r.clips},
                                 {QStringLiteral("failures"), r.failures},
                                 {QStringLiteral("seconds"), r.seconds},
                                 {QStringLiteral("clips_per_second"), r.clipsPerSecond},
                                 {QStringLiteral("ms_per_clip"), r.msPerClip}});
        if (!json)
            printLine(QStringLiteral("load %1 (%2 frames at %3, %4 s audio): %5 clips/s with %6 threads "
                                     "(%7 ms per clip per thread, %8 clips, %9 failed)")
                          .arg(QString::fromLatin1(lp.name))
                          .arg(lp.frames)
                          .arg(lp.size)
                          .arg(lp.audioSeconds)
                          .arg(r.clipsPerSecond, 0, 'f', 2)
                          .arg(threads)
                          .arg(r.msPerClip, 0, 'f', 1)
                          .arg(r.clips)
                          .arg(r.failures));
        if (r.failures > 0)
            printError(QStringLiteral("bench data"), QStringLiteral("first failure: %1").arg(r.firstError));
    }
    out.insert(QStringLiteral("loading"), loads);
    if (json)
        printLine(compactJson(out));
    else if (files.isEmpty())
        printLine(QStringLiteral("(give media files to time clip loading)"));
    return failed ? ExitFailure : ExitOk;
}

int runBenchPrepared(const QStringList &args)
{
    const QString verb = QStringLiteral("bench prepared");
    VerbParser p(verb, QStringLiteral("Training and evaluation loader clips/s decoding vs reading the prepared clip\n"
                                      "cache of a run config (run prepare with the same config first)."));
    p.addWorkspaceOption();
    p.addOption({QStringLiteral("dataset"), QStringLiteral("Dataset name (same as --set run.dataset=NAME)."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("epochs"), QStringLiteral("Training epochs per pass (default 1)"), QStringLiteral("N"),
                 QStringLiteral("1")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object instead of text")});
    p.addRunConfigOptions();
    p.setPositionalRange(0, 0);
    if (auto code = p.parse(args))
        return *code;
    if (!p.isSet(QStringLiteral("workspace")))
        return p.usageError(QStringLiteral("--workspace is required"));
    const auto epochs = p.intValue(QStringLiteral("epochs"), 1, 1000);
    if (!epochs)
        return ExitUsage;
    auto cfg = p.runConfigWithDataset();
    if (!cfg)
        return p.usageError(cfg.error().message);
    media::setFfmpegLogQuiet(true);
    auto r = train::benchPreparedCache(p.value(QStringLiteral("workspace")), *cfg, *epochs);
    if (!r)
        return p.fail(r.error());
    const double ratio = r->cachedClipsPerSecond / std::max(1e-9, r->decodeClipsPerSecond);
    const double evalRatio = r->evalCachedClipsPerSecond / std::max(1e-9, r->evalDecodeClipsPerSecond);
    if (p.isSet(QStringLiteral("json"))) {
        printLine(compactJson(QJsonObject{{QStringLiteral("workers"), r->workers},
                                          {QStringLiteral("items"), r->items},
                                          {QStringLiteral("train_decode_clips_per_second"), r->decodeClipsPerSecond},
                                          {QStringLiteral("train_cached_clips_per_second"), r->cachedClipsPerSecond},
                                          {QStringLiteral("train_ratio"), ratio},
                                          {QStringLiteral("eval_decode_clips_per_second"), r->evalDecodeClipsPerSecond},
                                          {QStringLiteral("eval_cached_clips_per_second"), r->evalCachedClipsPerSecond},
                                          {QStringLiteral("eval_ratio"), evalRatio},
                                          {QStringLiteral("prepared_hits"), r->cachedHits},
                                          {QStringLiteral("prepared_misses"), r->cachedMisses},
                                          {QStringLiteral("cache_bytes"), r->cacheBytes}}));
        return ExitOk;
    }
    printLine(QStringLiteral("training loader (%1 windows, %2 workers): decoding %3 clips/s, prepared cache %4 clips/s "
                             "(%5x; %6 hits, %7 misses; cache %8)")
                  .arg(r->items)
                  .arg(r->workers)
                  .arg(r->decodeClipsPerSecond, 0, 'f', 1)
                  .arg(r->cachedClipsPerSecond, 0, 'f', 1)
                  .arg(ratio, 0, 'f', 2)
                  .arg(r->cachedHits)
                  .arg(r->cachedMisses)
                  .arg(train::formatMiB(r->cacheBytes)));
    printLine(QStringLiteral("evaluation loader: decoding %1 clips/s, prepared cache %2 clips/s (%3x)")
                  .arg(r->evalDecodeClipsPerSecond, 0, 'f', 1)
                  .arg(r->evalCachedClipsPerSecond, 0, 'f', 1)
                  .arg(evalRatio, 0, 'f', 2));
    return ExitOk;
}

int runBenchModel(const QStringList &args)
{
    const QString verb = QStringLiteral("bench model");
    VerbParser p(verb,
                 QStringLiteral("Model forward+backward ms per batch, clips/s, peak memory, GFLOP/s vs a matmul."));
    p.addOption({QStringLiteral("preset"),
                 QStringLiteral("Preset to time (repeatable; default avt-tiny and avt-small, avt-base too on CUDA)"),
                 QStringLiteral("NAME")});
    p.addOption(
        {QStringLiteral("set"), QStringLiteral("Override a field of every preset"), QStringLiteral("KEY=VALUE")});
    p.addOption({QStringLiteral("batch"),
                 QStringLiteral("Clips per batch (default 8 for avt-tiny, else 1 on CPU / 8 on CUDA)"),
                 QStringLiteral("N")});
    p.addOption(
        {QStringLiteral("iters"), QStringLiteral("Timed iterations"), QStringLiteral("N"), QStringLiteral("3")});
    p.addThreadsOption(QStringLiteral("Intra-op threads (0 = default)"), QStringLiteral("0"));
    p.addOption(
        {QStringLiteral("device"), QStringLiteral("cpu or cuda"), QStringLiteral("DEV"), QStringLiteral("cpu")});
    p.addOption({QStringLiteral("bf16"), QStringLiteral("bf16 autocast on CUDA (LibTorch >= 2.0)")});
    p.addOption({QStringLiteral("json"), QStringLiteral("JSON lines")});
    p.addOption({QStringLiteral("config"), QStringLiteral("key=value model config file"), QStringLiteral("FILE")});
    p.setPositionalRange(0, 0);
    if (auto code = p.parse(args))
        return *code;
    const auto iters = p.intValue(QStringLiteral("iters"), 1, 1000);
    const auto threads = p.intValue(QStringLiteral("threads"), 0, 1024);
    std::optional<int> batchSize;
    if (p.isSet(QStringLiteral("batch")) && !(batchSize = p.intValue(QStringLiteral("batch"), 1, 4096)))
        return ExitUsage;
    if (!iters || !threads)
        return ExitUsage;
    const bool cuda = p.value(QStringLiteral("device")).startsWith(QStringLiteral("cuda"));
    QStringList presets = p.values(QStringLiteral("preset"));
    if (presets.isEmpty())
        presets = cuda ? QStringList{QStringLiteral("avt-small"), QStringLiteral("avt-base")}
                       : QStringList{QStringLiteral("avt-tiny"), QStringLiteral("avt-small")};
    int rc = ExitOk;
    for (const QString &name : presets) {
        const auto cfg = p.modelConfig(name);
        if (!cfg)
            return p.exitFor(cfg.error());
        model::BenchOptions o;
        o.config = *cfg;
        o.batch = batchSize ? *batchSize : (name == QStringLiteral("avt-tiny") ? 8 : cuda ? 8 : 1);
        o.iterations = *iters;
        o.threads = *threads;
        o.device = p.value(QStringLiteral("device")).toStdString();
        o.bf16 = p.isSet(QStringLiteral("bf16"));
        try {
            printLine(
                QString::fromStdString(model::formatBench(o, model::benchModel(o), p.isSet(QStringLiteral("json")))));
        } catch (const std::exception &e) {
            printError(
                verb, QStringLiteral("%1: %2").arg(name, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
            rc = ExitFailure;
        }
    }
    return rc;
}

const std::vector<Subcommand> &subcommands()
{
    static const std::vector<Subcommand> table = {
        {QStringLiteral("data"),
         QStringLiteral("fbank ms per 10 s clip; model-input clips per second (decode + fbank)"), runBenchData},
        {QStringLiteral("prepared"),
         QStringLiteral("training / evaluation loader clips per second: decoding vs the prepared clip cache"),
         runBenchPrepared},
        {QStringLiteral("model"),
         QStringLiteral("model forward+backward ms/batch, clips/s, peak memory, GFLOP/s vs matmul"), runBenchModel},
    };
    return table;
}

void printBenchUsage()
{
    std::printf("Usage: avt-workbench --batch bench SUBCOMMAND [ARGS]   (SUBCOMMAND --help for its options)\n\n"
                "Subcommands:\n");
    for (const auto &s : subcommands())
        std::printf("  %-10s %s\n", qPrintable(s.name), qPrintable(s.summary));
}

} // namespace

int runBench(const QStringList &args)
{
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        printBenchUsage();
        return args.isEmpty() ? ExitUsage : ExitOk;
    }
    for (const auto &s : subcommands())
        if (s.name == args.first())
            return s.run(args.mid(1));
    printError(QStringLiteral("bench"), QStringLiteral("unknown subcommand '%1' (see bench --help)").arg(args.first()));
    return ExitUsage;
}

} // namespace avt::batch
