// `runs list | show RUN | compare RUN... | export [RUN...]`: the runs of a workspace.
#include "batch/verb_parser.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/ablation.h"
#include "core/train/run_config.h"

#include <QFile>
#include <QJsonDocument>

#include <cstdio>

namespace avt::batch {

namespace {

QString metricValue(const QList<store::MetricRow> &rows, const QString &split, const QString &name)
{
    for (const store::MetricRow &m : rows)
        if (m.name == name && (split.isEmpty() || m.split == split))
            return QString::number(m.value, 'f', 2);
    return QStringLiteral("-");
}

int printRunList(store::Database &db)
{
    auto runs = store::listRuns(db);
    if (!runs) {
        printError(QStringLiteral("runs"), runs.error().message);
        return ExitFailure;
    }
    printLine(QStringLiteral("%1 %2 %3 %4 %5")
                  .arg(QStringLiteral("run"), -36)
                  .arg(QStringLiteral("status"), -9)
                  .arg(QStringLiteral("top-1"), 7)
                  .arg(QStringLiteral("steps"), 7)
                  .arg(QStringLiteral("started")));
    for (const store::RunInfo &r : *runs) {
        auto metrics = store::finalMetrics(db, r.id);
        const QString split =
            r.config.value(QStringLiteral("run")).toObject().value(QStringLiteral("eval_split")).toString();
        qint64 steps = 0;
        for (const auto &m : metrics.ok() ? *metrics : QList<store::MetricRow>{})
            steps = std::max(steps, m.step);
        printLine(QStringLiteral("%1 %2 %3 %4 %5")
                      .arg(r.name, -36)
                      .arg(store::effectiveStatus(r), -9)
                      .arg(metrics.ok() ? metricValue(*metrics, split, QStringLiteral("top1")) : QStringLiteral("?"), 7)
                      .arg(steps, 7)
                      .arg(r.startedAt));
    }
    return ExitOk;
}

int showRun(store::Database &db, const QString &name)
{
    auto run = store::findRun(db, name);
    if (!run) {
        printError(QStringLiteral("runs"), run.error().message);
        return ExitFailure;
    }
    printLine(QStringLiteral("run %1 (id %2): %3%4")
                  .arg(run->name)
                  .arg(run->id)
                  .arg(store::effectiveStatus(*run),
                       run->message.isEmpty() ? QString() : QStringLiteral(" - ") + run->message));
    printLine(QStringLiteral("  host %1, pid %2, last heartbeat %3")
                  .arg(run->host)
                  .arg(run->pid)
                  .arg(run->heartbeatAt.isEmpty() ? QStringLiteral("-") : run->heartbeatAt));
    printLine(QStringLiteral("  world size %1, version %2, %3 .. %4")
                  .arg(run->worldSize)
                  .arg(run->version, run->startedAt, run->endedAt));
    printLine(QStringLiteral("  checkpoints: last %1, best %2").arg(run->lastCheckpoint, run->bestCheckpoint));
    auto metrics = store::finalMetrics(db, run->id);
    if (metrics)
        for (const store::MetricRow &m : *metrics)
            printLine(QStringLiteral("  %1 %2 = %3 (step %4, epoch %5)")
                          .arg(m.split, -8)
                          .arg(m.name, -18)
                          .arg(m.value, 0, 'g', 6)
                          .arg(m.step)
                          .arg(m.epoch + 1));
    printLine(QStringLiteral("  config:"));
    const QByteArray cfg = QJsonDocument(run->config).toJson(QJsonDocument::Indented);
    std::fwrite(cfg.constData(), 1, size_t(cfg.size()), stdout);
    return ExitOk;
}

int compareRuns(store::Database &db, const QStringList &names)
{
    QList<store::RunInfo> runs;
    for (const QString &n : names) {
        auto r = store::findRun(db, n);
        if (!r) {
            printError(QStringLiteral("runs"), r.error().message);
            return ExitFailure;
        }
        runs.append(*r);
    }
    // Config keys that differ between the runs, then the final metrics side by side.
    QList<train::RunConfig> cfgs;
    for (const store::RunInfo &r : runs) {
        auto c = train::RunConfig::fromJson(r.config);
        if (!c) {
            printError(QStringLiteral("runs"), c.error().message);
            return ExitFailure;
        }
        cfgs.append(*c);
    }
    QStringList header{QStringLiteral("%1").arg(QString(), -28)};
    for (const QString &n : names)
        header.append(QStringLiteral("%1").arg(n.right(20), 20));
    printLine(header.join(QLatin1Char(' ')));
    QSet<QString> keys;
    for (int i = 1; i < cfgs.size(); ++i)
        for (const QString &d : cfgs[i].differences(cfgs[0]))
            keys.insert(d.section(QLatin1Char('='), 0, 0));
    QStringList sortedKeys(keys.cbegin(), keys.cend());
    std::sort(sortedKeys.begin(), sortedKeys.end());
    for (const QString &k : sortedKeys) {
        QStringList row{QStringLiteral("%1").arg(k, -28)};
        for (const store::RunInfo &r : runs) {
            const QJsonObject group = r.config.value(k.section(QLatin1Char('.'), 0, 0)).toObject();
            const QJsonValue v = group.value(k.section(QLatin1Char('.'), 1));
            row.append(QStringLiteral("%1").arg(v.isString() ? v.toString() : QString::number(v.toDouble()), 20));
        }
        printLine(row.join(QLatin1Char(' ')));
    }
    for (const QString &metric : {QStringLiteral("top1"), QStringLiteral("top5"), QStringLiteral("loss")}) {
        QStringList row{QStringLiteral("%1").arg(metric, -28)};
        for (const store::RunInfo &r : runs) {
            auto m = store::finalMetrics(db, r.id);
            const QString split =
                metric == QLatin1String("loss")
                    ? QStringLiteral("train")
                    : r.config.value(QStringLiteral("run")).toObject().value(QStringLiteral("eval_split")).toString();
            row.append(QStringLiteral("%1").arg(m ? metricValue(*m, split, metric) : QStringLiteral("?"), 20));
        }
        printLine(row.join(QLatin1Char(' ')));
    }
    return ExitOk;
}

} // namespace

int runRuns(const QStringList &args)
{
    const QString verb = QStringLiteral("runs");
    VerbParser p(verb, QStringLiteral("The runs of a workspace:\n"
                                      "  runs list                 one line per run (status, top-1, steps)\n"
                                      "  runs show RUN             metrics, checkpoints and the stored config\n"
                                      "  runs compare RUN RUN...   config differences and final metrics side by side\n"
                                      "  runs export [RUN...]      a table of runs as CSV or LaTeX (--format, --out)"));
    p.addPositional(QStringLiteral("ACTION"), QStringLiteral("list, show, compare or export"));
    p.addWorkspaceOption();
    p.addOption({QStringLiteral("format"), QStringLiteral("csv or latex (export)."), QStringLiteral("FORMAT"),
                 QStringLiteral("csv")});
    p.addOption(
        {QStringLiteral("out"), QStringLiteral("Output file (export; default stdout)."), QStringLiteral("FILE")});
    p.setPositionalRange(1, -1);
    if (auto code = p.parse(args))
        return *code;
    if (!p.isSet(QStringLiteral("workspace")))
        return p.usageError(QStringLiteral("--workspace is required"));
    const QStringList pos = p.positional();
    const QString action = pos.first();
    if (action != QLatin1String("list") && action != QLatin1String("show") && action != QLatin1String("compare")
        && action != QLatin1String("export"))
        return p.usageError(QStringLiteral("unknown action '%1' (list, show, compare, export)").arg(action));
    if (action == QLatin1String("show") && pos.size() != 2)
        return p.usageError(QStringLiteral("runs show takes one run name"));
    if (action == QLatin1String("compare") && pos.size() < 3)
        return p.usageError(QStringLiteral("runs compare takes two or more run names"));
    const QString format = p.value(QStringLiteral("format"));
    if (format != QLatin1String("csv") && format != QLatin1String("latex"))
        return p.usageError(QStringLiteral("--format must be csv or latex"));
    if (!store::Workspace::exists(p.value(QStringLiteral("workspace")))) {
        printError(verb, QStringLiteral("%1 is not a workspace").arg(p.value(QStringLiteral("workspace"))));
        return ExitFailure;
    }
    auto ws = store::Workspace::open(p.value(QStringLiteral("workspace")));
    if (!ws)
        return p.fail(ws.error());
    store::Database &db = (*ws)->db();
    if (action == QLatin1String("list"))
        return printRunList(db);
    if (action == QLatin1String("show"))
        return showRun(db, pos[1]);
    if (action == QLatin1String("compare"))
        return compareRuns(db, pos.mid(1));
    QStringList names = pos.mid(1);
    if (names.isEmpty()) {
        auto all = store::listRuns(db);
        if (!all)
            return p.fail(all.error());
        for (const auto &r : *all)
            names.append(r.name);
    }
    auto rows = train::tableRows(db, names, names);
    if (!rows)
        return p.fail(rows.error());
    const bool epic = std::any_of(rows->begin(), rows->end(), [](const train::TableRow &r) { return r.action >= 0; });
    const QString text = format == QLatin1String("latex")
                             ? train::tableLatex(*rows, epic, QStringLiteral("Runs of %1.").arg((*ws)->path()))
                             : train::tableCsv(*rows, epic);
    if (!p.isSet(QStringLiteral("out"))) {
        std::fputs(text.toUtf8().constData(), stdout);
        return ExitOk;
    }
    QFile f(p.value(QStringLiteral("out")));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        printError(verb, QStringLiteral("cannot write %1").arg(p.value(QStringLiteral("out"))));
        return ExitFailure;
    }
    f.write(text.toUtf8());
    return ExitOk;
}

} // namespace avt::batch
