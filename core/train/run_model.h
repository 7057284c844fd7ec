#pragma once
// A trained (or imported) model ready for inference, from a workspace run or a weights file:
// the resolved run config (model + data keys), the model in eval mode with its weights, and
// where the weights came from. Used by the embed, gradcam and segments verbs.
//
//   auto m = avt::train::loadRunModel(workspaceDir, QStringLiteral("t4-full"));
//   if (!m) return fail(m.error());            // messages name the run / file and the problem
//   auto out = m->net->forward(inputs);
//
// Run: the best checkpoint when there is one, else the newest. Weights file: a training
// checkpoint or an import-weights output; the model config comes from FILE.config.txt when it
// exists, else from the preset. Overrides (`KEY=VALUE`, RunConfig keys) apply on top.
// Thread-safety: the functions are reentrant; the model is not thread-safe (one forward at a time).
#include "core/train/run_config.h"
#include "core/util/result.h"
#include "model/avt/avt_model.h"

#include <QString>
#include <QStringList>

namespace avt::store {
class Workspace;
struct RunInfo;
} // namespace avt::store

namespace avt::train {

struct RunModel {
    RunConfig config;
    model::AvtModel net{nullptr};
    QString weights;        // absolute path of the weights file
    QString run;            // run name (empty for a weights file)
    QString workspace;      // workspace folder (empty for a weights file)
    QStringList classNames; // main head's class names when the run's dataset is still there
};

// checkpointFile: a file of the run's checkpoint folder (runCheckpoints) instead of the best one.
Result<RunModel> loadRunModel(const QString &workspaceDir, const QString &run, const QStringList &overrides = {},
                              const QString &checkpointFile = QString());
// A run's checkpoints: best (when recorded), then the step-N files, newest first. Labels read
// "best", "step 120". Empty when the run has none.
struct RunCheckpoint {
    QString label;
    QString file; // absolute
    qint64 step = -1;
    bool best = false;
};
QList<RunCheckpoint> runCheckpoints(const store::Workspace &workspace, const store::RunInfo &run);
// The file of a run's best checkpoint (its last one while there is no best), or with best =
// false its last one; an error when it has none yet or the stored path leaves the workspace.
Result<QString> runCheckpointFile(const store::Workspace &workspace, const store::RunInfo &run, bool best = true);
Result<RunModel> loadWeightsModel(const QString &weightsFile, const QString &preset, const QStringList &overrides = {});

// Loads the weights of a training checkpoint, an import-weights output or a torch.save state dict
// into net; every tensor of net must be there with its shape, and the file must hold no other.
// Files are read by the strict reader of model/io (a TorchScript archive is refused).
Status loadModelWeights(const QString &path, torch::nn::Module &net);

// Starting weights for a new run (run.init): every tensor of net whose name and shape match one
// in the file (a training checkpoint or an import-weights output) is copied; the others keep
// their initialisation. So a fused model can start from a video-only run's encoder, as the
// paper's models start from pretrained AST and UniFormer. Error when the file cannot be read or
// nothing matches.
struct InitReport {
    int loaded = 0;
    QStringList kept;       // tensors of net not in the file (left as initialised)
    QStringList mismatched; // "name: file [..] vs model [..]" (left as initialised)
    int unused = 0;         // tensors of the file that net does not have
    QString summary() const;
};
Result<InitReport> initModelWeights(const QString &path, torch::nn::Module &net);

} // namespace avt::train
