#pragma once
// The "Run Comparison" view: every run of a workspace in a filterable, sortable, groupable tree
// on the left (RunsModel + RunsFilterModel: name, dataset, status, preset, config keys, final /
// best / at-step metrics, duration, world size; seeds or any config key collapsed into groups
// with mean ± std), and on the right the ticked runs as curves (CurvePlot, groups as mean and
// band), their config diff, a summary table at a chosen point, the evaluation breakdown of one
// or two runs, and the paper's Table 4 from a ladder's runs. Tables export as CSV / LaTeX /
// Markdown, plots as images.
//
// The records are read once per setWorkspace() / refresh() on a worker (own store connection);
// the tree then never touches the store. Tabs read what they need (curves, values at a step,
// predictions) on workers too, and only while they are shown. GUI thread only.
//
//   auto *view = new CompareView(parent);
//   view->setWorkspace(folder); // returns at once; loaded() follows
#include "core/compare/tables.h"
#include "core/util/result.h"
#include "widgets/compare/compare_selection.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;
class QTimer;
class QToolButton;
class QTreeView;

namespace avt::widgets {

class ConfigDiffTab;
class CurvePlot;
class EvaluationTab;
class LadderTab;
class RunsFilterModel;
class RunsModel;
class SummaryTab;

class CompareView : public QWidget {
    Q_OBJECT
public:
    enum class Grouping { None, Seeds, Key };

    explicit CompareView(QWidget *parent = nullptr);
    ~CompareView() override;

    // Reads the workspace's runs in the background (returns at once); loaded() follows.
    void setWorkspace(const QString &folder);
    QString workspace() const { return m_workspace; }
    // Reads the runs again (ticks, filters, grouping and columns are kept). Does nothing while
    // a read is running or before a workspace is set.
    void refresh();
    bool isLoading() const { return m_loading; }
    RunRecords records() const { return m_records; }

    // Ticks exactly these runs (by name); the tabs follow.
    void setCheckedRuns(const QStringList &names);
    QStringList checkedRuns() const;
    void setGrouping(Grouping grouping, const QString &key = QString());
    void setFilterText(const QString &text, bool regularExpression = false);
    void setStatusFilter(const QString &status);   // empty: all
    void setDatasetFilter(const QString &dataset); // empty: all
    void setColourKey(const QString &key);         // empty: by run / group name
    // Columns of the runs table: config keys shown besides the automatic ones (the keys that
    // differ among the ticked runs, or among all runs when fewer than two are ticked).
    void setConfigColumns(const QStringList &keys, bool automatic = true);
    void setMetricColumns(const QStringList &metricIds);
    // What the shown tabs are given (the ticked runs and their grouping).
    CompareSelection selection() const;

    // The runs table as shown (filter, sort and grouping applied; groups as mean ± std).
    compare::Table runsTable() const;
    // Writes it as CSV, LaTeX or Markdown (by the suffix).
    Status exportRunsTable(const QString &path) const;

    RunsModel *runsModel() const { return m_model; }
    RunsFilterModel *filterModel() const { return m_proxy; }
    QTreeView *runsTree() const { return m_tree; }
    QTabWidget *tabs() const { return m_tabs; }
    CurvePlot *curvePlot() const { return m_curves; }
    ConfigDiffTab *configDiff() const { return m_configDiff; }
    SummaryTab *summary() const { return m_summary; }
    EvaluationTab *evaluation() const { return m_evaluation; }
    LadderTab *ladder() const { return m_ladder; }

Q_SIGNALS:
    void loaded(bool ok, const QString &message);
    void busyChanged(bool busy, const QString &what);

private:
    void buildFilterBar();
    void buildTabs();
    void startLoading();
    void applyRecords(RunRecords records, QStringList differing, std::vector<QString> configText);
    void applyGrouping();
    void applyColours();
    void fitColumns();
    void applyValueMode();
    void updateConfigColumns();
    void updateCount();
    void scheduleSelection();
    void pushSelection();
    void updateTab(QWidget *tab);
    void showColumnsMenu();
    void fillKeyCombos();
    template <class F> void keepingTreeState(F &&change);

    QString m_workspace;
    RunRecords m_records;
    QStringList m_differingAll;            // config keys that differ among all runs (computed once per load)
    QList<compare::RunGroup> m_seedGroups; // all runs with seeds collapsed (computed once per load)
    bool m_loading = false;
    bool m_applying = false; // inside applyRecords()
    bool m_refreshPending = false;
    quint64 m_generation = 0, m_stepGeneration = 0;
    Grouping m_grouping = Grouping::None;
    QString m_groupKey, m_colourKey;
    QStringList m_pinnedConfig, m_metricChoice;
    bool m_autoConfig = true;
    QList<QWidget *> m_staleTabs;

    RunsModel *m_model;
    RunsFilterModel *m_proxy;
    QLineEdit *m_filter;
    QCheckBox *m_regex;
    QComboBox *m_status, *m_dataset, *m_group, *m_colour, *m_values;
    QSpinBox *m_step;
    QToolButton *m_columns, *m_export;
    QTreeView *m_tree;
    QLabel *m_count;
    QTabWidget *m_tabs;
    CurvePlot *m_curves;
    ConfigDiffTab *m_configDiff;
    SummaryTab *m_summary;
    EvaluationTab *m_evaluation;
    LadderTab *m_ladder;
    QTimer *m_selectionTimer;
};

} // namespace avt::widgets
