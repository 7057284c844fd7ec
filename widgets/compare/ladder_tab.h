#pragma once
// The comparison view's Table 4: the paper's ablation ladder from the workspace's runs named
// "<prefix>-<rung>[-seedN]" (compare::ladderTable: one row per rung, top-1 / top-5 or verb /
// noun / action as mean ± std over seeds), at the end of the runs or at their best top-1
// epoch, read on a worker; exported as CSV, LaTeX or Markdown.
#include "core/compare/tables.h"
#include "widgets/compare/compare_selection.h"
#include "widgets/compare/table_export.h"

class QComboBox;

namespace avt::widgets {

class LadderTab : public TableTab {
    Q_OBJECT
public:
    explicit LadderTab(QWidget *parent = nullptr);

    // All runs of the workspace (the ticks do not matter here).
    void setRecords(const QString &workspace, RunRecords records);
    void setPrefix(const QString &prefix);
    void setAtBest(bool best); // false: at the end

private:
    void recompute();

    QString m_workspace;
    RunRecords m_records;
    QComboBox *m_prefix;
    QComboBox *m_at;
};

} // namespace avt::widgets
