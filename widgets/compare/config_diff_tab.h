#pragma once
// The comparison view's config diff: the ticked runs' configs side by side (one row per config
// key, one column per run), keys whose values differ highlighted; "Differences only" (on by
// default) keeps just those keys. Reads nothing from the store (configs are in the records).
#include "widgets/compare/compare_selection.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QTableWidget;

namespace avt::widgets {

class ConfigDiffTab : public QWidget {
    Q_OBJECT
public:
    explicit ConfigDiffTab(QWidget *parent = nullptr);

    void setSelection(const CompareSelection &selection);
    // The keys shown (rows), in order.
    QStringList shownKeys() const;
    QTableWidget *table() const { return m_table; }
    QCheckBox *differencesOnly() const { return m_differencesOnly; }

    static constexpr int kMaxRuns = 64; // columns shown at most

private:
    void rebuild();

    CompareSelection m_selection;
    QCheckBox *m_differencesOnly;
    QLabel *m_message;
    QTableWidget *m_table;
};

} // namespace avt::widgets
