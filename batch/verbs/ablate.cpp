// `ablate`: an ablation ladder (the paper's Table 4) as a series of runs, then the table.
#include "batch/verb_parser.h"
#include "core/store/workspace.h"
#include "core/train/ablation.h"
#include "core/train/run_config.h"
#include "core/train/trainer.h"

#include <QFile>

#include <algorithm>
#include <cstdio>

namespace avt::batch {

int runAblate(const QStringList &args)
{
    const QString verb = QStringLiteral("ablate");
    VerbParser p(
        verb,
        QStringLiteral("Run an ablation ladder as a series of training runs on one dataset and export the table in\n"
                       "the paper's layout. --ladder table4: Audio Only, Video Only, Avg, AVBottleneck, +AVC,\n"
                       "+AVC+AVM, +AVC+AVM+MAV, +AVC+AVM+MASegmV. Runs that already finished are not run again."));
    p.addWorkspaceOption();
    p.addOption({QStringLiteral("dataset"), QStringLiteral("Dataset name."), QStringLiteral("NAME")});
    p.addOption(
        {QStringLiteral("ladder"), QStringLiteral("Ladder name."), QStringLiteral("NAME"), QStringLiteral("table4")});
    p.addOption({QStringLiteral("prefix"), QStringLiteral("Run name prefix."), QStringLiteral("NAME"),
                 QStringLiteral("table4")});
    p.addOption({QStringLiteral("rungs"),
                 QStringLiteral("Only these rungs, by the suffix of their run names (comma-separated, e.g.\n"
                                "video,avbottleneck,avc-avm-masegmv); the table then has their rows only."),
                 QStringLiteral("LIST")});
    p.addRunConfigOptions(); // the base config of every rung
    p.addOption({QStringLiteral("out"), QStringLiteral("Write the table here (.csv, .tex or .txt by suffix)."),
                 QStringLiteral("FILE")});
    p.addProgressOption(QStringLiteral("lines"));
    p.setPositionalRange(0, 0);
    if (auto code = p.parse(args))
        return *code;
    if (!p.isSet(QStringLiteral("workspace")) || !p.isSet(QStringLiteral("dataset")))
        return p.usageError(QStringLiteral("--workspace and --dataset are required"));
    QList<train::Rung> rungs = train::ladderRungs(p.value(QStringLiteral("ladder")));
    if (rungs.isEmpty())
        return p.usageError(
            QStringLiteral("unknown ladder '%1' (known: table4)").arg(p.value(QStringLiteral("ladder"))));
    if (p.isSet(QStringLiteral("rungs"))) {
        QStringList known;
        for (const train::Rung &r : rungs)
            known << r.suffix;
        QList<train::Rung> chosen;
        for (const QString &s : p.value(QStringLiteral("rungs")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const int i = int(known.indexOf(s.trimmed()));
            if (i < 0)
                return p.usageError(
                    QStringLiteral("--rungs: no rung '%1' in ladder %2 (rungs: %3)")
                        .arg(s.trimmed(), p.value(QStringLiteral("ladder")), known.join(QLatin1Char(','))));
            chosen << rungs[i];
        }
        if (chosen.isEmpty())
            return p.usageError(QStringLiteral("--rungs: no rung given"));
        rungs = chosen;
    }
    const auto progressMode = p.progressMode();
    if (!progressMode)
        return ExitUsage;
    const Progress::Mode mode = *progressMode;
    auto loaded = p.runConfig();
    if (!loaded)
        return p.usageError(loaded.error().message);
    train::RunConfig base = *loaded;
    if (auto st = base.set(QStringLiteral("run.dataset"), p.value(QStringLiteral("dataset"))); !st)
        return p.usageError(QStringLiteral("--dataset: %1").arg(st.error().message));
    // Check every rung's config before running any.
    QList<train::RunConfig> configs;
    for (const train::Rung &r : rungs) {
        train::RunConfig c = base;
        if (auto st = c.applyOverrides(r.settings); !st)
            return p.usageError(QStringLiteral("%1: %2").arg(r.label, st.error().message));
        if (auto st =
                c.set(QStringLiteral("run.name"), p.value(QStringLiteral("prefix")) + QLatin1Char('-') + r.suffix);
            !st)
            return p.usageError(QStringLiteral("--prefix: %1").arg(st.error().message));
        configs.append(c);
    }
    train::installStopHandlers();
    QStringList names, labels;
    for (int i = 0; i < rungs.size(); ++i) {
        const QString name = configs[i].text(QStringLiteral("run.name"));
        names.append(name);
        labels.append(rungs[i].label);
        train::TrainRequest req;
        req.workspace = p.value(QStringLiteral("workspace"));
        req.config = configs[i];
        req.progress = mode;
        {
            auto ws = store::Workspace::open(req.workspace);
            if (!ws)
                return p.fail(ws.error());
            auto existing = store::findRun((*ws)->db(), name);
            if (existing && existing->status == QLatin1String("finished")) {
                printLine(QStringLiteral("[%1/%2] %3: run %4 already finished")
                              .arg(i + 1)
                              .arg(rungs.size())
                              .arg(rungs[i].label, name));
                continue;
            }
            if (existing)
                req.resumeRun = name;
        }
        printLine(QStringLiteral("[%1/%2] %3: training run %4").arg(i + 1).arg(rungs.size()).arg(rungs[i].label, name));
        auto sum = train::runTraining(req);
        if (!sum) {
            printError(verb, QStringLiteral("%1: %2").arg(rungs[i].label, sum.error().message));
            return ExitFailure;
        }
        if (sum->status != QLatin1String("finished")) {
            printError(verb, QStringLiteral("%1: run %2 %3 %4").arg(rungs[i].label, name, sum->status, sum->message));
            return ExitFailure;
        }
    }
    auto ws = store::Workspace::open(p.value(QStringLiteral("workspace")));
    if (!ws)
        return p.fail(ws.error());
    auto rows = train::tableRows((*ws)->db(), names, labels);
    if (!rows)
        return p.fail(rows.error());
    const bool epic =
        base.model().head.nounClasses > 0
        || std::any_of(rows->begin(), rows->end(), [](const train::TableRow &r) { return r.action >= 0; });
    printLine(QStringLiteral("\nTable 4 ladder on %1 (%2 split, seed %3):")
                  .arg(p.value(QStringLiteral("dataset")), base.text(QStringLiteral("run.eval_split")))
                  .arg(base.integer(QStringLiteral("run.seed"))));
    std::fputs(train::tableText(*rows, epic).toLocal8Bit().constData(), stdout);
    if (p.isSet(QStringLiteral("out"))) {
        const QString out = p.value(QStringLiteral("out"));
        const QString text =
            out.endsWith(QLatin1String(".tex")) ? train::tableLatex(
                *rows, epic, QStringLiteral("Ablation ladder on %1.").arg(p.value(QStringLiteral("dataset"))))
            : out.endsWith(QLatin1String(".csv")) ? train::tableCsv(*rows, epic)
                                                  : train::tableText(*rows, epic);
        QFile f(out);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            printError(verb, QStringLiteral("cannot write %1").arg(out));
            return ExitFailure;
        }
        f.write(text.toUtf8());
        printLine(QStringLiteral("table written to %1").arg(out));
    }
    return ExitOk;
}

} // namespace avt::batch
