#pragma once
// Ablation ladders as series of runs. Table 4 of the paper, on one dataset:
//   Audio Only, Video Only, Avg (late fusion), AVBottleneck, +AVC, +AVC+AVM, +AVC+AVM+MAV,
//   +AVC+AVM+MASegmV
// Each rung is the base config plus a few keys (rungs() lists them), trained and evaluated
// like any run; the table is exported in the paper's layout (top-1 / top-5, or verb / noun /
// action for EPIC-KITCHENS).
#include "core/store/run_store.h"
#include "core/util/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace avt::train {

struct Rung {
    QString label;        // as in the paper's table
    QString suffix;       // run name suffix
    QStringList settings; // key=value applied on top of the base config
};

// The rungs of a named ladder ("table4"); empty for an unknown name.
QList<Rung> ladderRungs(const QString &ladder);

struct TableRow {
    QString label;
    QString run;
    double top1 = -1, top5 = -1;
    double noun = -1, action = -1; // EPIC
    QString status;
};

// Rows from stored runs: the last evaluation metrics of each run (by name).
Result<QList<TableRow>> tableRows(store::Database &db, const QStringList &runs, const QStringList &labels);
QString tableCsv(const QList<TableRow> &rows, bool epic);
QString tableLatex(const QList<TableRow> &rows, bool epic, const QString &caption);
QString tableText(const QList<TableRow> &rows, bool epic);

} // namespace avt::train
