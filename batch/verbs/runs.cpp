// `runs list | show RUN | compare RUN... | export [RUN...]`: the runs of a workspace.
#include "batch/verb_parser.h"
#include "core/compare/run_records.h"
#include "core/compare/tables.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
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

// What `runs compare` and `runs export` tabulate: the chosen runs, the metrics, the point of
// each run the values are taken at, and the grouping.
struct TableRequest {
    QStringList names;   // empty: every run
    QString filter;      // regular expression on run names (empty: none)
    QStringList metrics; // metric ids; empty: the accuracies and the training loss found
    compare::SummarySpec at;
    bool seeds = false;  // collapse seeds (mean ± std)
    QStringList groupBy; // group by these config keys instead
};

Result<QList<int>> chooseRuns(const QList<compare::RunRecord> &runs, const TableRequest &req)
{
    QList<int> chosen;
    if (!req.names.isEmpty()) {
        for (const QString &n : req.names) {
            const auto it =
                std::find_if(runs.cbegin(), runs.cend(), [&](const compare::RunRecord &r) { return r.info.name == n; });
            if (it == runs.cend())
                return makeError(QStringLiteral("usage"), QStringLiteral("no run named '%1'").arg(n));
            chosen.append(int(it - runs.cbegin()));
        }
    } else {
        for (int i = 0; i < runs.size(); ++i)
            chosen.append(i);
    }
    if (!req.filter.isEmpty()) {
        const QRegularExpression re(req.filter);
        if (!re.isValid())
            return makeError(
                QStringLiteral("usage"),
                QStringLiteral("--filter: '%1' is not a regular expression (%2)").arg(req.filter, re.errorString()));
        chosen.erase(std::remove_if(chosen.begin(), chosen.end(),
                                    [&](int i) { return !re.match(runs[i].info.name).hasMatch(); }),
                     chosen.end());
    }
    return chosen;
}

QStringList defaultMetrics(const QList<compare::RunRecord> &runs, const QList<int> &chosen)
{
    QList<compare::RunRecord> subset;
    for (int i : chosen)
        subset.append(runs[i]);
    QStringList out;
    for (const QString &id : compare::metricIds(subset)) {
        const QString name = compare::metricName(id);
        if (compare::metricSplit(id) != QLatin1String("train")
            && (name == QLatin1String("top1") || name == QLatin1String("top5") || name == QLatin1String("noun_top1")
                || name == QLatin1String("action_top1")))
            out.append(id);
    }
    if (std::any_of(subset.cbegin(), subset.cend(),
                    [](const compare::RunRecord &r) { return r.metrics.contains(QStringLiteral("train/loss")); }))
        out.append(QStringLiteral("train/loss"));
    return out;
}

Result<compare::Table> metricsTable(store::Database &db, const QList<compare::RunRecord> &runs,
                                    const QList<int> &chosen, const TableRequest &req, const QStringList &configKeys)
{
    compare::RunsTableSpec spec;
    spec.configKeys = configKeys;
    spec.metricIds = req.metrics.isEmpty() ? defaultMetrics(runs, chosen) : req.metrics;
    spec.at = req.at;
    spec.groupSeeds = req.seeds;
    spec.groupKeys = req.groupBy;
    return compare::runsTable(db, runs, chosen, spec);
}

// The configs of the runs side by side: the keys that differ (all keys with `all`).
compare::Table configTable(const QList<compare::RunRecord> &runs, const QList<int> &chosen, bool all)
{
    QList<const compare::RunRecord *> ptrs;
    for (int i : chosen)
        ptrs.append(&runs[i]);
    QStringList keys = compare::differingKeys(ptrs);
    if (all) {
        keys.clear();
        for (const compare::RunRecord *r : ptrs)
            for (auto it = r->config.cbegin(); it != r->config.cend(); ++it)
                if (!keys.contains(it.key()))
                    keys.append(it.key());
        std::sort(keys.begin(), keys.end());
    }
    compare::Table t;
    t.headers << QStringLiteral("key");
    for (const compare::RunRecord *r : ptrs)
        t.headers << r->info.name;
    for (const QString &k : keys) {
        QList<compare::Cell> row{compare::Cell::ofText(k)};
        for (const compare::RunRecord *r : ptrs)
            row << compare::Cell::ofText(r->config.value(k, QStringLiteral("-")));
        t.rows.append(row);
    }
    return t;
}

