// `avt-workbench --batch import-dataset`: import an annotation file into a workspace.
#include "batch/verb_parser.h"
#include "core/importer/importer.h"
#include "core/store/workspace.h"
#include "core/util/json_file.h"
#include "core/util/progress.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace avt::batch {

int runImportDataset(const QStringList &args)
{
    const QString verb = QStringLiteral("import-dataset");
    VerbParser p(
        verb,
        QStringLiteral("Import a dataset's annotation file into a workspace: read every row, probe every media file,\n"
                       "record stream facts and problems (missing, undecodable, no audio, too short, variable frame\n"
                       "rate) and print a summary. Bad rows are reported with their line number and skipped.\n"
                       "Importing the same file again updates the same clips."));
    p.addPositional(QStringLiteral("ANNOTATION"), QStringLiteral("The annotation file (CSV)."));
    p.setPositionalRange(1, 1);
    p.addWorkspaceOption(QStringLiteral("Workspace folder (created if absent)."));
    p.addOption({QStringLiteral("format"),
                 QStringLiteral("csv (path,label[,split]), vggsound, kinetics-sounds, epic-kitchens-100."),
                 QStringLiteral("FORMAT"), QStringLiteral("csv")});
    p.addOption({QStringLiteral("name"), QStringLiteral("Dataset name in the workspace (default: file base name)."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("media-root"),
                 QStringLiteral("Folder the media paths are relative to (default: the annotation's folder)."),
                 QStringLiteral("DIR")});
    p.addOption(
        {QStringLiteral("pattern"),
         QStringLiteral("Media file name pattern: {id} {start} {end} {start:06d} {end:06d} {participant} {video}."),
         QStringLiteral("PATTERN")});
    p.addOption({QStringLiteral("class-list"),
                 QStringLiteral("Kinetics-Sounds: file with the class names to keep, one per line."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("split"),
                 QStringLiteral("EPIC-KITCHENS: split name of the rows (default from the file name)."),
                 QStringLiteral("SPLIT")});
    p.addOption({QStringLiteral("min-duration"),
                 QStringLiteral("Clips shorter than this (seconds) are marked too-short."), QStringLiteral("SECONDS"),
                 QStringLiteral("0.5")});
    p.addThreadsOption(QStringLiteral("Probing threads."), QStringLiteral("2"));
    p.addProgressOption();
    p.addOption({QStringLiteral("json"), QStringLiteral("Print the summary as JSON on stdout.")});
    if (auto code = p.parse(args))
        return *code;
    if (!p.isSet(QStringLiteral("workspace")))
        return p.usageError(QStringLiteral("--workspace is required"));
    auto format = data::parseFormat(p.value(QStringLiteral("format")));
    if (!format)
        return p.usageError(format.error().message);
    const auto progressMode = p.progressMode();
    if (!progressMode)
        return ExitUsage;
    const Progress::Mode mode = *progressMode;
    const auto threads = p.intValue(QStringLiteral("threads"), 1, 64);
    const auto minDuration = p.doubleValue(QStringLiteral("min-duration"), 0.0, 1e6);
    if (!threads || !minDuration)
        return ExitUsage;

    data::ImportOptions options;
    options.name = p.value(QStringLiteral("name"));
    options.annotation.format = *format;
    options.annotation.mediaRoot = p.value(QStringLiteral("media-root"));
    options.annotation.filenamePattern = p.value(QStringLiteral("pattern"));
    options.annotation.classListFile = p.value(QStringLiteral("class-list"));
    options.annotation.split = p.value(QStringLiteral("split"));
    options.threads = *threads;
    options.minDurationS = *minDuration;

    auto ws = store::Workspace::open(p.value(QStringLiteral("workspace")));
    if (!ws)
        return p.fail(ws.error());
    Progress progress(QStringLiteral("import"), 0, mode);
    auto summary =
        data::importDataset(**ws, p.positional().first(), options, [&](int done, int total, const QString &file) {
            progress.setTotal(total);
            progress.update(done, file.section(QLatin1Char('/'), -1));
        });
    progress.finish();
    if (!summary)
        return p.fail(summary.error());
    if (p.isSet(QStringLiteral("json")) || mode == Progress::Mode::Json) {
        QJsonObject problems, splits;
        for (auto it = summary->perProblem.cbegin(); it != summary->perProblem.cend(); ++it)
            problems.insert(it.key(), it.value());
        for (auto it = summary->perSplit.cbegin(); it != summary->perSplit.cend(); ++it)
            splits.insert(it.key(), it.value());
        QJsonArray bad;
        for (const auto &r : summary->badRows)
            bad.append(QJsonObject{{QStringLiteral("line"), r.line}, {QStringLiteral("message"), r.message}});
        const QJsonObject obj{{QStringLiteral("event"), QStringLiteral("summary")},
                              {QStringLiteral("dataset"), summary->dataset},
                              {QStringLiteral("rows"), summary->rows},
                              {QStringLiteral("clips"), summary->clips},
                              {QStringLiteral("usable"), summary->usable},
                              {QStringLiteral("labels"), int(summary->perLabel.size())},
                              {QStringLiteral("problems"), problems},
                              {QStringLiteral("splits"), splits},
                              {QStringLiteral("bad_rows"), bad}};
        printLine(compactJson(obj));
    } else {
        std::fputs(data::formatSummary(*summary).toLocal8Bit().constData(), stdout);
    }
    return ExitOk;
}

} // namespace avt::batch
