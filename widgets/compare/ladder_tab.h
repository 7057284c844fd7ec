#pragma once
// The comparison view's Table 4: the paper's ablation ladder from the workspace's runs named
// "<prefix>-<rung>[-seedN]" (compare::ladderTable: one row per rung, top-1 / top-5 or verb /
// noun / action as mean ± std over seeds), at the end of the runs or at their best top-1
// epoch, read on a worker; exported as CSV, LaTeX or Markdown.
#include "core/compare/tables.h"
#include "widgets/compare/compare_selection.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace avt::widgets {

class LadderTab : public QWidget {
    Q_OBJECT
public:
    explicit LadderTab(QWidget *parent = nullptr);

    // All runs of the workspace (the ticks do not matter here).
    void setRecords(const QString &workspace, RunRecords records);
    void setPrefix(const QString &prefix);
    void setAtBest(bool best); // false: at the end
    bool isLoading() const { return m_loading; }
    const compare::Table &table() const { return m_tableData; }
    QTableWidget *tableWidget() const { return m_table; }

Q_SIGNALS:
    void updated();

private:
    void recompute();

    QString m_workspace;
    RunRecords m_records;
    QComboBox *m_prefix;
    QComboBox *m_at;
    QPushButton *m_export;
    QLabel *m_status;
    QTableWidget *m_table;
    compare::Table m_tableData;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace avt::widgets
