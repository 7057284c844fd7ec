#pragma once
// The comparison view's summary: a table of the ticked runs (or their groups, mean ± std) with
// the runs table's metrics taken at one point: the end, a step, or the step where a chosen
// metric was best (compare::runsTable, read on a worker with its own store connection), and
// its export as CSV, LaTeX or Markdown.
#include "core/compare/tables.h"
#include "widgets/compare/compare_selection.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace avt::widgets {

class SummaryTab : public QWidget {
    Q_OBJECT
public:
    explicit SummaryTab(QWidget *parent = nullptr);

    void setSelection(const CompareSelection &selection);
    void setSpec(const compare::SummarySpec &spec);
    compare::SummarySpec spec() const;
    bool isLoading() const { return m_loading; }
    const compare::Table &table() const { return m_tableData; }
    QTableWidget *tableWidget() const { return m_table; }

Q_SIGNALS:
    void updated(); // a new table is shown (or its error)

private:
    void updateControls();
    void recompute();

    CompareSelection m_selection;
    QComboBox *m_at;
    QSpinBox *m_step;
    QComboBox *m_bestMetric;
    QPushButton *m_export;
    QLabel *m_status;
    QTableWidget *m_table;
    compare::Table m_tableData;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace avt::widgets
