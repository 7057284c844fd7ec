#pragma once
// compare::Table in the comparison view: shown in a QTableWidget (cells as the Markdown export
// writes them, numbers sortable, the value and std in item roles for tests) and saved as CSV,
// LaTeX or Markdown through a save dialog. GUI thread only (the files are small). TableTab: the
// base of the tabs that show one such table read on a worker (the summary, Table 4).
#include "core/compare/tables.h"
#include "core/util/result.h"

#include <QString>
#include <QWidget>

#include <functional>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QTableWidget;

namespace avt::store {
class Database;
}

namespace avt::widgets {

// Item roles of the cells fillTable() writes (numeric cells only).
inline constexpr int kTableValueRole = 0x0100 + 11; // double: value or mean
inline constexpr int kTableStdRole = 0x0100 + 12;   // double: std (NaN with one value)

// Replaces the widget's content with the table.
void fillTable(QTableWidget *widget, const compare::Table &table);
// A cell as people read it: "81.25", "81.25 ± 1.20", text as is.
QString cellText(const compare::Cell &cell, int decimals);

// The format a file name asks for: "csv", "latex" (.tex), "markdown" (.md); empty when unknown.
QString tableFormatOfPath(const QString &path);
// Writes the table; format empty: by the path's suffix. Errors name the file.
Status writeTable(const compare::Table &table, const QString &path, const QString &format = QString());
// Asks for a file (CSV, LaTeX or Markdown, by the filter chosen or the suffix typed) and writes
// the table there; a failure is a message box. False when cancelled or failed.
bool exportTableDialog(QWidget *parent, const compare::Table &table, const QString &suggestedName);

// A tab that shows a compare::Table: a row of controls ending in an Export… button, a status
// line and the table, read on a background worker with its own connection to the workspace.
class TableTab : public QWidget {
    Q_OBJECT
public:
    bool isLoading() const { return m_loading; }
    const compare::Table &table() const { return m_tableData; }
    QTableWidget *tableWidget() const { return m_table; }

Q_SIGNALS:
    void updated(); // a new table is shown (or its error, or why there is none)

protected:
    // name: the prefix of the children's object names (nameExportButton, nameStatus, nameTable).
    TableTab(const QString &name, QWidget *parent);

    using MakeTable = std::function<Result<compare::Table>(store::Database &db)>;

    // Lays the tab out: the controls (a stretch and the Export… button appended), the status
    // line, the table.
    void layOut(QHBoxLayout *controls);
    // Shows no table and the message as the status; updated(). A read in flight is dropped.
    void showNoTable(const QString &message);
    // Drops a read in flight (its result is not shown).
    void dropRead() { ++m_generation; }
    // Shows loadingText, then runs make on a worker with the workspace in folder opened there,
    // unless a newer read or showNoTable() came since, shows the table with its caption (or
    // noCaption when it has none) as the status, or no table and errorText with %1 the error;
    // updated().
    void readTable(const QString &folder, MakeTable make, const QString &loadingText, const QString &errorText,
                   const QString &noCaption = QString());

    QPushButton *m_export;
    QLabel *m_status;
    QTableWidget *m_table;
    compare::Table m_tableData;

private:
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace avt::widgets
