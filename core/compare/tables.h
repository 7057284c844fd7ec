#pragma once
// Tables of runs (one row per run or per group, mean ± std where a row holds several seeds)
// and the paper's Table 4 from a ladder's runs, written as CSV, LaTeX, Markdown or text.
#include "core/compare/run_records.h"
#include "core/compare/statistics.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <cmath>

namespace avt::compare {

struct Cell {
    QString text;                // non-numeric cells (names, statuses, config values)
    double value = std::nan(""); // numeric cells: the value or the mean
    double std = std::nan("");   // with several runs: the sample standard deviation
    int n = 0;                   // runs behind a numeric cell
    bool numeric() const { return text.isNull(); }
    static Cell ofText(const QString &t);
    static Cell ofNumber(double v);
    static Cell ofSpread(const Spread &s); // mean ± std of n values
};

struct Table {
    QString caption;
    QStringList headers;
    QList<QList<Cell>> rows;
    int decimals = 2;
};

// CSV: a numeric column with any spread gets a "<header> std" and "<header> n" column after it.
QString toCsv(const Table &t);
// LaTeX tabular (booktabs) with "mean $\pm$ std"; Markdown pipe table with "mean ± std";
// text: aligned columns for terminals.
QString toLatex(const Table &t);
QString toMarkdown(const Table &t);
QString toText(const Table &t);
// By the name: "csv", "latex" / "tex", "markdown" / "md", "text"; an unknown format is an error.
Result<QString> formatTable(const Table &t, const QString &format);

struct RunsTableSpec {
    QStringList configKeys; // columns of config values
    QStringList metricIds;  // columns of metric values (under `at`)
    SummarySpec at;
    bool groupSeeds = false; // one row per seed group (mean ± std), else one row per run
    QStringList groupKeys;   // group by these keys instead (when not empty)
};
// The runs table of `indexes` (all runs when empty): name (or group label), dataset, status,
// config columns, metric columns, duration, world size.
Result<Table> runsTable(store::Database &db, const QList<RunRecord> &runs, QList<int> indexes,
                        const RunsTableSpec &spec);

// The Table 4 ladder among the runs: runs named "<prefix>-<suffix>" or
// "<prefix>-<suffix>-seed<N>" (as `ablate` names them), one row per rung in the paper's
// order with top-1 / top-5 (verb / noun / action for EPIC) as mean ± std over seeds at `at`.
// An empty prefix takes the prefix that matches most rungs. Rungs without runs are left out;
// no rung at all is an error.
Result<Table> ladderTable(store::Database &db, const QList<RunRecord> &runs, const QString &prefix,
                          const SummarySpec &at = {});
// Prefixes of ladders found among the runs (most rungs first).
QStringList ladderPrefixes(const QList<RunRecord> &runs);

} // namespace avt::compare
