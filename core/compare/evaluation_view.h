#pragma once
// A run's last evaluation re-read from its stored predictions: per-class accuracy and the
// confusion matrix (class names from the dataset's labels), and a multi-view re-scoring from
// the stored per-view logits (softmax of each view; views averaged against the first view and
// each view alone), without running the model again.
#include "core/util/result.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <cmath>
#include <limits>

namespace avt::store {
class Database;
}

namespace avt::compare {

struct EvaluationBreakdown {
    QString head;             // "class" (or "noun" for EPIC's second head)
    QStringList classNames;   // by class index
    int clips = 0;            // clips with a prediction and a label
    double top1 = 0;          // percent, from the stored averaged predictions (view -1)
    QVector<int> confusion;   // [classes x classes], row = truth, column = prediction
    QVector<double> perClass; // percent; NaN for a class without clips
    QVector<int> perClassClips;
    // Multi-view re-scoring (main head only: the per-view logits are stored for it).
    int views = 0;         // views per clip (0 when no per-view logits are stored)
    int rescoredClips = 0; // clips with logits for every view
    double averagedTop1 = std::numeric_limits<double>::quiet_NaN();  // softmax averaged over views
    double firstViewTop1 = std::numeric_limits<double>::quiet_NaN(); // view 0 alone
    QVector<double> perViewTop1;                                     // each view alone
    // Two-head runs (EPIC-KITCHENS), in the main head's breakdown: noun top-1 and action top-1
    // (verb and noun both right), percent over clips with both predictions and labels; NaN for
    // single-head runs and in the noun head's own breakdown.
    double nounTop1 = std::numeric_limits<double>::quiet_NaN();
    double actionTop1 = std::numeric_limits<double>::quiet_NaN();
    bool twoHeads() const { return std::isfinite(actionTop1); }
    int classes() const { return int(classNames.size()); }
};

// head "class": the main head (EPIC's verb); "noun": EPIC's noun head. An error when the run
// has no stored predictions of that head.
Result<EvaluationBreakdown> evaluationBreakdown(store::Database &db, qint64 runId,
                                                const QString &head = QStringLiteral("class"));

} // namespace avt::compare
