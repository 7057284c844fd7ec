#include "core/train/evaluator.h"

#include "core/loader/clip_loader.h"
#include "core/train/train_setup.h"
#include "core/util/json_file.h"
#include "model/avt/avt_model.h"

#include <torch/torch.h>

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>

#include <map>

namespace avt::train {

namespace {

// Per clip: summed probabilities over views of each head, the label(s), and view count.
struct ClipScores {
    at::Tensor main, noun; // [C], [C2] float64 sums
    int views = 0;
    int label = -1, nounLabel = -1;
};

QString topkJson(const at::Tensor &scores, int k)
{
    const auto top = scores.topk(std::min<int64_t>(k, scores.size(0)));
    const at::Tensor values = std::get<0>(top).to(torch::kFloat64), indices = std::get<1>(top);
    QJsonArray out;
    for (int64_t i = 0; i < values.size(0); ++i)
        out.append(QJsonArray{qint64(indices[i].item<int64_t>()), std::round(values[i].item<double>() * 1e6) / 1e6});
    return compactJson(out);
}

QByteArray blob(const at::Tensor &t)
{
    const at::Tensor c = t.to(torch::kFloat32).contiguous().cpu();
    return QByteArray(reinterpret_cast<const char *>(c.data_ptr<float>()), qsizetype(c.numel() * 4));
}

bool inTopK(const at::Tensor &scores, int label, int k)
{
    if (label < 0)
        return false;
    const at::Tensor idx = std::get<1>(scores.topk(std::min<int64_t>(k, scores.size(0))));
    return (idx == label).any().item<bool>();
}

} // namespace

Result<EvalResult> evaluate(model::AvtModelImpl &model, const std::vector<loader::LoaderItem> &items,
                            const RunConfig &config, const at::Device &device,
                            const std::function<void(int, int)> &progress,
                            std::shared_ptr<const loader::PreparedClipCache> prepared)
{
    QElapsedTimer timer;
    timer.start();
    EvalResult r;
    r.classes = int(model.config().head.classes);
    if (items.empty())
        return makeError(QStringLiteral("data"), QStringLiteral("no usable clips in split '%1' to evaluate")
                                                     .arg(config.text(QStringLiteral("run.eval_split"))));
    loader::LoaderOptions opt = loaderOptions(config, loader::LoaderMode::Eval, 0, 1);
    opt.prepared = std::move(prepared);
    auto loader = loader::ClipLoader::create(items, opt, model.config());
    if (!loader)
        return loader.error();
    const bool wasTraining = model.is_training();
    model.eval();
    torch::NoGradGuard noGrad;
    std::map<qint64, ClipScores> clips;
    const int batches = (*loader)->batchesPerEpoch();
    (*loader)->start(0);
    int done = 0;
    while (auto batch = (*loader)->next()) {
        model::AvtInputs in;
        if (batch->audio.defined())
            in.audio = batch->audio.to(device);
        if (batch->video.defined())
            in.video = batch->video.to(device);
        const model::AvtOutputs out = model.forward(in);
        const at::Tensor pMain = torch::softmax(out.logits.to(torch::kFloat64), 1).cpu();
        const at::Tensor pNoun =
            out.nounLogits.defined() ? torch::softmax(out.nounLogits.to(torch::kFloat64), 1).cpu() : at::Tensor();
        const at::Tensor logits = out.logits.cpu();
        for (int i = 0; i < batch->size(); ++i) {
            if (batch->padding[size_t(i)])
                continue;
            ClipScores &s = clips[batch->clipIds[size_t(i)]];
            s.main = s.main.defined() ? s.main + pMain[i] : pMain[i].clone();
            if (pNoun.defined())
                s.noun = s.noun.defined() ? s.noun + pNoun[i] : pNoun[i].clone();
            s.views++;
            s.label = int(batch->labels[i].item<int64_t>());
            if (batch->nounLabels.defined())
                s.nounLabel = int(batch->nounLabels[i].item<int64_t>());
            r.predictions.append({batch->clipIds[size_t(i)], batch->views[size_t(i)], QStringLiteral("class"),
                                  topkJson(pMain[i], 5), blob(logits[i])});
        }
        r.failed += batch->failed;
        if (progress)
            progress(++done, batches);
    }
    r.failed = std::max(r.failed, (*loader)->failedItems());
    if (wasTraining)
        model.train();

    r.confusion = QVector<int>(r.classes * r.classes, 0);
    QVector<int> perClassTotal(r.classes, 0), perClassRight(r.classes, 0);
    int top1 = 0, top5 = 0, nounTop1 = 0, nounTop5 = 0, action = 0;
    for (auto &[clipId, s] : clips) {
        const at::Tensor mean = s.main / double(s.views);
        const int pred = int(mean.argmax().item<int64_t>());
        const bool right = pred == s.label;
        top1 += right;
        top5 += inTopK(mean, s.label, 5);
        if (s.label >= 0 && s.label < r.classes) {
            r.confusion[s.label * r.classes + pred]++;
            perClassTotal[s.label]++;
            perClassRight[s.label] += right;
        }
        r.predictions.append({clipId, -1, QStringLiteral("class"), topkJson(mean, 5), QByteArray()});
        if (s.noun.defined()) {
            const at::Tensor nmean = s.noun / double(s.views);
            const bool nounRight = int(nmean.argmax().item<int64_t>()) == s.nounLabel;
            nounTop1 += nounRight;
            nounTop5 += inTopK(nmean, s.nounLabel, 5);
            action += right && nounRight;
            r.predictions.append({clipId, -1, QStringLiteral("noun"), topkJson(nmean, 5), QByteArray()});
        }
    }
    r.clips = int(clips.size());
    const double n = std::max(1, r.clips);
    r.top1 = 100.0 * top1 / n;
    r.top5 = 100.0 * top5 / n;
    if (model.config().head.nounClasses > 0) {
        r.nounTop1 = 100.0 * nounTop1 / n;
        r.nounTop5 = 100.0 * nounTop5 / n;
        r.actionTop1 = 100.0 * action / n;
    }
    r.perClass.resize(r.classes);
    for (int c = 0; c < r.classes; ++c)
        r.perClass[c] = perClassTotal[c] ? 100.0 * perClassRight[c] / perClassTotal[c] : -1.0;
    r.seconds = double(timer.elapsed()) / 1000.0;
    return r;
}

QString evalSummary(const EvalResult &r)
{
    QString line =
        QStringLiteral("top-1 %1%  top-5 %2%  (%3 clips").arg(r.top1, 0, 'f', 2).arg(r.top5, 0, 'f', 2).arg(r.clips);
    if (r.failed)
        line += QStringLiteral(", %1 views failed to load").arg(r.failed);
    line += QLatin1Char(')');
    if (r.actionTop1 >= 0)
        line += QStringLiteral("  noun top-1 %1%  action top-1 %2%")
                    .arg(r.nounTop1, 0, 'f', 2)
                    .arg(r.actionTop1, 0, 'f', 2);
    return line;
}

} // namespace avt::train
