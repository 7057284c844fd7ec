// `train` and `eval` batch verbs.
#include "core/batch/progress.h"
#include "core/batch/verb.h"
#include "core/distributed/launcher.h"
#include "core/store/runstore.h"
#include "core/store/workspace.h"
#include "core/train/checkpoint.h"
#include "core/train/evaluator.h"
#include "core/train/trainer.h"
#include "core/train/trainsetup.h"
#include "model/avt/avt_model.h"

#include <torch/torch.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace avt::batch {

namespace {

void addConfigOptions(VerbParser &p)
{
    p.addOption({QStringLiteral("config"), QStringLiteral("Run config file (JSON or YAML)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("set"), QStringLiteral("Override one config key (repeatable), e.g. --set losses.avc=0.5."), QStringLiteral("KEY=VALUE")});
    p.addOption({QStringLiteral("preset"), QStringLiteral("Model preset (same as --set model.preset=NAME)."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("progress"), QStringLiteral("auto, bar, lines, json or none."), QStringLiteral("MODE"), QStringLiteral("auto")});
}

// Config from --config, --preset and --set, in that order.
Result<train::RunConfig> configFrom(const VerbParser &p)
{
    train::RunConfig cfg;
    if (p.isSet(QStringLiteral("config"))) {
        auto loaded = train::RunConfig::fromFile(p.value(QStringLiteral("config")));
        if (!loaded)
            return loaded.error();
        cfg = *loaded;
    }
    if (p.isSet(QStringLiteral("preset")))
        if (auto st = cfg.set(QStringLiteral("model.preset"), p.value(QStringLiteral("preset"))); !st)
            return st.error();
    if (auto st = cfg.applyOverrides(p.values(QStringLiteral("set"))); !st)
        return st.error();
    return cfg;
}

void printConfigKeys()
{
    printLine(QStringLiteral("Run config keys (--set KEY=VALUE; model.* and masking.detector.* keys as well):"));
    for (const train::ConfigKey &k : train::RunConfig::keys()) {
        QString range;
        if (k.type == train::ConfigKey::Type::Choice) range = k.choices.join(QLatin1Char('|'));
        else if (k.type == train::ConfigKey::Type::Int || k.type == train::ConfigKey::Type::Real)
            range = QStringLiteral("[%1, %2]").arg(k.min, 0, 'g', 10).arg(k.max, 0, 'g', 10);
        else if (k.type == train::ConfigKey::Type::Bool) range = QStringLiteral("true|false");
        printLine(QStringLiteral("  %1 = %2   %3 %4").arg(k.key, -28).arg(k.defaultValue, -10).arg(range, -24).arg(k.help));
    }
    for (const std::string &key : model::ModelConfig::keys())
        printLine(QStringLiteral("  model.%1").arg(QString::fromStdString(key)));
}

QString resultLine(const train::EvalResult &r)
{
    QString line = QStringLiteral("top-1 %1%  top-5 %2%  (%3 clips").arg(r.top1, 0, 'f', 2).arg(r.top5, 0, 'f', 2).arg(r.clips);
    if (r.failed)
        line += QStringLiteral(", %1 views failed to load").arg(r.failed);
    line += QLatin1Char(')');
    if (r.actionTop1 >= 0)
        line += QStringLiteral("  noun top-1 %1%  action top-1 %2%").arg(r.nounTop1, 0, 'f', 2).arg(r.actionTop1, 0, 'f', 2);
    return line;
}

} // namespace

int runTrain(const QStringList &args)
{
    const QString verb = QStringLiteral("train");
    VerbParser p(verb, QStringLiteral(
        "Train a model on a workspace dataset and record the run (config, metrics, checkpoints,\n"
        "predictions) in the workspace. --resume RUN continues a stopped or killed run exactly.\n"
        "--nproc-per-node N starts N ranks (Gloo on CPU, NCCL on CUDA); torchrun / Slurm variables\n"
        "are honoured, so `srun avt-workbench --batch train ...` runs on many machines.\n"
        "SIGTERM / Ctrl-C stop after a checkpoint. --help-config lists every config key."));
    p.addOption({{QStringLiteral("w"), QStringLiteral("workspace")}, QStringLiteral("Workspace folder."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("dataset"), QStringLiteral("Dataset name (same as --set run.dataset=NAME)."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("name"), QStringLiteral("Run name (same as --set run.name=NAME)."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("resume"), QStringLiteral("Continue this run from its newest checkpoint."), QStringLiteral("RUN")});
    p.addOption({QStringLiteral("nproc-per-node"), QStringLiteral("Ranks to start on this machine."), QStringLiteral("N"), QStringLiteral("1")});
    p.addOption({QStringLiteral("max-steps"), QStringLiteral("Stop (with a checkpoint) after this many optimiser steps."), QStringLiteral("N")});
    p.addOption({QStringLiteral("help-config"), QStringLiteral("List the run config keys and exit.")});
    addConfigOptions(p);
    p.setPositionalRange(0, 0);
    if (auto code = p.parse(args))
        return *code;
    if (p.isSet(QStringLiteral("help-config"))) {
        printConfigKeys();
        return ExitOk;
    }
    if (!p.isSet(QStringLiteral("workspace")))
        return p.usageError(QStringLiteral("--workspace is required"));
    Progress::Mode mode;
    if (!Progress::parseMode(p.value(QStringLiteral("progress")), &mode))
        return p.usageError(QStringLiteral("--progress must be auto, bar, lines, json or none"));
    const auto nproc = p.intValue(QStringLiteral("nproc-per-node"), 1, 1024);
    if (!nproc)
        return ExitUsage;
    auto cfg = configFrom(p);
    if (!cfg)
        return p.usageError(cfg.error().message);
    if (p.isSet(QStringLiteral("dataset")))
        cfg->set(QStringLiteral("run.dataset"), p.value(QStringLiteral("dataset")));
    if (p.isSet(QStringLiteral("name")))
        cfg->set(QStringLiteral("run.name"), p.value(QStringLiteral("name")));
    if (p.isSet(QStringLiteral("resume")) && p.isSet(QStringLiteral("dataset")))
        return p.usageError(QStringLiteral("--resume takes the dataset from the stored run; drop --dataset"));

    auto env = dist::readDistEnv();
    if (!env) {
        printError(verb, env.error().message);
        return ExitFailure;
    }
    if (*nproc > 1 && !env->distributed()) {
        // Become the launcher: the ranks get the same arguments with a fixed run name.
        QStringList childArgs{QStringLiteral("--batch"), verb};
        for (int i = 0; i < args.size(); ++i) {
            if (args[i] == QLatin1String("--nproc-per-node") || args[i] == QLatin1String("-nproc-per-node")) { ++i; continue; }
            if (args[i].startsWith(QLatin1String("--nproc-per-node="))) continue;
            childArgs.append(args[i]);
        }
        QString runName = p.isSet(QStringLiteral("resume")) ? p.value(QStringLiteral("resume")) : cfg->text(QStringLiteral("run.name"));
        if (runName.isEmpty()) {
            runName = QStringLiteral("%1-%2-%3").arg(cfg->preset(), QString::fromStdString(cfg->model().fusion.mode),
                                                   QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss")));
            childArgs << QStringLiteral("--name") << runName;
        }
        dist::LaunchOptions lo;
        lo.nproc = *nproc;
        lo.program = QCoreApplication::applicationFilePath();
        lo.arguments = childArgs;
        lo.logDir = QDir(p.value(QStringLiteral("workspace"))).filePath(QStringLiteral("runs/") + runName + QStringLiteral("/logs"));
        return dist::launchLocalRanks(lo);
    }

    train::installStopHandlers();
    train::TrainRequest req;
    req.workspace = p.value(QStringLiteral("workspace"));
    req.config = *cfg;
    req.overrides = p.values(QStringLiteral("set"));
    req.resumeRun = p.value(QStringLiteral("resume"));
    req.progress = env->rank == 0 ? mode : Progress::Mode::Quiet;
    req.env = *env;
    if (p.isSet(QStringLiteral("max-steps"))) {
        const auto steps = p.intValue(QStringLiteral("max-steps"), 1, 2000000000);
        if (!steps)
            return ExitUsage;
        req.maxSteps = *steps;
    }
    auto sum = train::runTraining(req);
    if (!sum) {
        printError(verb, sum.error().message);
        return ExitFailure;
    }
    if (env->rank == 0) {
        printLine(QStringLiteral("run %1: %2 after %3 steps, %4 epochs, %5 s (waiting for data %6 s = %7%)")
                      .arg(sum->run, sum->status).arg(sum->steps).arg(sum->epochs).arg(sum->trainSeconds, 0, 'f', 1)
                      .arg(sum->dataWaitSeconds, 0, 'f', 2).arg(sum->trainSeconds > 0 ? 100.0 * sum->dataWaitSeconds / sum->trainSeconds : 0.0, 0, 'f', 1));
        if (sum->evaluated)
            printLine(QStringLiteral("  last evaluation: %1").arg(resultLine(sum->lastEval)));
        if (sum->failedClips)
            printLine(QStringLiteral("  clips skipped because they failed to load: %1").arg(sum->failedClips));
        if (!sum->checkpoint.isEmpty())
            printLine(QStringLiteral("  checkpoint: %1").arg(sum->checkpoint));
        if (!sum->message.isEmpty())
            printError(verb, sum->message);
    }
    return sum->status == QLatin1String("failed") ? ExitFailure : ExitOk;
}

int runEval(const QStringList &args)
{
    const QString verb = QStringLiteral("eval");
    VerbParser p(verb, QStringLiteral(
        "Evaluate a run's checkpoint with multi-view testing (temporal windows x spatial crops,\n"
        "averaged): top-1, top-5, per-class accuracy, confusion matrix; verb / noun / action for\n"
        "EPIC-KITCHENS. Stores the metrics and per-clip predictions with the run."));
    p.addOption({{QStringLiteral("w"), QStringLiteral("workspace")}, QStringLiteral("Workspace folder."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("run"), QStringLiteral("Run to evaluate."), QStringLiteral("RUN")});
    p.addOption({QStringLiteral("checkpoint"), QStringLiteral("best, last or a file."), QStringLiteral("WHICH"), QStringLiteral("best")});
    p.addOption({QStringLiteral("split"), QStringLiteral("Split to evaluate (default: the run's eval split)."), QStringLiteral("SPLIT")});
    p.addOption({QStringLiteral("views"), QStringLiteral("Temporal x spatial views, e.g. 4x3."), QStringLiteral("TxS")});
    p.addOption({QStringLiteral("per-class"), QStringLiteral("Print per-class accuracy and the confusion matrix.")});
    p.setPositionalRange(0, 0);
    if (auto code = p.parse(args))
        return *code;
    if (!p.isSet(QStringLiteral("workspace")) || !p.isSet(QStringLiteral("run")))
        return p.usageError(QStringLiteral("--workspace and --run are required"));
    auto ws = store::Workspace::open(p.value(QStringLiteral("workspace")));
    if (!ws) { printError(verb, ws.error().message); return ExitFailure; }
    auto run = store::findRun((*ws)->db(), p.value(QStringLiteral("run")));
    if (!run) { printError(verb, run.error().message); return ExitFailure; }
    auto cfg = train::RunConfig::fromJson(run->config, QStringLiteral("run '%1'").arg(run->name));
    if (!cfg) { printError(verb, cfg.error().message); return ExitFailure; }
    if (p.isSet(QStringLiteral("split")))
        cfg->set(QStringLiteral("run.eval_split"), p.value(QStringLiteral("split")));
    if (p.isSet(QStringLiteral("views"))) {
        const QStringList tv = p.value(QStringLiteral("views")).split(QLatin1Char('x'));
        if (tv.size() != 2)
            return p.usageError(QStringLiteral("--views expects TxS, e.g. 4x3"));
        if (auto st = cfg->applyOverrides({QStringLiteral("data.eval_temporal_views=") + tv[0], QStringLiteral("data.eval_spatial_views=") + tv[1]}); !st)
            return p.usageError(st.error().message);
    }
    auto data = train::loadDatasetView(**ws, *cfg);
    if (!data) { printError(verb, data.error().message); return ExitFailure; }
    const QString which = p.value(QStringLiteral("checkpoint"));
    QString path = which == QLatin1String("best") ? (*ws)->absolutePath(run->bestCheckpoint)
                 : which == QLatin1String("last") ? (*ws)->absolutePath(run->lastCheckpoint) : which;
    if (which == QLatin1String("best") && run->bestCheckpoint.isEmpty())
        path = (*ws)->absolutePath(run->lastCheckpoint);
    model::AvtModel net(cfg->model());
    auto state = train::loadCheckpoint(path, *net, nullptr);
    if (!state) { printError(verb, state.error().message); return ExitFailure; }
    const at::Device device = torch::cuda::is_available() ? at::Device(at::kCUDA) : at::Device(at::kCPU);
    net->to(device);
    Progress progress(QStringLiteral("eval"), 0, Progress::Mode::Auto);
    auto r = train::evaluate(*net, data->eval, *cfg, device, [&](int d, int t) { progress.setTotal(t); progress.update(d); });
    progress.finish();
    if (!r) { printError(verb, r.error().message); return ExitFailure; }
    const QString split = cfg->text(QStringLiteral("run.eval_split"));
    QList<store::MetricRow> rows{{state->step, state->epoch, split, QStringLiteral("eval.top1"), r->top1, 0},
                                 {state->step, state->epoch, split, QStringLiteral("eval.top5"), r->top5, 0}};
    (void)store::insertMetrics((*ws)->db(), run->id, rows);
    (void)store::replacePredictions((*ws)->db(), run->id, r->predictions);
    printLine(QStringLiteral("%1 on %2 (%3, %4x%5 views): %6").arg(run->name, split, QFileInfo(path).fileName())
                  .arg(cfg->integer(QStringLiteral("data.eval_temporal_views"))).arg(cfg->integer(QStringLiteral("data.eval_spatial_views")))
                  .arg(resultLine(*r)));
    if (p.isSet(QStringLiteral("per-class"))) {
        for (int c = 0; c < r->classes; ++c) {
            QString row;
            for (int k = 0; k < r->classes; ++k)
                row += QStringLiteral("%1").arg(r->confusion[c * r->classes + k], 5);
            printLine(QStringLiteral("  %1 %2%  |%3").arg(data->classNames.value(c), -28).arg(r->perClass[c], 6, 'f', 1).arg(row));
        }
    }
    return ExitOk;
}

} // namespace avt::batch
