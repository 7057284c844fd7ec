// `ablate`: an ablation ladder (the paper's Table 4) as a series of runs, then the table.
#include "batch/verb_parser.h"
#include "core/compare/run_records.h"
#include "core/compare/tables.h"
#include "core/store/workspace.h"
#include "core/train/ablation.h"
#include "core/train/run_config.h"
#include "core/train/trainer.h"

#include <QFile>
#include <QFileInfo>

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
                       "+AVC+AVM, +AVC+AVM+MAV, +AVC+AVM+MASegmV; --ladder none: the base config alone. Each\n"
                       "rung is run for every combination of the --sweep values (a grid with several sweeps) and\n"
                       "every seed. Runs that already finished are not run again."));
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
    p.addOption(
        {QStringLiteral("seeds"),
         QStringLiteral("Seeds per rung (default 1): run.seed, run.seed + 1, ...; the first seed's run is\n"
                        "<prefix>-<rung>, the others <prefix>-<rung>-seed<S>. The table shows mean \u00b1 std."),
         QStringLiteral("N"), QStringLiteral("1")});
    p.addOption({QStringLiteral("sweep"),
                 QStringLiteral("Sweep a key over values, e.g. --sweep optim.lr=1e-4,3e-4 (repeat for a grid).\n"
                                "Run names get -<last part of the key><value>, e.g. table4-avc-lr0.0003."),
                 QStringLiteral("KEY=V1,V2,...")});
    p.addOption({QStringLiteral("dry-run"), QStringLiteral("List the runs (name, seed, settings) and train nothing.")});
    p.addRunConfigOptions(); // the base config of every rung
    p.addOption({QStringLiteral("out"), QStringLiteral("Write the table here (.csv, .tex, .md or .txt by suffix)."),
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
            QStringLiteral("unknown ladder '%1' (known: table4, none)").arg(p.value(QStringLiteral("ladder"))));
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
    bool seedsOk = false;
    const int seeds = p.value(QStringLiteral("seeds")).toInt(&seedsOk);
    if (!seedsOk || seeds < 1 || seeds > 100)
        return p.usageError(QStringLiteral("--seeds must be a whole number from 1 to 100"));
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
    QList<train::Sweep> sweeps;
    for (const QString &text : p.values(QStringLiteral("sweep"))) {
        auto sweep = train::parseSweep(text);
        if (!sweep)
            return p.usageError(QStringLiteral("--sweep: %1").arg(sweep.error().message));
        sweeps.append(*sweep);
    }
    // Check every run's config before running any: each rung, sweep value and seed.
    const qint64 firstSeed = base.integer(QStringLiteral("run.seed"));
    const QList<train::PlannedRun> plan =
        train::planRuns(p.value(QStringLiteral("prefix")), rungs, sweeps, seeds, firstSeed);
    QList<train::RunConfig> configs;
    for (const train::PlannedRun &run : plan) {
        train::RunConfig c = base;
        if (auto st = c.applyOverrides(run.settings); !st)
            return p.usageError(QStringLiteral("%1: %2").arg(run.label, st.error().message));
        if (auto st = c.set(QStringLiteral("run.name"), run.name); !st)
            return p.usageError(QStringLiteral("--prefix: %1").arg(st.error().message));
        if (auto st = c.set(QStringLiteral("run.seed"), QString::number(run.seed)); !st)
            return p.usageError(QStringLiteral("--seeds: %1").arg(st.error().message));
        configs.append(c);
    }
    if (p.isSet(QStringLiteral("dry-run"))) {
        for (int i = 0; i < plan.size(); ++i)
            printLine(QStringLiteral("%1  seed %2  %3")
                          .arg(plan[i].name, -40)
                          .arg(plan[i].seed)
                          .arg(plan[i].settings.join(QLatin1Char(' '))));
        printLine(QStringLiteral("%1 run(s)").arg(plan.size()));
        return ExitOk;
    }
    train::installStopHandlers();
    QStringList names;
    for (int i = 0; i < configs.size(); ++i) {
        const train::PlannedRun &rung = plan[i];
        const QString name = rung.name;
        names.append(name);
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
                              .arg(configs.size())
                              .arg(rung.label, name));
                continue;
            }
            if (existing)
                req.resumeRun = name;
        }
        printLine(QStringLiteral("[%1/%2] %3: training run %4").arg(i + 1).arg(configs.size()).arg(rung.label, name));
        auto sum = train::runTraining(req);
        if (!sum) {
            printError(verb, QStringLiteral("%1: %2").arg(rung.label, sum.error().message));
            return ExitFailure;
        }
        // The run's curves packed for the comparison view (best effort; see packCurves).
        if (auto ws = store::Workspace::open(req.workspace); ws)
            if (auto run = store::findRun((*ws)->db(), name); run)
                (void)compare::packCurves((*ws)->db(), run->id);
        if (sum->status != QLatin1String("finished")) {
            printError(verb, QStringLiteral("%1: run %2 %3 %4").arg(rung.label, name, sum->status, sum->message));
            return ExitFailure;
        }
    }
    auto ws = store::Workspace::open(p.value(QStringLiteral("workspace")));
    if (!ws)
        return p.fail(ws.error());
    // The table from the runs of this ladder (this call's rungs and seeds).
    auto records = compare::loadRunRecords((*ws)->db());
    if (!records)
        return p.fail(records.error());
    QList<compare::RunRecord> mine;
    for (const compare::RunRecord &r : *records)
        if (names.contains(r.info.name))
            mine.append(r);
    // The paper's layout for the Table 4 ladder; a table of the swept configurations otherwise.
    Result<compare::Table> table = compare::Table{};
    if (sweeps.isEmpty() && p.value(QStringLiteral("ladder")) == QLatin1String("table4")) {
        table = compare::ladderTable((*ws)->db(), mine, p.value(QStringLiteral("prefix")));
    } else {
        compare::RunsTableSpec spec;
        for (const train::Sweep &sw : sweeps)
            spec.configKeys.append(sw.key);
        const QString split = base.text(QStringLiteral("run.eval_split"));
        spec.metricIds = {compare::metricId(split, QStringLiteral("top1")),
                          compare::metricId(split, QStringLiteral("top5")), QStringLiteral("train/loss")};
        spec.groupSeeds = seeds > 1;
        table = compare::runsTable((*ws)->db(), mine, {}, spec);
        if (table) {
            // Drop the columns that say the same for every row of an ablation.
            for (const QString &h :
                 {QStringLiteral("dataset"), QStringLiteral("preset"), QStringLiteral("world size")}) {
                const int c = int(table->headers.indexOf(h));
                table->headers.removeAt(c);
                for (auto &row : table->rows)
                    row.removeAt(c);
            }
            table->headers.append(QStringLiteral("Runs"));
            QList<int> all;
            for (int i = 0; i < mine.size(); ++i)
                all.append(i);
            // The rows of runsTable, in its order: one per seed group, or one per run.
            const QList<compare::RunGroup> groups =
                spec.groupSeeds ? compare::groupSeeds(mine, all) : compare::groupBy(mine, all, {});
            for (int r = 0; r < table->rows.size() && r < groups.size(); ++r) {
                QStringList members;
                for (int i : groups[r].members)
                    members.append(mine[i].info.name);
                table->rows[r].append(compare::Cell::ofText(members.join(QLatin1Char(' '))));
            }
        }
    }
    if (!table)
        return p.fail(table.error());
    // The run names column is for files; the terminal gets the numbers.
    compare::Table shown = *table;
    shown.headers.removeLast();
    for (auto &row : shown.rows)
        row.removeLast();
    printLine(QString());
    std::fputs(compare::toText(shown).toUtf8().constData(), stdout);
    if (p.isSet(QStringLiteral("out"))) {
        const QString out = p.value(QStringLiteral("out"));
        const QString suffix = QFileInfo(out).suffix().toLower();
        const QString format = suffix == QLatin1String("tex") ? QStringLiteral("latex")
                               : suffix == QLatin1String("csv") || suffix == QLatin1String("md")
                                   ? suffix
                                   : QStringLiteral("text");
        const QString text = *compare::formatTable(format == QLatin1String("csv") ? *table : shown, format);
        QFile f(out);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text.toUtf8()) < 0) {
            printError(verb, QStringLiteral("cannot write %1").arg(out));
            return ExitFailure;
        }
        printLine(QStringLiteral("table written to %1").arg(out));
    }
    return ExitOk;
}

} // namespace avt::batch
