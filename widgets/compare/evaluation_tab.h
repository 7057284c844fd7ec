#pragma once
// The comparison view's evaluation tab: a run's last evaluation re-read from its stored
// predictions (compare::evaluationBreakdown, on a worker with its own store connection), for
// run A and optionally run B:
//   - per-class accuracy of both runs as bars side by side, class names as tick labels;
//   - the confusion matrix of one of them (rows: true class, columns: predicted; counts or
//     row-normalised) with a colour scale;
//   - the multi-view re-scoring: top-1 of the stored averaged predictions, of the views'
//     softmax averaged again, of the first view and of each view alone.
// Two-head (EPIC-KITCHENS) runs show verb, noun and action top-1, and a head choice switches the
// plots between the verb and the noun head. A run without stored predictions gets a message
// saying how to make them. Both plots export as PNG, SVG or PDF.
#include "core/compare/evaluation_view.h"
#include "widgets/compare/compare_selection.h"

#include <QWidget>

#include <memory>
#include <optional>

class QCPBars;
class QCPBarsGroup;
class QCPColorMap;
class QCPColorScale;
class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QPushButton;
class QTableWidget;

namespace avt::widgets {

class EvaluationTab : public QWidget {
    Q_OBJECT
public:
    explicit EvaluationTab(QWidget *parent = nullptr);

    // Offers every run of the records; A and B follow the first two ticked runs until the
    // user picks runs in the combo boxes.
    void setSelection(const CompareSelection &selection);
    // Shows run a (and b; -1: none) by index into the records.
    void setRuns(int a, int b = -1);
    int runA() const;
    int runB() const;
    void setNormalised(bool on);
    void setMatrixRun(int which);      // 0: run A, 1: run B
    void setHead(const QString &head); // "class" (verb for EPIC) or "noun"

    bool isLoading() const { return m_loading; }
    // The breakdowns shown (empty when the run has none or none is chosen).
    const std::optional<compare::EvaluationBreakdown> &breakdownA() const { return m_a; }
    const std::optional<compare::EvaluationBreakdown> &breakdownB() const { return m_b; }
    QString message() const;
    QCustomPlot *barsPlot() const { return m_bars; }
    QCustomPlot *matrixPlot() const { return m_matrix; }
    QCPColorMap *confusionMap() const { return m_map; }
    QTableWidget *rescoreTable() const { return m_rescore; }

    // PNG, SVG or PDF by the suffix.
    Status exportBars(const QString &path) const;
    Status exportMatrix(const QString &path) const;

Q_SIGNALS:
    void updated(); // new breakdowns are shown (or their messages)

private:
    void load();
    void showBars();
    void showMatrix();
    void showRescoring();
    void exportDialog(QCustomPlot *plot, const QString &name);

    CompareSelection m_selection;
    bool m_followTicks = true;
    QComboBox *m_runA, *m_runB, *m_matrixRun, *m_head;
    QCheckBox *m_normalised;
    QPushButton *m_exportBars, *m_exportMatrix;
    QLabel *m_message;
    QCustomPlot *m_bars, *m_matrix;
    QCPBarsGroup *m_barsGroup = nullptr;
    QCPColorMap *m_map = nullptr;
    QCPColorScale *m_scale = nullptr;
    QTableWidget *m_rescore;
    std::optional<compare::EvaluationBreakdown> m_a, m_b;
    QString m_errorA, m_errorB;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace avt::widgets
