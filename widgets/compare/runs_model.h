#pragma once
// The runs table of the comparison view as a tree: one row per run, or, when grouping, one row
// per group (its metric cells the mean ± std of its members) with its runs as children.
// Columns: name (tick box and colour), dataset, status, preset, chosen config keys, chosen
// metrics (final, best, or at a step), duration, world size.
//
// Everything shown is computed from the RunRecords when they, the columns or the grouping
// change (a model reset); data() only reads prepared cells, so a thousand runs sort, filter and
// paint without touching the store. Values at a step come from the store: the view reads them
// on a worker and hands them over with setStepValues(). GUI thread only.
//
//   auto *model = new RunsModel(this);
//   model->setRecords(records);
//   model->setMetricColumns({"test/top1"});
//   model->setGrouping(compare::groupSeeds(*records, all));
#include "core/compare/statistics.h"
#include "core/compare/tables.h"
#include "widgets/compare/compare_selection.h"

#include <QAbstractItemModel>
#include <QColor>
#include <QHash>
#include <QList>
#include <QStringList>

#include <vector>

namespace avt::widgets {

class RunsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        RunIndexRole = Qt::UserRole + 1, // int: index into the records; -1 on a group row
        GroupIndexRole,                  // int: the group of a group row or of a run in a group; -1 when flat
        SortRole,                        // double for numeric cells (NaN: no value), QString otherwise
        ValueRole,                       // double: a metric / duration cell's value or group mean (NaN: none)
        StdRole,                         // double: a group cell's sample standard deviation (NaN: one value)
        CountRole,                       // int: values behind a numeric cell
    };
    enum class ValueMode { Final, Best, AtStep };
    enum class ColumnKind { Name, Dataset, Status, Preset, Config, Metric, Duration, WorldSize };

    explicit RunsModel(QObject *parent = nullptr);

    // New records: grouping and step values are dropped; ticks are kept for runs of the same name.
    // configText: each run's configTextOf(), when computed already (on a worker).
    void setRecords(RunRecords records, std::vector<QString> configText = {});
    RunRecords records() const { return m_records; }
    int runCount() const { return m_records ? int(m_records->size()) : 0; }
    const compare::RunRecord &record(int run) const { return m_records->at(run); }

    void setConfigColumns(const QStringList &keys);
    QStringList configColumns() const { return m_configKeys; }
    void setMetricColumns(const QStringList &metricIds);
    QStringList metricColumns() const { return m_metricIds; }
    // Final and Best read the records' summaries; AtStep shows what setStepValues() gave.
    void setValueMode(ValueMode mode, qint64 step = 0);
    ValueMode valueMode() const { return m_mode; }
    qint64 valueStep() const { return m_step; }
    // The metric values at valueStep() by run index and metric id (runs left out show nothing).
    void setStepValues(const QHash<int, QHash<QString, double>> &values);
    // Groups of run indexes (every run in exactly one group); empty: one row per run.
    void setGrouping(const QList<compare::RunGroup> &groups);
    const QList<compare::RunGroup> &groups() const { return m_groups; }
    bool isGrouped() const { return !m_groups.isEmpty(); }
    // Colours by run index and by group (sizes as runs and groups; missing entries: none).
    void setColours(const QList<QColor> &runColours, const QList<QColor> &groupColours = {});
    QColor runColour(int run) const { return m_runColours.value(run); }
    QColor groupColour(int group) const { return m_groupColours.value(group); }

    // Ticks (the runs to plot and compare).
    bool isChecked(int run) const { return run >= 0 && run < int(m_checked.size()) && m_checked[size_t(run)]; }
    void setChecked(const QList<int> &runs, bool checked);
    void setCheckedRuns(const QList<int> &runs); // exactly these
    QList<int> checkedRuns() const;              // ascending index (the records' id order)

    ColumnKind columnKind(int column) const;
    // The config key or metric id of a Config / Metric column.
    QString columnKey(int column) const;
    int metricColumn(const QString &metricId) const; // -1 when not shown
    int configColumn(const QString &key) const;      // -1 when not shown

    // The lower-cased "key=value" lines of a run's config (the filter's text).
    const QString &configText(int run) const { return m_configText[size_t(run)]; }
    static QString configTextOf(const compare::RunRecord &record);

    // The table as `shown` (this model or a proxy of it: filtered, sorted) presents it: its
    // top-level rows, groups as mean ± std (with a "Runs" column), durations in seconds.
    compare::Table table(const QAbstractItemModel *shown) const;

    // Numbers as the table shows them.
    static int decimalsFor(double v);
    static QString formatValue(double v);
    static QString formatSpread(const compare::Spread &s);
    static QString formatDuration(double seconds);

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void checkedChanged();

private:
    // A prepared run row: text cells, config values, metric values (per metric column).
    struct RunRow {
        QString world, duration;
        QStringList config;
        std::vector<double> metric;
    };
    struct GroupRow {
        QString dataset, status, preset, world;
        QStringList config;
        std::vector<compare::Spread> metric;
        compare::Spread duration;
    };

    int fixedBefore() const { return 4; } // name, dataset, status, preset
    double metricValue(int run, int metricColumn) const;
    void rebuildRows();    // every run's config and metric cells
    void rebuildGroups();  // every group's cells from its members
    void refreshMetrics(); // after the value mode or step values changed
    QVariant runData(int run, int column, int role) const;
    QVariant groupData(int group, int column, int role) const;
    Qt::CheckState groupCheckState(int group) const;
    void emitCheckChanges(const QList<int> &runs);

    RunRecords m_records;
    QStringList m_configKeys, m_metricIds;
    ValueMode m_mode = ValueMode::Final;
    qint64 m_step = 0;
    QHash<int, QHash<QString, double>> m_stepValues;
    QList<compare::RunGroup> m_groups;
    std::vector<int> m_groupOf;    // run -> group, -1 when flat
    std::vector<int> m_rowInGroup; // run -> row inside its group
    std::vector<RunRow> m_rows;
    std::vector<GroupRow> m_groupRows;
    std::vector<QString> m_configText;
    std::vector<char> m_checked;
    QList<QColor> m_runColours, m_groupColours;
};

} // namespace avt::widgets
