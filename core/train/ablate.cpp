#include "core/train/ablate.h"

#include "core/batch/progress.h"
#include "core/batch/verb.h"
#include "core/distributed/distenv.h"
#include "core/store/database.h"
#include "core/store/workspace.h"
#include "core/train/trainer.h"

#include <QDir>
#include <QFile>

namespace avt::train {

QList<Rung> ladderRungs(const QString &ladder)
{
    if (ladder != QLatin1String("table4"))
        return {};
    const QStringList none{QStringLiteral("losses.avc=0"), QStringLiteral("losses.avm=0"), QStringLiteral("losses.masked=0"),
                           QStringLiteral("masking.audio=none"), QStringLiteral("masking.video=none")};
    const QStringList avc{QStringLiteral("model.fusion.mode=avt"), QStringLiteral("losses.avc=0.5"), QStringLiteral("losses.avm=0"),
                          QStringLiteral("losses.masked=0"), QStringLiteral("masking.audio=none"), QStringLiteral("masking.video=none")};
    auto with = [](QStringList base, const QStringList &more) {
        for (const QString &m : more) {
            const QString key = m.section(QLatin1Char('='), 0, 0);
            base.erase(std::remove_if(base.begin(), base.end(), [&](const QString &b) { return b.section(QLatin1Char('='), 0, 0) == key; }), base.end());
            base.append(m);
        }
        return base;
    };
    return {
        {QStringLiteral("Audio Only"), QStringLiteral("audio"), with(none, {QStringLiteral("model.fusion.mode=audio")})},
        {QStringLiteral("Video Only"), QStringLiteral("video"), with(none, {QStringLiteral("model.fusion.mode=video")})},
        {QStringLiteral("Avg"), QStringLiteral("avg"), with(none, {QStringLiteral("model.fusion.mode=late")})},
        {QStringLiteral("AVBottleneck"), QStringLiteral("avbottleneck"), with(none, {QStringLiteral("model.fusion.mode=avt")})},
        {QStringLiteral("+AVC"), QStringLiteral("avc"), avc},
        {QStringLiteral("+AVC+AVM"), QStringLiteral("avc-avm"), with(avc, {QStringLiteral("losses.avm=0.1")})},
        {QStringLiteral("+AVC+AVM+MAV"), QStringLiteral("avc-avm-mav"),
         with(avc, {QStringLiteral("losses.avm=0.1"), QStringLiteral("losses.masked=0.01"), QStringLiteral("masking.audio=random"), QStringLiteral("masking.video=random")})},
        {QStringLiteral("+AVC+AVM+MASegmV"), QStringLiteral("avc-avm-masegmv"),
         with(avc, {QStringLiteral("losses.avm=0.1"), QStringLiteral("losses.masked=0.01"), QStringLiteral("masking.audio=segment"), QStringLiteral("masking.video=random")})},
    };
}

Result<QList<TableRow>> tableRows(store::Database &db, const QStringList &runs, const QStringList &labels)
{
    QList<TableRow> rows;
    for (int i = 0; i < runs.size(); ++i) {
        auto run = store::findRun(db, runs[i]);
        if (!run)
            return run.error();
        TableRow row;
        row.label = labels.value(i, runs[i]);
        row.run = runs[i];
        row.status = run->status;
        auto metrics = store::finalMetrics(db, run->id);
        if (!metrics)
            return metrics.error();
        const QString split = run->config.value(QStringLiteral("run")).toObject().value(QStringLiteral("eval_split")).toString();
        for (const store::MetricRow &m : *metrics) {
            if (m.split != split)
                continue;
            if (m.name == QLatin1String("top1")) row.top1 = m.value;
            else if (m.name == QLatin1String("top5")) row.top5 = m.value;
            else if (m.name == QLatin1String("noun_top1")) row.noun = m.value;
            else if (m.name == QLatin1String("action_top1")) row.action = m.value;
        }
        rows.append(row);
    }
    return rows;
}

namespace {
QString cell(double v) { return v < 0 ? QStringLiteral("-") : QString::number(v, 'f', 1); }
}

QString tableCsv(const QList<TableRow> &rows, bool epic)
{
    QString out = epic ? QStringLiteral("model,run,verb_top1,noun_top1,action_top1\n") : QStringLiteral("model,run,top1,top5\n");
    for (const TableRow &r : rows)
        out += epic ? QStringLiteral("\"%1\",%2,%3,%4,%5\n").arg(r.label, r.run, cell(r.top1), cell(r.noun), cell(r.action))
                    : QStringLiteral("\"%1\",%2,%3,%4\n").arg(r.label, r.run, cell(r.top1), cell(r.top5));
    return out;
}

QString tableLatex(const QList<TableRow> &rows, bool epic, const QString &caption)
{
    QString out = QStringLiteral("\\begin{table}[t]\n\\centering\n\\begin{tabular}{l%1}\n\\toprule\n").arg(epic ? QStringLiteral("ccc") : QStringLiteral("cc"));
    out += epic ? QStringLiteral("Models & Verb & Noun & Action \\\\\n") : QStringLiteral("Models & Top-1 & Top-5 \\\\\n");
    out += QStringLiteral("\\midrule\n");
    for (const TableRow &r : rows) {
        QString label = r.label;
        label.replace(QLatin1Char('+'), QStringLiteral("+"));
        out += epic ? QStringLiteral("%1 & %2 & %3 & %4 \\\\\n").arg(label, cell(r.top1), cell(r.noun), cell(r.action))
                    : QStringLiteral("%1 & %2 & %3 \\\\\n").arg(label, cell(r.top1), cell(r.top5));
    }
    out += QStringLiteral("\\bottomrule\n\\end{tabular}\n\\caption{%1}\n\\end{table}\n").arg(caption);
    return out;
}

QString tableText(const QList<TableRow> &rows, bool epic)
{
    QString out = epic ? QStringLiteral("%1 %2 %3 %4  %5\n").arg(QStringLiteral("Models"), -20).arg(QStringLiteral("Verb"), 6).arg(QStringLiteral("Noun"), 6).arg(QStringLiteral("Action"), 6).arg(QStringLiteral("run"))
                       : QStringLiteral("%1 %2 %3  %4\n").arg(QStringLiteral("Models"), -20).arg(QStringLiteral("Top-1"), 6).arg(QStringLiteral("Top-5"), 6).arg(QStringLiteral("run"));
    for (const TableRow &r : rows)
        out += epic ? QStringLiteral("%1 %2 %3 %4  %5\n").arg(r.label, -20).arg(cell(r.top1), 6).arg(cell(r.noun), 6).arg(cell(r.action), 6).arg(r.run)
                    : QStringLiteral("%1 %2 %3  %4\n").arg(r.label, -20).arg(cell(r.top1), 6).arg(cell(r.top5), 6).arg(r.run);
    return out;
}

} // namespace avt::train

