#pragma once
// What the workbench launches: one training run as the `train` verb's arguments, the
// environment it gets (CUDA_VISIBLE_DEVICES), the shell command a user can copy, and the
// scripts for clusters (a Slurm batch script, a torchrun command), all made from one spec so
// that the GUI, the copied command and the cluster run the same thing.
//
//   LaunchSpec s;
//   s.workspace = "/data/ws"; s.dataset = "drumart10"; s.name = "tiny-avc";
//   s.overrides = {"model.preset=avt-tiny", "losses.avc=0.5"};
//   s.gpus = {0, 1}; s.nproc = 2;
//   QStringList args = trainArguments(s);        // after "--batch": train --workspace ...
//   QString cmd = shellCommand("avt-workbench", s); // CUDA_VISIBLE_DEVICES=0,1 avt-workbench --batch train ...
//   QString script = slurmScript(s, SlurmOptions{});
//
// Quoting: shellQuote() leaves words of safe characters bare and single-quotes the rest, so a
// value with spaces or quotes survives a copy into bash.
#include "core/util/result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace avt::launch {

struct LaunchSpec {
    QString workspace;
    QString name;           // run name (a new run), or the run to resume
    QString dataset;        // --dataset (empty: from the config)
    QString configFile;     // --config (empty: none)
    QStringList overrides;  // "key=value", applied in order (--set)
    bool resume = false;    // --resume name instead of a new run (overrides: only those resume allows)
    int nproc = 1;          // ranks on this machine (--nproc-per-node when > 1)
    QList<int> gpus;        // CUDA devices of this machine for the run; empty: CPU / none asked
    bool shareGpus = false; // may run on GPUs another queued run holds
    qint64 maxSteps = 0;    // --max-steps (0: none)
    int masterPort = 0;     // --master-port for multi-rank runs (0: the launcher picks one)

    QJsonObject toJson() const;
    static Result<LaunchSpec> fromJson(const QJsonObject &o);
    bool operator==(const LaunchSpec &) const = default;
};

// The `train` verb's arguments (what follows "--batch"), ending with "--progress json".
QStringList trainArguments(const LaunchSpec &spec);
// The `prepare` verb's arguments for the run's config (workspace, dataset, config file, --set
// lines; not its name, ranks or steps), ending with "--progress json": the clip cache the run
// would read.
QStringList prepareArguments(const LaunchSpec &spec);
// Variables the run's process gets on top of the workbench's environment:
// CUDA_VISIBLE_DEVICES when GPUs are chosen.
QMap<QString, QString> launchEnvironment(const LaunchSpec &spec);
// "avt-workbench" (program) with the arguments, quoted for bash, environment first.
QString shellCommand(const QString &program, const LaunchSpec &spec);
QString shellQuote(const QString &word);

struct SlurmOptions {
    QString jobName;                                   // default: the run name
    int nodes = 1;                                     // #SBATCH --nodes
    int tasksPerNode = 1;                              // #SBATCH --ntasks-per-node (one rank per task)
    int gpusPerTask = 1;                               // #SBATCH --gpus-per-task (0: CPU ranks)
    int cpusPerTask = 8;                               // #SBATCH --cpus-per-task
    QString time = QStringLiteral("24:00:00");         // #SBATCH --time
    QString partition;                                 // #SBATCH --partition (empty: the cluster's default)
    QString account;                                   // #SBATCH --account (empty: none)
    QString program = QStringLiteral("avt-workbench"); // the workbench on the cluster's PATH
    QString workspace;                                 // the workspace on the cluster (default: the spec's)
    int masterPort = 29500;
};
// A Slurm batch script: #SBATCH lines, MASTER_ADDR / MASTER_PORT from the first node, then
// `srun avt-workbench --batch train ...` (each task is a rank; the engine reads SLURM_PROCID,
// SLURM_NTASKS and SLURM_LOCALID). GPUs come from Slurm, so the spec's gpus / nproc are not used.
QString slurmScript(const LaunchSpec &spec, const SlurmOptions &options);
// A torchrun command for other launchers: torchrun --nnodes N --nproc-per-node P
// --rdzv-backend c10d --rdzv-endpoint HOST:PORT --no-python avt-workbench --batch train ...
QString torchrunCommand(const LaunchSpec &spec, const SlurmOptions &options, const QString &endpointHost);

// Where a launched run's output goes: <workspace>/runs/<name>/logs/launch.jsonl (stdout: the
// JSON progress lines) and launch.log (stderr).
QString launchOutputFile(const QString &workspace, const QString &run);
QString launchErrorFile(const QString &workspace, const QString &run);

} // namespace avt::launch
