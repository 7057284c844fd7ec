#pragma once
// Multi-view evaluation: every clip is seen as data.eval_temporal_views windows x
// data.eval_spatial_views crops; the softmax probabilities of its views are averaged. Reports
// top-1 / top-5, per-class accuracy and the confusion matrix, and for two-head models
// (EPIC-KITCHENS) verb, noun and action accuracy (action: both heads right). Per-clip
// predictions (top-5 and logits per view, and the averaged view as view -1) come back for the
// run store, so views can be re-scored later without running the model again.
#include "core/loader/loader_types.h"
#include "core/store/run_store.h"
#include "core/train/run_config.h"
#include "core/util/result.h"

#include <ATen/core/Tensor.h>
#include <QList>
#include <QVector>

#include <functional>
#include <vector>

namespace avt::model {
class AvtModelImpl;
}

namespace avt::train {

struct EvalResult {
    int clips = 0;
    int failed = 0;                                       // samples that failed to load
    double top1 = 0, top5 = 0;                            // main head, percent
    double nounTop1 = -1, nounTop5 = -1, actionTop1 = -1; // EPIC only (percent), else -1
    QVector<double> perClass;                             // accuracy per class (percent; -1 where no clip)
    QVector<int> confusion;                               // [classes x classes], row = truth, column = prediction
    int classes = 0;
    QList<store::PredictionRow> predictions;
    double seconds = 0;
};

// Evaluates model on items (eval mode, no masking). progress(done, total) counts batches.
// `prepared` (findPreparedCache()) is read instead of decoding where it holds a window.
Result<EvalResult> evaluate(model::AvtModelImpl &model, const std::vector<loader::LoaderItem> &items,
                            const RunConfig &config, const at::Device &device,
                            const std::function<void(int, int)> &progress = {},
                            std::shared_ptr<const loader::PreparedClipCache> prepared = nullptr);

// One line for people: "top-1 81.25%  top-5 97.50%  (80 clips)" (plus load failures, and
// noun / action top-1 for EPIC-KITCHENS).
QString evalSummary(const EvalResult &r);

} // namespace avt::train
