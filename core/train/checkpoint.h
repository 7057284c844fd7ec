#pragma once
// Training checkpoints: model, optimiser and trainer state (position, RNG, best metric) in
// one file, written atomically (temporary file, fsync, rename, fsync of the folder) so a
// crash or kill -9 at any moment leaves either the old or the new file, never half of one.
//
// Files live in <workspace>/runs/<run>/checkpoints/: step-<N>.pt (the last keepLast are kept)
// and best.pt (a copy of the one with the best evaluation metric).
#include "core/util/result.h"

#include <ATen/core/Tensor.h>
#include <QString>
#include <QStringList>

namespace torch::nn {
class Module;
}
namespace torch::optim {
class Optimizer;
}

namespace avt::train {

struct TrainerState {
    qint64 step = 0;        // optimiser steps done
    int epoch = 0;          // epoch to continue in
    int nextBatch = 0;      // batch of that epoch to continue with
    double bestMetric = -1; // best evaluation top-1 so far (-1: none)
    at::Tensor rngState;    // LibTorch's default CPU generator state (uint8)
    at::Tensor temperature; // learned AVC temperature (undefined when fixed)
};

// Writes model + optimiser + state to path atomically.
Status saveCheckpoint(const QString &path, torch::nn::Module &model, torch::optim::Optimizer *optimizer,
                      const TrainerState &state);
// Loads into model (and optimiser when given); the module structure must match, and a
// mismatch is reported with the first differing key.
Result<TrainerState> loadCheckpoint(const QString &path, torch::nn::Module &model, torch::optim::Optimizer *optimizer);

// Deletes step-*.pt files in folder beyond the newest keepLast.
void pruneCheckpoints(const QString &folder, int keepLast);
// step-*.pt files in folder, newest (highest step) first.
QStringList listCheckpoints(const QString &folder);

} // namespace avt::train
