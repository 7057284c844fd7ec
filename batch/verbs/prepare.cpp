// `avt-workbench --batch prepare --workspace WS --dataset NAME [--preset P] [--set k=v]...`:
// decode a dataset once into a prepared clip cache for a run config (core/train/prepare.h), so
// that training with the same settings reads frames and fbanks instead of decoding them.
#include "core/train/prepare.h"
#include "batch/verb_parser.h"
#include "core/media/probe.h"
#include "core/train/trainer.h"
#include "core/util/json_file.h"
#include "core/util/progress.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QThread>

#include <memory>

namespace avt::batch {

int runPrepare(const QStringList &args)
{
    const QString verb = QStringLiteral("prepare");
    VerbParser p(
        verb, QStringLiteral("Decode a dataset once into a prepared clip cache for a run config: the frames the\n"
                             "loader would decode (at the pre-crop size) and the fbank of every window that is the\n"
                             "same in every epoch, for training and evaluation. Training with matching settings\n"
                             "(frames, size, scale_max, mel bins) reads the cache; other settings decode as before.\n"
                             "Resumable: SIGTERM / Ctrl-C or a kill leave it incomplete, the next run continues.\n"
                             "Takes the same config options as train (--preset, --config, --set)."));
    p.addWorkspaceOption();
    p.addOption({QStringLiteral("dataset"), QStringLiteral("Dataset name (same as --set run.dataset=NAME)."),
                 QStringLiteral("NAME")});
    p.addThreadsOption(QStringLiteral("Decoding threads (default: cores)"));
    p.addOption({QStringLiteral("rebuild"), QStringLiteral("Forget the cache and write it again.")});
    p.addOption({QStringLiteral("verify"),
                 QStringLiteral("Check every stored record's checksum first; rebuild when one is damaged.")});
    p.addOption({QStringLiteral("max-entries"),
                 QStringLiteral("Stop after writing this many windows (the cache stays resumable)."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print the summary as one JSON object on stdout.")});
    p.addRunConfigOptions();
    p.addProgressOption();
    p.setPositionalRange(0, 0);
    if (auto code = p.parse(args))
        return *code;
    if (!p.isSet(QStringLiteral("workspace")))
        return p.usageError(QStringLiteral("--workspace is required"));
    const auto mode = p.progressMode();
    if (!mode)
        return ExitUsage;
    auto cfg = p.runConfigWithDataset();
    if (!cfg)
        return p.usageError(cfg.error().message);
    train::PrepareRequest req;
    req.workspace = p.value(QStringLiteral("workspace"));
    req.config = *cfg;
    req.threads = std::max(1, QThread::idealThreadCount());
    if (p.isSet(QStringLiteral("threads"))) {
        auto v = p.intValue(QStringLiteral("threads"), 1, 256);
        if (!v)
            return ExitUsage;
        req.threads = *v;
    }
    if (p.isSet(QStringLiteral("max-entries"))) {
        auto v = p.intValue(QStringLiteral("max-entries"), 1, 1 << 30);
        if (!v)
            return ExitUsage;
        req.maxEntries = *v;
    }
    req.rebuild = p.isSet(QStringLiteral("rebuild"));
    req.verify = p.isSet(QStringLiteral("verify"));
    train::installStopHandlers();
    req.stopRequested = [] { return train::stopRequested(); };
    media::setFfmpegLogQuiet(true);

    std::unique_ptr<Progress> bar;
    QString phase;
    qint64 barTotal = -1;
    auto progress = [&](const QString &ph, qint64 done, qint64 total, const QString &message) {
        if (ph == QLatin1String("plan")) {
            if (!message.isEmpty()) {
                Progress(verb, 0, *mode == Progress::Mode::Json ? Progress::Mode::Json : Progress::Mode::Quiet)
                    .event(QStringLiteral("plan"), message);
                if (*mode != Progress::Mode::Json && *mode != Progress::Mode::Quiet)
                    printError(verb, message);
            }
            return;
        }
        if (ph != phase || total != barTotal || !bar) {
            if (bar)
                bar->finish();
            bar = std::make_unique<Progress>(ph == QLatin1String("verify") ? QStringLiteral("verify") : verb, total,
                                             *mode);
            phase = ph;
            barTotal = total;
        }
        bar->update(done, message);
    };
    auto reports = train::prepareClipCaches(req, progress);
    if (bar)
        bar->finish();
    if (!reports)
        return p.fail(reports.error());

    QJsonArray caches;
    bool complete = true;
    QStringList summary;
    for (const train::PrepareCacheReport &r : *reports) {
        complete = complete && r.complete;
        caches.append(QJsonObject{{QStringLiteral("modes"), r.modes},
                                  {QStringLiteral("spec_hash"), r.specHash},
                                  {QStringLiteral("spec"), r.spec},
                                  {QStringLiteral("folder"), r.folder},
                                  {QStringLiteral("planned"), r.planned},
                                  {QStringLiteral("present"), r.present},
                                  {QStringLiteral("written"), r.written},
                                  {QStringLiteral("failed"), r.failed},
                                  {QStringLiteral("moving_windows"), r.movingWindows},
                                  {QStringLiteral("estimated_bytes"), r.estimatedBytes},
                                  {QStringLiteral("free_bytes"), r.freeBytes},
                                  {QStringLiteral("bytes_before"), r.bytesBefore},
                                  {QStringLiteral("bytes_after"), r.bytesAfter},
                                  {QStringLiteral("seconds"), r.seconds},
                                  {QStringLiteral("rebuilt"), r.rebuilt},
                                  {QStringLiteral("rebuild_reason"), r.rebuildReason},
                                  {QStringLiteral("complete"), r.complete},
                                  {QStringLiteral("failures"), QJsonArray::fromStringList(r.failures)}});
        const QString line =
            QStringLiteral("%1 cache %2: %3 of %4 windows (%5 written now, %6 failed, %7 moving windows decoded "
                           "at training time); %8 on disk (was %9, estimated +%10); %11 s%12%13")
                .arg(r.modes, r.specHash)
                .arg(r.present + r.written)
                .arg(r.planned)
                .arg(r.written)
                .arg(r.failed)
                .arg(r.movingWindows)
                .arg(train::formatMiB(r.bytesAfter), train::formatMiB(r.bytesBefore),
                     train::formatMiB(r.estimatedBytes))
                .arg(r.seconds, 0, 'f', 1)
                .arg(r.rebuilt ? QStringLiteral("; rebuilt: ") + r.rebuildReason : QString())
                .arg(r.complete ? QStringLiteral("; complete")
                                : QStringLiteral("; NOT complete (run prepare again to continue)"));
        summary << line;
        for (const QString &f : r.failures)
            printError(verb, QStringLiteral("failed: %1").arg(f));
    }
    if (*mode == Progress::Mode::Json)
        Progress(verb, 0, Progress::Mode::Json).event(QStringLiteral("summary"), summary.join(QStringLiteral("; ")));
    if (p.isSet(QStringLiteral("json")))
        printLine(compactJson(QJsonObject{{QStringLiteral("caches"), caches}, {QStringLiteral("complete"), complete}}));
    else if (*mode != Progress::Mode::Json)
        for (const QString &line : summary)
            printLine(line);
    return complete ? ExitOk : ExitFailure;
}

} // namespace avt::batch
