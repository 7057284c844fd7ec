#pragma once
// compare::Table in the comparison view: shown in a QTableWidget (cells as the Markdown export
// writes them, numbers sortable, the value and std in item roles for tests) and saved as CSV,
// LaTeX or Markdown through a save dialog. GUI thread only (the files are small).
#include "core/compare/tables.h"
#include "core/util/result.h"

#include <QString>

class QTableWidget;
class QWidget;

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

} // namespace avt::widgets