namespace avt::batch {

int runAblate(const QStringList &args)
{
    const QString verb = QStringLiteral("ablate");
    VerbParser p(verb, QStringLiteral(
        "Run an ablation ladder as a series of training runs on one dataset and export the table in\n"
        "the paper's layout. --ladder table4: Audio Only, Video Only, Avg, AVBottleneck, +AVC,\n"
        "+AVC+AVM, +AVC+AVM+MAV, +AVC+AVM+MASegmV. Runs that already finished are not run again."));
    p.addOption({{QStringLiteral("w"), QStringLiteral("workspace")}, QStringLiteral("Workspace folder."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("dataset"), QStringLiteral("Dataset name."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("ladder"), QStringLiteral("Ladder name."), QStringLiteral("NAME"), QStringLiteral("table4")});
    p.addOption({QStringLiteral("prefix"), QStringLiteral("Run name prefix."), QStringLiteral("NAME"), QStringLiteral("table4")});
    p.addOption({QStringLiteral("config"), QStringLiteral("Base run config file."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("set"), QStringLiteral("Override a base config key (repeatable)."), QStringLiteral("KEY=VALUE")});
    p.addOption({QStringLiteral("out"), QStringLiteral("Write the table here (.csv, .tex or .txt by suffix)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("progress"), QStringLiteral("auto, bar, lines, json or none."), QStringLiteral("MODE"), QStringLiteral("lines")});
    p.setPositionalRange(0, 0);
    if (auto code = p.parse(args))
        return *code;
    if (!p.isSet(QStringLiteral("workspace")) || !p.isSet(QStringLiteral("dataset")))
        return p.usageError(QStringLiteral("--workspace and --dataset are required"));
    const QList<train::Rung> rungs = train::ladderRungs(p.value(QStringLiteral("ladder")));
    if (rungs.isEmpty())
        return p.usageError(QStringLiteral("unknown ladder '%1' (known: table4)").arg(p.value(QStringLiteral("ladder"))));
    Progress::Mode mode;
    if (!Progress::parseMode(p.value(QStringLiteral("progress")), &mode))
        return p.usageError(QStringLiteral("--progress must be auto, bar, lines, json or none"));
    train::RunConfig base;
    if (p.isSet(QStringLiteral("config"))) {
        auto loaded = train::RunConfig::fromFile(p.value(QStringLiteral("config")));
        if (!loaded)
            return p.usageError(loaded.error().message);
        base = *loaded;
    }
    if (auto st = base.applyOverrides(p.values(QStringLiteral("set"))); !st)
        return p.usageError(st.error().message);
    base.set(QStringLiteral("run.dataset"), p.value(QStringLiteral("dataset")));
    // Check every rung's config before running any.
    QList<train::RunConfig> configs;
    for (const train::Rung &r : rungs) {
        train::RunConfig c = base;
        if (auto st = c.applyOverrides(r.settings); !st)
            return p.usageError(QStringLiteral("%1: %2").arg(r.label, st.error().message));
        c.set(QStringLiteral("run.name"), p.value(QStringLiteral("prefix")) + QLatin1Char('-') + r.suffix);
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
            if (!ws) { printError(verb, ws.error().message); return ExitFailure; }
            auto existing = store::findRun((*ws)->db(), name);
            if (existing && existing->status == QLatin1String("finished")) {
                printLine(QStringLiteral("[%1/%2] %3: run %4 already finished").arg(i + 1).arg(rungs.size()).arg(rungs[i].label, name));
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
    if (!ws) { printError(verb, ws.error().message); return ExitFailure; }
    auto rows = train::tableRows((*ws)->db(), names, labels);
    if (!rows) { printError(verb, rows.error().message); return ExitFailure; }
    const bool epic = base.model().head.nounClasses > 0 || std::any_of(rows->begin(), rows->end(), [](const train::TableRow &r) { return r.action >= 0; });
    printLine(QStringLiteral("\nTable 4 ladder on %1 (%2 split, seed %3):").arg(p.value(QStringLiteral("dataset")), base.text(QStringLiteral("run.eval_split"))).arg(base.integer(QStringLiteral("run.seed"))));
    std::fputs(train::tableText(*rows, epic).toLocal8Bit().constData(), stdout);
    if (p.isSet(QStringLiteral("out"))) {
        const QString out = p.value(QStringLiteral("out"));
        const QString text = out.endsWith(QLatin1String(".tex")) ? train::tableLatex(*rows, epic, QStringLiteral("Ablation ladder on %1.").arg(p.value(QStringLiteral("dataset"))))
                           : out.endsWith(QLatin1String(".csv")) ? train::tableCsv(*rows, epic) : train::tableText(*rows, epic);
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
