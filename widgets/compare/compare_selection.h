#pragma once
// What the tabs of the comparison view are given: the workspace's run records (shared, never
// changed once loaded), the runs ticked in the runs table and how the table groups them.
#include "core/compare/run_records.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace avt::widgets {

using RunRecords = std::shared_ptr<const QList<compare::RunRecord>>;

struct CompareSelection {
    QString workspace;               // folder; tabs open their own store connection per task
    RunRecords records;              // every run of the workspace (null before loading)
    QList<int> runs;                 // the ticked runs: indexes into *records, in id order
    QList<compare::RunGroup> groups; // the ticked runs grouped as the table groups them; empty when not grouping
    QStringList groupKeys;           // grouping by these config keys ...
    bool groupSeeds = false;         // ... or by seeds collapsed
    QStringList metricIds;           // the metric columns of the runs table
    QList<QColor> runColours;        // by run index (as the runs table shows them)
    bool grouped() const { return groupSeeds || !groupKeys.isEmpty(); }
    const compare::RunRecord &record(int index) const { return records->at(index); }
};

} // namespace avt::widgets
