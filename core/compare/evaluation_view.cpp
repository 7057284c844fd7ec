#include "core/compare/evaluation_view.h"

#include "core/store/database.h"
#include "core/store/run_store.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace avt::compare {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

int argmaxSoftmaxMean(const std::vector<std::vector<float>> &views)
{
    const size_t classes = views.front().size();
    std::vector<double> mean(classes, 0.0);
    for (const std::vector<float> &logits : views) {
        const double top = *std::max_element(logits.begin(), logits.end());
        double sum = 0;
        std::vector<double> p(classes);
        for (size_t c = 0; c < classes; ++c)
            sum += p[c] = std::exp(double(logits[c]) - top);
        for (size_t c = 0; c < classes; ++c)
            mean[c] += p[c] / sum;
    }
    return int(std::max_element(mean.begin(), mean.end()) - mean.begin());
}

} // namespace

Result<EvaluationBreakdown> evaluationBreakdown(store::Database &db, qint64 runId, const QString &head)
{
    EvaluationBreakdown b;
    b.head = head;
    // The label head of the clips: "class" for single-label data; EPIC's main head is "verb".
    store::Statement labels = db.prepare(QStringLiteral(
        "SELECT l.clip_id, l.head, l.class_index FROM clip_labels l "
        "WHERE l.clip_id IN (SELECT clip_id FROM predictions WHERE run_id = ?1 AND view = -1 AND head = ?2) "
        "AND l.class_index IS NOT NULL"));
    store::Statement names = db.prepare(
        QStringLiteral("SELECT DISTINCT l.class_index, l.label FROM clip_labels l JOIN clips c ON c.id = l.clip_id "
                       "WHERE c.dataset_id = (SELECT dataset_id FROM runs WHERE id = ?1) AND l.head = ?2 "
                       "AND l.class_index IS NOT NULL ORDER BY l.class_index"));
    store::Statement preds = db.prepare(
        QStringLiteral("SELECT clip_id, view, topk, logits FROM predictions WHERE run_id = ?1 AND head = ?2"));
    if (!labels.isValid() || !names.isValid() || !preds.isValid())
        return makeError(QStringLiteral("sql"),
                         QStringLiteral("reading the predictions of run %1: %2").arg(runId).arg(db.lastError()));
    const QString labelHead = head == QLatin1String("class") ? QString() : head;
    QHash<qint64, int> truth;
    QString usedHead;
    labels.bind(1, runId).bind(2, head);
    while (labels.step()) {
        const QString h = labels.columnText(1);
        const bool wanted =
            labelHead.isEmpty() ? (h == QLatin1String("class") || h == QLatin1String("verb")) : h == labelHead;
        if (!wanted)
            continue;
        usedHead = h;
        truth.insert(labels.columnInt64(0), int(labels.columnInt64(2)));
    }
    QMap<int, QString> classNames;
    if (!usedHead.isEmpty()) {
        names.bind(1, runId).bind(2, usedHead);
        while (names.step())
            classNames.insert(int(names.columnInt64(0)), names.columnText(1));
    }

    QHash<qint64, int> predicted;                         // view -1: argmax of the averaged views
    QHash<qint64, QMap<int, std::vector<float>>> perView; // clip -> view -> logits
    preds.bind(1, runId).bind(2, head);
    int classes = classNames.isEmpty() ? 0 : classNames.lastKey() + 1;
    while (preds.step()) {
        const qint64 clip = preds.columnInt64(0);
        const int view = int(preds.columnInt64(1));
        if (view < 0) {
            const QJsonArray top = QJsonDocument::fromJson(preds.columnText(2).toUtf8()).array();
            if (!top.isEmpty()) {
                predicted.insert(clip, top.first().toArray().at(0).toInt());
                classes = std::max(classes, top.first().toArray().at(0).toInt() + 1);
            }
            continue;
        }
        const QByteArray blob = preds.columnBlob(3);
        if (blob.size() < 4 || blob.size() % 4)
            continue;
        std::vector<float> logits(size_t(blob.size() / 4));
        std::memcpy(logits.data(), blob.constData(), size_t(blob.size()));
        classes = std::max(classes, int(logits.size()));
        perView[clip].insert(view, std::move(logits));
    }
    if (predicted.isEmpty())
        return makeError(
            QStringLiteral("data"),
            QStringLiteral("run %1 has no stored predictions of head '%2' (evaluate it first)").arg(runId).arg(head));
    for (int c = 0; c < classes; ++c)
        b.classNames.append(classNames.value(c, QString::number(c)));
    b.confusion = QVector<int>(classes * classes, 0);
    b.perClassClips = QVector<int>(classes, 0);
    QVector<int> right(classes, 0);
    int correct = 0;
    for (auto it = predicted.cbegin(); it != predicted.cend(); ++it) {
        const auto t = truth.constFind(it.key());
        if (t == truth.constEnd() || *t < 0 || *t >= classes || it.value() < 0 || it.value() >= classes)
            continue;
        ++b.clips;
        b.confusion[*t * classes + it.value()]++;
        b.perClassClips[*t]++;
        right[*t] += *t == it.value();
        correct += *t == it.value();
    }
    b.top1 = b.clips ? 100.0 * correct / b.clips : kNaN;
    if (head == QLatin1String("class")) {
        // EPIC: the noun head's averaged predictions against the noun labels, and actions.
        store::Statement nouns = db.prepare(
            QStringLiteral("SELECT p.clip_id, p.topk, l.class_index FROM predictions p JOIN clip_labels l "
                           "ON l.clip_id = p.clip_id AND l.head = 'noun' "
                           "WHERE p.run_id = ?1 AND p.view = -1 AND p.head = 'noun' AND l.class_index IS NOT NULL"));
        if (nouns.isValid()) {
            nouns.bind(1, runId);
            int both = 0, nounRight = 0, actionRight = 0;
            while (nouns.step()) {
                const qint64 clip = nouns.columnInt64(0);
                const QJsonArray top = QJsonDocument::fromJson(nouns.columnText(1).toUtf8()).array();
                const auto verb = predicted.constFind(clip);
                const auto verbTruth = truth.constFind(clip);
                if (top.isEmpty() || verb == predicted.constEnd() || verbTruth == truth.constEnd())
                    continue;
                const bool noun = top.first().toArray().at(0).toInt() == int(nouns.columnInt64(2));
                ++both;
                nounRight += noun;
                actionRight += noun && *verb == *verbTruth;
            }
            if (both) {
                b.nounTop1 = 100.0 * nounRight / both;
                b.actionTop1 = 100.0 * actionRight / both;
            }
        }
    }
    b.perClass = QVector<double>(classes, kNaN);
    for (int c = 0; c < classes; ++c)
        if (b.perClassClips[c])
            b.perClass[c] = 100.0 * right[c] / b.perClassClips[c];

    // Re-scoring from the per-view logits: clips with all views 0..V-1 of one size.
    for (const auto &views : perView)
        b.views = std::max(b.views, views.isEmpty() ? 0 : views.lastKey() + 1);
    if (b.views == 0)
        return b;
    int averaged = 0, first = 0;
    QVector<int> perViewRight(b.views, 0);
    for (auto it = perView.cbegin(); it != perView.cend(); ++it) {
        const auto t = truth.constFind(it.key());
        if (t == truth.constEnd() || it->size() != b.views || it->lastKey() != b.views - 1)
            continue;
        std::vector<std::vector<float>> all;
        for (const auto &l : *it)
            all.push_back(l);
        if (std::any_of(all.begin(), all.end(), [&](const auto &l) { return l.size() != all.front().size(); }))
            continue;
        ++b.rescoredClips;
        averaged += argmaxSoftmaxMean(all) == *t;
        for (int v = 0; v < b.views; ++v) {
            const auto &l = all[size_t(v)];
            const bool ok = int(std::max_element(l.begin(), l.end()) - l.begin()) == *t;
            perViewRight[v] += ok;
            if (v == 0)
                first += ok;
        }
    }
    if (b.rescoredClips) {
        b.averagedTop1 = 100.0 * averaged / b.rescoredClips;
        b.firstViewTop1 = 100.0 * first / b.rescoredClips;
        for (int v = 0; v < b.views; ++v)
            b.perViewTop1.append(100.0 * perViewRight[v] / b.rescoredClips);
    }
    return b;
}

} // namespace avt::compare
