// `eval`: multi-view evaluation of a run's checkpoint, stored with the run.
#include "batch/verb_parser.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/checkpoint.h"
#include "core/train/evaluator.h"
#include "core/train/run_model.h"
#include "core/train/train_setup.h"
#include "model/avt/avt_model.h"

#include <torch/torch.h>

#include <QFileInfo>

namespace avt::batch {

int runEval(const QStringList &args)
{
    const QString verb = QStringLiteral("eval");
    VerbParser p(
        verb, QStringLiteral("Evaluate a run's checkpoint with multi-view testing (temporal windows x spatial crops,\n"
                             "averaged): top-1, top-5, per-class accuracy, confusion matrix; verb / noun / action for\n"
                             "EPIC-KITCHENS. Stores the metrics and per-clip predictions with the run."));
    p.addWorkspaceOption();
    p.addOption({QStringLiteral("run"), QStringLiteral("Run to evaluate."), QStringLiteral("RUN")});
    p.addOption({QStringLiteral("checkpoint"), QStringLiteral("best, last or a file."), QStringLiteral("WHICH"),
                 QStringLiteral("best")});
    p.addOption({QStringLiteral("split"), QStringLiteral("Split to evaluate (default: the run's eval split)."),
                 QStringLiteral("SPLIT")});
    p.addOption(
        {QStringLiteral("views"), QStringLiteral("Temporal x spatial views, e.g. 4x3."), QStringLiteral("TxS")});
    p.addOption({QStringLiteral("per-class"), QStringLiteral("Print per-class accuracy and the confusion matrix.")});
    p.setPositionalRange(0, 0);
    if (auto code = p.parse(args))
        return *code;
    if (!p.isSet(QStringLiteral("workspace")) || !p.isSet(QStringLiteral("run")))
        return p.usageError(QStringLiteral("--workspace and --run are required"));
    auto ws = store::Workspace::open(p.value(QStringLiteral("workspace")));
    if (!ws)
        return p.fail(ws.error());
    auto run = store::findRun((*ws)->db(), p.value(QStringLiteral("run")));
    if (!run)
        return p.fail(run.error());
    auto cfg = train::RunConfig::fromJson(run->config, QStringLiteral("run '%1'").arg(run->name));
    if (!cfg)
        return p.fail(cfg.error());
    if (p.isSet(QStringLiteral("split")))
        if (auto st = cfg->set(QStringLiteral("run.eval_split"), p.value(QStringLiteral("split"))); !st)
            return p.usageError(QStringLiteral("--split: %1").arg(st.error().message));
    if (p.isSet(QStringLiteral("views"))) {
        const QStringList tv = p.value(QStringLiteral("views")).split(QLatin1Char('x'));
        if (tv.size() != 2)
            return p.usageError(QStringLiteral("--views expects TxS, e.g. 4x3"));
        if (auto st = cfg->applyOverrides({QStringLiteral("data.eval_temporal_views=") + tv[0],
                                           QStringLiteral("data.eval_spatial_views=") + tv[1]});
            !st)
            return p.usageError(st.error().message);
    }
    auto data = train::loadDatasetView(**ws, *cfg);
    if (!data)
        return p.fail(data.error());
    const QString which = p.value(QStringLiteral("checkpoint"));
    QString path = which;
    if (which == QLatin1String("best") || which == QLatin1String("last")) {
        auto file = train::runCheckpointFile(**ws, *run, which == QLatin1String("best"));
        if (!file)
            return p.fail(file.error());
        path = *file;
    }
    model::AvtModel net(cfg->model());
    auto state = train::loadCheckpoint(path, *net, nullptr);
    if (!state)
        return p.fail(state.error());
    const at::Device device = torch::cuda::is_available() ? at::Device(at::kCUDA) : at::Device(at::kCPU);
    net->to(device);
    Progress progress(QStringLiteral("eval"), 0, Progress::Mode::Auto);
    auto r = train::evaluate(*net, data->eval, *cfg, device, [&](int d, int t) {
        progress.setTotal(t);
        progress.update(d);
    });
    progress.finish();
    if (!r)
        return p.fail(r.error());
    const QString split = cfg->text(QStringLiteral("run.eval_split"));
    QList<store::MetricRow> rows{{state->step, state->epoch, split, QStringLiteral("eval.top1"), r->top1, 0},
                                 {state->step, state->epoch, split, QStringLiteral("eval.top5"), r->top5, 0}};
    if (auto st = store::insertMetrics((*ws)->db(), run->id, rows); !st)
        return p.fail(QStringLiteral("cannot store the metrics: %1").arg(st.error().message));
    if (auto st = store::replacePredictions((*ws)->db(), run->id, r->predictions); !st)
        return p.fail(QStringLiteral("cannot store the predictions: %1").arg(st.error().message));
    printLine(QStringLiteral("%1 on %2 (%3, %4x%5 views): %6")
                  .arg(run->name, split, QFileInfo(path).fileName())
                  .arg(cfg->integer(QStringLiteral("data.eval_temporal_views")))
                  .arg(cfg->integer(QStringLiteral("data.eval_spatial_views")))
                  .arg(train::evalSummary(*r)));
    if (p.isSet(QStringLiteral("per-class"))) {
        for (int c = 0; c < r->classes; ++c) {
            QString row;
            for (int k = 0; k < r->classes; ++k)
                row += QStringLiteral("%1").arg(r->confusion[c * r->classes + k], 5);
            printLine(QStringLiteral("  %1 %2%  |%3")
                          .arg(data->classNames.value(c), -28)
                          .arg(r->perClass[c], 6, 'f', 1)
                          .arg(row));
        }
    }
    return ExitOk;
}

} // namespace avt::batch
