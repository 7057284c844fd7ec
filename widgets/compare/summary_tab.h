#pragma once
// The comparison view's summary: a table of the ticked runs (or their groups, mean ± std) with
// the runs table's metrics taken at one point: the end, a step, or the step where a chosen
// metric was best (compare::runsTable, read on a worker with its own store connection), and
// its export as CSV, LaTeX or Markdown.
#include "core/compare/tables.h"
#include "widgets/compare/compare_selection.h"
#include "widgets/compare/table_export.h"

class QComboBox;
class QSpinBox;

namespace avt::widgets {

class SummaryTab : public TableTab {
    Q_OBJECT
public:
    explicit SummaryTab(QWidget *parent = nullptr);

    void setSelection(const CompareSelection &selection);
    void setSpec(const compare::SummarySpec &spec);
    compare::SummarySpec spec() const;

private:
    void updateControls();
    void recompute();

    CompareSelection m_selection;
    QComboBox *m_at;
    QSpinBox *m_step;
    QComboBox *m_bestMetric;
};

} // namespace avt::widgets