int writeText(const QString &verb, const QString &text, const QString &out)
{
    if (out.isEmpty()) {
        std::fputs(text.toUtf8().constData(), stdout);
        return ExitOk;
    }
    QFile f(out);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text.toUtf8()) != text.toUtf8().size()) {
        printError(verb, QStringLiteral("cannot write %1: %2").arg(out, f.errorString()));
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace

int runRuns(const QStringList &args)
{
    const QString verb = QStringLiteral("runs");
    VerbParser p(verb,
                 QStringLiteral(
                     "The runs of a workspace:\n"
                     "  runs list                 one line per run (status, top-1, steps)\n"
                     "  runs show RUN             metrics, checkpoints and the stored config\n"
                     "  runs compare [RUN...]     the config keys that differ, then the metrics side by side\n"
                     "  runs export [RUN...]      a table of runs (or --table table4) as CSV, LaTeX, Markdown or text\n"
                     "compare and export take every run when none is named (--filter narrows by name); --seeds\n"
                     "collapses the seeds of one configuration into a row with mean \u00b1 std (sample std, n - 1),\n"
                     "--group-by groups by config keys instead; --at takes the values at the end, at a step or at\n"
                     "the step where a metric was best (e.g. --at best=test/top1)."));
    p.addPositional(QStringLiteral("ACTION"), QStringLiteral("list, show, compare or export"));
    p.addWorkspaceOption();
    p.addOption({QStringLiteral("format"),
                 QStringLiteral("text, csv, latex or markdown (default: text for compare, csv for export)."),
                 QStringLiteral("FORMAT")});
    p.addOption({QStringLiteral("out"), QStringLiteral("Output file (default stdout)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("at"), QStringLiteral("end, step=N or best=SPLIT/METRIC (default end)."),
                 QStringLiteral("SPEC"), QStringLiteral("end")});
    p.addOption({QStringLiteral("metrics"),
                 QStringLiteral("Metric columns as SPLIT/NAME, comma-separated (default: top-1 / top-5 of the\n"
                                "evaluation split and train/loss)."),
                 QStringLiteral("LIST")});
    p.addOption({QStringLiteral("seeds"), QStringLiteral("One row per configuration: seeds as mean \u00b1 std.")});
    p.addOption({QStringLiteral("group-by"), QStringLiteral("Group rows by these config keys (comma-separated)."),
                 QStringLiteral("KEYS")});
    p.addOption({QStringLiteral("filter"), QStringLiteral("Only runs whose name matches this regular expression."),
                 QStringLiteral("REGEX")});
    p.addOption({QStringLiteral("columns"),
                 QStringLiteral("Config columns of the metrics table (default: the keys that differ)."),
                 QStringLiteral("KEYS")});
    p.addOption({QStringLiteral("table"), QStringLiteral("export: runs (default) or table4 (the ablation ladder)."),
                 QStringLiteral("TABLE"), QStringLiteral("runs")});
    p.addOption({QStringLiteral("prefix"),
                 QStringLiteral("export --table table4: the ladder's run name prefix (default: the most complete)."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("all-keys"), QStringLiteral("compare: every config key, not only those that differ.")});
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
    const QString format = p.isSet(QStringLiteral("format"))    ? p.value(QStringLiteral("format"))
                           : action == QLatin1String("compare") ? QStringLiteral("text")
                                                                : QStringLiteral("csv");
    if (auto probe = compare::formatTable({}, format); !probe)
        return p.usageError(QStringLiteral("--format: %1").arg(probe.error().message));
    TableRequest req;
    req.names = pos.mid(1);
    req.filter = p.value(QStringLiteral("filter"));
    auto at = compare::parseSpec(p.value(QStringLiteral("at")));
    if (!at)
        return p.usageError(QStringLiteral("--at: %1").arg(at.error().message));
    req.at = *at;
    req.metrics = p.value(QStringLiteral("metrics")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &m : req.metrics)
        if (!m.contains(QLatin1Char('/')))
            return p.usageError(QStringLiteral("--metrics: '%1': name metrics as SPLIT/NAME, e.g. test/top1").arg(m));
    req.seeds = p.isSet(QStringLiteral("seeds"));
    req.groupBy = p.value(QStringLiteral("group-by")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QString table = p.value(QStringLiteral("table"));
    if (table != QLatin1String("runs") && table != QLatin1String("table4"))
        return p.usageError(QStringLiteral("--table must be runs or table4"));
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

    auto runs = compare::loadRunRecords(db);
    if (!runs)
        return p.fail(runs.error());
    auto chosen = chooseRuns(*runs, req);
    if (!chosen)
        return p.usageError(chosen.error().message);
    if (chosen->isEmpty()) {
        printError(verb, QStringLiteral("no runs to %1").arg(action));
        return ExitFailure;
    }
    for (const QString &k :
         req.groupBy + p.value(QStringLiteral("columns")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!std::any_of(chosen->cbegin(), chosen->cend(), [&](int i) { return (*runs)[i].config.contains(k); }))
            return p.usageError(QStringLiteral("no config key '%1' in these runs").arg(k));
    QList<const compare::RunRecord *> ptrs;
    for (int i : *chosen)
        ptrs.append(&(*runs)[i]);
    const QStringList configKeys = p.isSet(QStringLiteral("columns"))
                                       ? p.value(QStringLiteral("columns")).split(QLatin1Char(','), Qt::SkipEmptyParts)
                                       : compare::differingKeys(ptrs, req.seeds || !req.groupBy.isEmpty());

    if (action == QLatin1String("export") && table == QLatin1String("table4")) {
        QList<compare::RunRecord> subset;
        for (int i : *chosen)
            subset.append((*runs)[i]);
        auto t = compare::ladderTable(db, subset, p.value(QStringLiteral("prefix")), req.at);
        if (!t)
            return p.fail(t.error());
        return writeText(verb, *compare::formatTable(*t, format), p.value(QStringLiteral("out")));
    }
    auto metrics = metricsTable(db, *runs, *chosen, req, configKeys);
    if (!metrics)
        return p.fail(metrics.error());
    if (action == QLatin1String("export")) {
        metrics->caption = QStringLiteral("Runs of %1%2.")
                               .arg((*ws)->path(), req.at.at == compare::SummaryAt::End
                                                       ? QString()
                                                       : QStringLiteral(" at ") + compare::describeSpec(req.at));
        return writeText(verb, *compare::formatTable(*metrics, format), p.value(QStringLiteral("out")));
    }
    // compare: the config differences, then the metrics.
    compare::Table cfg = configTable(*runs, *chosen, p.isSet(QStringLiteral("all-keys")));
    cfg.caption =
        p.isSet(QStringLiteral("all-keys")) ? QStringLiteral("Config:") : QStringLiteral("Config keys that differ:");
    metrics->caption = QStringLiteral("Metrics at %1:").arg(compare::describeSpec(req.at));
    const QString text =
        (cfg.rows.isEmpty() ? QStringLiteral("The configs are the same.\n") : *compare::formatTable(cfg, format))
        + QLatin1Char('\n') + *compare::formatTable(*metrics, format);
    return writeText(verb, text, p.value(QStringLiteral("out")));
}

} // namespace avt::batch
