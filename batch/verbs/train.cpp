// `train`: trains and records a run (one rank, or the launcher of N ranks).
#include "batch/verb_parser.h"
#include "core/compare/run_records.h"
#include "core/distributed/launcher.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/checkpoint.h"
#include "core/train/evaluator.h"
#include "core/train/train_setup.h"
#include "core/train/trainer.h"
#include "core/util/progress.h"
#include "model/avt/avt_model.h"

#include <torch/torch.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace avt::batch {

namespace {

void printConfigKeys()
{
    printLine(QStringLiteral("Run config keys (--set KEY=VALUE; model.* and masking.detector.* keys as well):"));
    for (const train::ConfigKey &k : train::RunConfig::keys()) {
        QString range;
        if (k.type == train::ConfigKey::Type::Choice)
            range = k.choices.join(QLatin1Char('|'));
        else if (k.type == train::ConfigKey::Type::Int || k.type == train::ConfigKey::Type::Real)
            range = QStringLiteral("[%1, %2]").arg(k.min, 0, 'g', 10).arg(k.max, 0, 'g', 10);
        else if (k.type == train::ConfigKey::Type::Bool)
            range = QStringLiteral("true|false");
        printLine(
            QStringLiteral("  %1 = %2   %3 %4").arg(k.key, -28).arg(k.defaultValue, -10).arg(range, -24).arg(k.help));
    }
    for (const std::string &key : model::ModelConfig::keys())
        printLine(QStringLiteral("  model.%1").arg(QString::fromStdString(key)));
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
    p.addWorkspaceOption();
    p.addOption({QStringLiteral("dataset"), QStringLiteral("Dataset name (same as --set run.dataset=NAME)."),
                 QStringLiteral("NAME")});
    p.addOption(
        {QStringLiteral("name"), QStringLiteral("Run name (same as --set run.name=NAME)."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("resume"), QStringLiteral("Continue this run from its newest checkpoint."),
                 QStringLiteral("RUN")});
    p.addOption({QStringLiteral("nproc-per-node"), QStringLiteral("Ranks to start on this machine."),
                 QStringLiteral("N"), QStringLiteral("1")});
    p.addOption({QStringLiteral("master-port"),
                 QStringLiteral("TCP port of rank 0 for --nproc-per-node (default: a free one)."),
                 QStringLiteral("PORT")});
    p.addOption({QStringLiteral("max-steps"),
                 QStringLiteral("Stop (with a checkpoint) after this many optimiser steps."), QStringLiteral("N")});
    p.addOption({QStringLiteral("help-config"), QStringLiteral("List the run config keys and exit.")});
    p.addRunConfigOptions();
    p.addProgressOption();
    p.setPositionalRange(0, 0);
    if (auto code = p.parse(args))
        return *code;
    if (p.isSet(QStringLiteral("help-config"))) {
        printConfigKeys();
        return ExitOk;
    }
    if (!p.isSet(QStringLiteral("workspace")))
        return p.usageError(QStringLiteral("--workspace is required"));
    const auto progressMode = p.progressMode();
    if (!progressMode)
        return ExitUsage;
    const Progress::Mode mode = *progressMode;
    const auto nproc = p.intValue(QStringLiteral("nproc-per-node"), 1, 1024);
    if (!nproc)
        return ExitUsage;
    std::optional<int> masterPort = 0;
    if (p.isSet(QStringLiteral("master-port")))
        if (masterPort = p.intValue(QStringLiteral("master-port"), 1, 65535); !masterPort)
            return ExitUsage;
    auto cfg = p.runConfig();
    if (!cfg)
        return p.usageError(cfg.error().message);
    for (const char *option : {"dataset", "name"}) {
        const QString name = QString::fromLatin1(option);
        if (p.isSet(name))
            if (auto st = cfg->set(QStringLiteral("run.") + name, p.value(name)); !st)
                return p.usageError(st.error().message);
    }
    if (p.isSet(QStringLiteral("resume")))
        if (auto st = train::checkRunName(p.value(QStringLiteral("resume"))); !st)
            return p.usageError(QStringLiteral("--resume: ") + st.error().message);
    if (p.isSet(QStringLiteral("resume")) && p.isSet(QStringLiteral("dataset")))
        return p.usageError(QStringLiteral("--resume takes the dataset from the stored run; drop --dataset"));

    auto env = dist::readDistEnv();
    if (!env)
        return p.fail(env.error());
    if (*nproc > 1 && !env->distributed()) {
        // Become the launcher: the ranks get the same arguments with a fixed run name.
        QStringList childArgs{QStringLiteral("--batch"), verb};
        for (int i = 0; i < args.size(); ++i) {
            if (args[i] == QLatin1String("--nproc-per-node") || args[i] == QLatin1String("-nproc-per-node")) {
                ++i;
                continue;
            }
            if (args[i] == QLatin1String("--master-port") || args[i] == QLatin1String("-master-port")) {
                ++i;
                continue;
            }
            if (args[i].startsWith(QLatin1String("--nproc-per-node="))
                || args[i].startsWith(QLatin1String("--master-port=")))
                continue;
            childArgs.append(args[i]);
        }
        QString runName = p.isSet(QStringLiteral("resume")) ? p.value(QStringLiteral("resume"))
                                                            : cfg->text(QStringLiteral("run.name"));
        if (runName.isEmpty()) {
            runName = QStringLiteral("%1-%2-%3")
                          .arg(cfg->preset(), QString::fromStdString(cfg->model().fusion.mode),
                               QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss")));
            childArgs << QStringLiteral("--name") << runName;
        }
        dist::LaunchOptions lo;
        lo.nproc = *nproc;
        lo.port = *masterPort;
        lo.program = QCoreApplication::applicationFilePath();
        lo.arguments = childArgs;
        lo.logDir = QDir(p.value(QStringLiteral("workspace")))
                        .filePath(QStringLiteral("runs/") + runName + QStringLiteral("/logs"));
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
    if (!sum)
        return p.fail(sum.error());
    if (env->rank == 0) {
        // The run's curves packed for the comparison view (best effort; see packCurves).
        if (auto ws = store::Workspace::open(req.workspace); ws)
            if (auto run = store::findRun((*ws)->db(), sum->run); run)
                (void)compare::packCurves((*ws)->db(), run->id);
        printLine(QStringLiteral("run %1: %2 after %3 steps, %4 epochs, %5 s (waiting for data %6 s = %7%)")
                      .arg(sum->run, sum->status)
                      .arg(sum->steps)
                      .arg(sum->epochs)
                      .arg(sum->trainSeconds, 0, 'f', 1)
                      .arg(sum->dataWaitSeconds, 0, 'f', 2)
                      .arg(sum->trainSeconds > 0 ? 100.0 * sum->dataWaitSeconds / sum->trainSeconds : 0.0, 0, 'f', 1));
        if (sum->evaluated)
            printLine(QStringLiteral("  last evaluation: %1").arg(train::evalSummary(sum->lastEval)));
        if (sum->failedClips)
            printLine(QStringLiteral("  clips skipped because they failed to load: %1").arg(sum->failedClips));
        if (!sum->checkpoint.isEmpty())
            printLine(QStringLiteral("  checkpoint: %1").arg(sum->checkpoint));
        if (!sum->message.isEmpty())
            printError(verb, sum->message);
    }
    return sum->status == QLatin1String("failed") ? ExitFailure : ExitOk;
}

} // namespace avt::batch
