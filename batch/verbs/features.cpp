// `avt-workbench --batch features MEDIA --out FILE`: AST's model-ready log-mel fbank of a
// media file's audio, as a float32 .npy [frames, 128], for checks against other pipelines.
#include "batch/verb_parser.h"
#include "core/audio/fbank.h"
#include "core/audio/fbank_normalize.h"
#include "core/media/decode.h"
#include "model/io/npy.h"
#include "model/runtime/cpu_threads.h"

#include <ATen/Parallel.h>
#include <QFileInfo>

#include <chrono>

namespace avt::batch {

namespace {

using audio::FbankMatrix;
using audio::FbankStats;

// "out.npy" -> "out.raw.npy"; a name without .npy gets ".raw.npy" appended.
QString rawPathFor(const QString &out)
{
    QString base = out;
    if (base.endsWith(QLatin1String(".npy"), Qt::CaseInsensitive))
        base.chop(4);
    return base + QStringLiteral(".raw.npy");
}

bool writeMatrix(const QString &path, const FbankMatrix &m)
{
    std::string err;
    if (avt::model::writeNpyFloat32(path.toStdString(), m.values.data(), {m.frames, m.bins}, &err))
        return true;
    printError(QStringLiteral("features"), QString::fromStdString(err));
    return false;
}

// The statistics chosen on the command line, or nothing after printing a usage error.
std::optional<FbankStats> statsFromArgs(VerbParser &p)
{
    const QString name =
        p.isSet(QStringLiteral("stats")) ? p.value(QStringLiteral("stats")) : QStringLiteral("audioset");
    if (name.compare(QLatin1String("custom"), Qt::CaseInsensitive) == 0) {
        if (!p.isSet(QStringLiteral("mean")) || !p.isSet(QStringLiteral("std"))) {
            p.usageError(QStringLiteral("--stats custom needs --mean and --std"));
            return std::nullopt;
        }
        const auto mean = p.doubleValue(QStringLiteral("mean"), -1e6, 1e6);
        const auto std = p.doubleValue(QStringLiteral("std"), 1e-9, 1e6);
        if (!mean || !std)
            return std::nullopt;
        return FbankStats{QStringLiteral("custom"), *mean, *std, 1024};
    }
    auto preset = audio::findFbankStats(name);
    if (!preset)
        p.usageError(QStringLiteral("unknown --stats '%1' (audioset, esc50, speechcommands, custom)").arg(name));
    return preset;
}

} // namespace

int runFeatures(const QStringList &args)
{
    VerbParser p(QStringLiteral("features"),
                 QStringLiteral("Writes the AST input features of MEDIA's audio (16 kHz mono, Kaldi log-mel "
                                "fbank, 128 bins, 10 ms hop) padded/cut to the target length and normalised "
                                "(x - mean) / (2 std), as a float32 .npy [frames, 128]."));
    p.addPositional(QStringLiteral("MEDIA"), QStringLiteral("Audio or video file"));
    p.setPositionalRange(1, 1);
    p.addOption({QStringLiteral("out"), QStringLiteral("Output .npy file (required)"), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("raw"),
                 QStringLiteral("Also write the raw fbank (no padding, no normalisation) to FILE.raw.npy")});
    p.addOption({QStringLiteral("target-length"),
                 QStringLiteral("Frames after pad/cut (default: the preset's, 1024 for "
                                "AudioSet); 0 keeps the clip's own length"),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("stats"),
                 QStringLiteral("Normalisation statistics: audioset (default), esc50, "
                                "speechcommands, custom"),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("mean"), QStringLiteral("Mean for --stats custom"), QStringLiteral("X")});
    p.addOption({QStringLiteral("std"), QStringLiteral("Standard deviation for --stats custom"), QStringLiteral("X")});
    p.addOption({QStringLiteral("start"), QStringLiteral("Window start in seconds (default 0)"), QStringLiteral("S")});
    p.addOption({QStringLiteral("length"), QStringLiteral("Window length in seconds (default: to the end)"),
                 QStringLiteral("S")});
    p.addThreadsOption(QStringLiteral("Compute threads (default: LibTorch's count)"));
    p.addOption({QStringLiteral("time"), QStringLiteral("Also print the fbank compute time in ms")});
    if (auto code = p.parse(args))
        return *code;
    if (!p.isSet(QStringLiteral("out")))
        return p.usageError(QStringLiteral("--out FILE is required"));

    const std::optional<FbankStats> stats = statsFromArgs(p);
    if (!stats)
        return ExitUsage;
    int64_t target = stats->targetLength;
    if (p.isSet(QStringLiteral("target-length"))) {
        const auto n = p.intValue(QStringLiteral("target-length"), 0, 1 << 24);
        if (!n)
            return ExitUsage;
        target = *n;
    }
    media::ClipRequest req;
    req.video = false;
    req.audioRate = 16000;
    if (p.isSet(QStringLiteral("start"))) {
        const auto s = p.doubleValue(QStringLiteral("start"), 0.0, 1e9);
        if (!s)
            return ExitUsage;
        req.start = *s;
    }
    if (p.isSet(QStringLiteral("length"))) {
        const auto s = p.doubleValue(QStringLiteral("length"), 0.0, 1e9);
        if (!s)
            return ExitUsage;
        req.length = *s;
    }
    if (p.isSet(QStringLiteral("threads"))) {
        const auto n = p.intValue(QStringLiteral("threads"), 1, 256);
        if (!n)
            return ExitUsage;
        model::applyCpuThreads(*n);
    }

    const QString path = p.positional().front();
    auto clip = media::decodeClip(path, req);
    if (!clip) {
        printError(QStringLiteral("features"), clip.error().message);
        return ExitFailure;
    }
    if (!clip->hasAudio)
        printError(QStringLiteral("features"), QStringLiteral("%1: no audio stream, features of silence").arg(path));

    const auto t0 = std::chrono::steady_clock::now();
    auto raw = audio::computeFbank(clip->audio);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!raw) {
        printError(QStringLiteral("features"), QStringLiteral("%1: %2").arg(path, raw.error().message));
        return ExitFailure;
    }
    FbankMatrix ready = target > 0 ? audio::padOrCut(*raw, target) : *raw;
    audio::normalizeFbank(ready, *stats);

    const QString out = p.value(QStringLiteral("out"));
    if (!writeMatrix(out, ready))
        return ExitFailure;
    printLine(QStringLiteral("%1: %2 x %3 (%4 clip frames, %5 samples, stats %6) -> %7")
                  .arg(path)
                  .arg(ready.frames)
                  .arg(ready.bins)
                  .arg(raw->frames)
                  .arg(clip->audio.size())
                  .arg(stats->name, out));
    if (p.isSet(QStringLiteral("raw"))) {
        const QString rawPath = rawPathFor(out);
        if (!writeMatrix(rawPath, *raw))
            return ExitFailure;
        printLine(QStringLiteral("raw fbank %1 x %2 -> %3").arg(raw->frames).arg(raw->bins).arg(rawPath));
    }
    if (p.isSet(QStringLiteral("time")))
        printLine(QStringLiteral("fbank_ms %1 threads %2").arg(ms, 0, 'f', 3).arg(at::get_num_threads()));
    return ExitOk;
}

} // namespace avt::batch
