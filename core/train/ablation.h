#pragma once
// Ablation ladders as series of runs. Table 4 of the paper, on one dataset:
//   Audio Only, Video Only, Avg (late fusion), AVBottleneck, +AVC, +AVC+AVM, +AVC+AVM+MAV,
//   +AVC+AVM+MASegmV
// Each rung is the base config plus a few keys (rungs() lists them), trained and evaluated
// like any run; compare::ladderTable() (core/compare/tables.h) lays out their results as the
// paper's table (top-1 / top-5, or verb / noun / action for EPIC-KITCHENS).
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

// The rungs of a named ladder ("table4"); "none": one rung with no settings and no suffix (a
// sweep of the base config alone); empty for an unknown name.
QList<Rung> ladderRungs(const QString &ladder);

// One key swept over values: parsed from "optim.lr=1e-4,3e-4,1e-3".
struct Sweep {
    QString key;
    QStringList values;
};
Result<Sweep> parseSweep(const QString &text);

// A run an ablation makes: every rung x every combination of the sweeps' values (a grid when
// there are several) x every seed.
struct PlannedRun {
    QString name;         // <prefix>[-<rung>][-<key><value>...][-seed<S>] (no seed part for the first seed)
    QString label;        // the rung's label plus the swept values, for tables
    QString rung;         // the rung's suffix
    QStringList settings; // the rung's settings, then the swept key=value pairs
    qint64 seed = 1;
};
// In order: rungs, then sweep combinations (the first sweep varies slowest), then seeds. Names
// use the last part of each swept key ("optim.lr" -> "lr0.001"); characters a run name cannot
// hold become '_'.
QList<PlannedRun> planRuns(const QString &prefix, const QList<Rung> &rungs, const QList<Sweep> &sweeps, int seeds,
                           qint64 firstSeed);

} // namespace avt::train
