#pragma once
// The browser's filter bar: label, split and problem choices with live counts ("train (21)"),
// and a search field for paths. Drives a ClipFilterModel and follows its counts.
// GUI thread only.
#include "widgets/browser/clip_filter_model.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTimer;

namespace avt::widgets {

class FilterPanel : public QWidget {
    Q_OBJECT
public:
    explicit FilterPanel(ClipFilterModel *filter, QWidget *parent = nullptr);

    // Rebuilds the choices from the filter model's current counts (keeps the selections).
    void refreshCounts();
    const FacetCounts &counts() const { return m_counts; }

signals:
    void countsChanged(const avt::widgets::FacetCounts &counts);

private:
    void fillCombo(QComboBox *combo, const QMap<QString, int> &counts, int total, const QString &current);
    QString problemText(const QString &value) const;

    ClipFilterModel *m_filter;
    QComboBox *m_label;
    QComboBox *m_split;
    QComboBox *m_problem;
    QLineEdit *m_search;
    QTimer *m_searchDelay;
    FacetCounts m_counts;
    bool m_filling = false;
};

} // namespace avt::widgets
