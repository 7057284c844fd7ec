#include "core/importer/importer.h"

#include "core/media/media_error.h"
#include "core/media/probe.h"
#include "core/store/dataset_store.h"
#include "core/store/workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QMutex>

#include <thread>
#include <vector>

namespace avt::data {

namespace {

// Probing result per distinct file (EPIC has many rows per long video).
struct FileFacts {
    ClipFacts facts;
    QString problem; // Missing / Undecodable, or empty
    QString detail;
};

FileFacts probeFile(const QString &absolute, double timeoutS)
{
    FileFacts out;
    if (!QFileInfo::exists(absolute)) {
        out.problem = problem::Missing;
        out.detail = QStringLiteral("%1: file not found").arg(absolute);
        return out;
    }
    auto info = media::probeMedia(absolute, timeoutS);
    if (!info) {
        const auto kind = media::mediaErrorKind(info.error());
        out.problem = kind == media::MediaError::Missing ? problem::Missing : problem::Undecodable;
        out.detail = info.error().message;
        return out;
    }
    ClipFacts &f = out.facts;
    f.probed = true;
    f.durationS = info->duration;
    f.hasVideo = info->hasVideo;
    f.hasAudio = info->hasAudio;
    f.width = info->hasVideo ? info->width : -1;
    f.height = info->hasVideo ? info->height : -1;
    f.fps = info->hasVideo ? info->frameRate : -1;
    f.variableFps = info->variableFrameRate;
    f.audioRate = info->hasAudio ? info->audioRate : -1;
    f.audioChannels = info->hasAudio ? info->audioChannels : -1;
    return out;
}

void applyFacts(Clip &clip, const FileFacts &file, double minDurationS)
{
    clip.facts = file.facts;
    clip.problems.clear();
    clip.problemDetail.clear();
    if (!file.problem.isEmpty()) {
        clip.problems.append(file.problem);
        clip.problemDetail = file.detail;
        return;
    }
    const ClipFacts &f = clip.facts;
    if (!f.hasVideo)
        clip.problems.append(problem::NoVideo);
    if (!f.hasAudio)
        clip.problems.append(problem::NoAudio);
    if (f.variableFps)
        clip.problems.append(problem::VariableFps);
    const double windowEnd = clip.endS >= 0 ? clip.endS : f.durationS;
    const double windowLen = clip.endS >= 0 ? clip.endS - std::max(0.0, clip.startS) : f.durationS;
    if (windowLen < minDurationS || windowEnd > f.durationS + 0.5) {
        clip.problems.append(problem::TooShort);
        clip.problemDetail =
            clip.endS >= 0
                ? QStringLiteral("window %1-%2 s of a %3 s file").arg(clip.startS).arg(clip.endS).arg(f.durationS)
                : QStringLiteral("%1 s long, the minimum is %2 s").arg(f.durationS).arg(minDurationS);
    }
}

} // namespace

void probeClip(Clip &clip, const QString &mediaRoot, double minDurationS, double timeoutS)
{
    const QString absolute = QFileInfo(clip.path).isAbsolute() ? clip.path : QDir(mediaRoot).filePath(clip.path);
    applyFacts(clip, probeFile(absolute, timeoutS), minDurationS);
}

Result<ImportSummary> importDataset(store::Workspace &workspace, const QString &annotationPath,
                                    const ImportOptions &options, const ImportProgress &progress,
                                    const std::atomic_bool *cancel)
{
    QElapsedTimer timer;
    timer.start();
    // Broken files are expected and reported per clip; FFmpeg's log lines would only repeat them.
    media::setFfmpegLogQuiet(true);
    auto parsed = readAnnotations(annotationPath, options.annotation);
    if (!parsed)
        return parsed.error();
    Annotations &ann = *parsed;

    // Probe each distinct file once, on `threads` workers; the caller's thread reports progress.
    QStringList files;
    QHash<QString, int> fileIndex;
    const QDir root(ann.mediaRoot);
    for (const Clip &c : ann.clips) {
        const QString abs = QFileInfo(c.path).isAbsolute() ? c.path : root.filePath(c.path);
        if (!fileIndex.contains(abs)) {
            fileIndex.insert(abs, int(files.size()));
            files.append(abs);
        }
    }
    std::vector<FileFacts> facts(size_t(files.size()));
    std::atomic_int next{0};
    std::atomic_int done{0};
    const int threads = std::max(1, std::min(options.threads, int(files.size())));
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            for (int i = next++; i < files.size(); i = next++) {
                if (cancel && cancel->load())
                    return;
                facts[size_t(i)] = probeFile(files[i], options.probeTimeoutS);
                ++done;
            }
        });
    }
    int reported = -1;
    while (done.load() < files.size() && !(cancel && cancel->load())) {
        const int d = done.load();
        if (progress && d != reported) {
            progress(d, int(files.size()), files.value(std::min(d, int(files.size()) - 1)));
            reported = d;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    for (auto &w : workers)
        w.join();
    if (cancel && cancel->load())
        return makeError(QStringLiteral("cancelled"), QStringLiteral("import of %1 cancelled").arg(annotationPath));
    if (progress)
        progress(int(files.size()), int(files.size()), QString());

    for (Clip &c : ann.clips) {
        const QString abs = QFileInfo(c.path).isAbsolute() ? c.path : root.filePath(c.path);
        applyFacts(c, facts[size_t(fileIndex.value(abs))], options.minDurationS);
    }

    store::DatasetInfo info;
    info.name = options.name.isEmpty() ? QFileInfo(annotationPath).completeBaseName() : options.name;
    info.format = formatName(options.annotation.format);
    info.annotationPath = QFileInfo(annotationPath).absoluteFilePath();
    info.mediaRoot = ann.mediaRoot;
    auto id = store::upsertDataset(workspace.db(), info);
    if (!id)
        return id.error();
    if (auto st = store::upsertClips(workspace.db(), *id, ann.clips); !st)
        return st.error();

    ImportSummary s;
    s.dataset = info.name;
    s.datasetId = *id;
    s.clips = int(ann.clips.size());
    s.badRows = ann.badRows;
    s.filteredRows = ann.filteredRows;
    s.rows = s.clips + int(ann.badRows.size()) + ann.filteredRows;
    s.filesProbed = int(files.size());
    for (const Clip &c : ann.clips) {
        if (c.usable())
            ++s.usable;
        for (const QString &p : c.problems)
            s.perProblem[p]++;
        s.perSplit[c.split.isEmpty() ? QStringLiteral("(none)") : c.split]++;
        const QString head = c.labels.isEmpty() ? QString() : c.labels.first().head;
        if (!head.isEmpty())
            s.perLabel[c.label(head)]++;
    }
    s.seconds = double(timer.elapsed()) / 1000.0;
    return s;
}

QString formatSummary(const ImportSummary &s)
{
    QString out;
    auto row = [&out](const QString &name, const QString &value) {
        out += QStringLiteral("  %1 %2\n").arg(name, -22).arg(value);
    };
    out += QStringLiteral("Dataset '%1' (id %2): imported in %3 s\n")
               .arg(s.dataset)
               .arg(s.datasetId)
               .arg(s.seconds, 0, 'f', 1);
    row(QStringLiteral("rows read"), QString::number(s.rows));
    row(QStringLiteral("clips stored"), QString::number(s.clips));
    row(QStringLiteral("usable clips"), QString::number(s.usable));
    row(QStringLiteral("files probed"), QString::number(s.filesProbed));
    row(QStringLiteral("bad rows skipped"), QString::number(s.badRows.size()));
    if (s.filteredRows)
        row(QStringLiteral("rows not in class list"), QString::number(s.filteredRows));
    row(QStringLiteral("labels"), QString::number(s.perLabel.size()));
    out += QStringLiteral("  splits:\n");
    for (auto it = s.perSplit.cbegin(); it != s.perSplit.cend(); ++it)
        row(QStringLiteral("  ") + it.key(), QString::number(it.value()));
    out += QStringLiteral("  problems:%1\n").arg(s.perProblem.isEmpty() ? QStringLiteral(" none") : QString());
    for (auto it = s.perProblem.cbegin(); it != s.perProblem.cend(); ++it)
        row(QStringLiteral("  ") + it.key(), QString::number(it.value()));
    const int shown = std::min<int>(10, int(s.badRows.size()));
    for (int i = 0; i < shown; ++i)
        out += QStringLiteral("  line %1: %2\n").arg(s.badRows[i].line).arg(s.badRows[i].message);
    if (s.badRows.size() > shown)
        out += QStringLiteral("  ... and %1 more bad rows\n").arg(s.badRows.size() - shown);
    return out;
}

} // namespace avt::data
