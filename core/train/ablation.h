#pragma once
// Ablation ladders as series of runs. Table 4 of the paper, on one dataset:
//   Audio Only, Video Only, Avg (late fusion), AVBottleneck, +AVC, +AVC+AVM, +AVC+AVM+MAV,
//   +AVC+AVM+MASegmV
// Each rung is the base config plus a few keys (rungs() lists them), trained and evaluated
// like any run; compare::ladderTable() (core/compare/tables.h) lays out their results as the
// paper's table (top-1 / top-5, or verb / noun / action for EPIC-KITCHENS).
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

} // namespace avt::train
