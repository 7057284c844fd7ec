#pragma once
// The training loop of a run, on one rank of a data-parallel job (or alone):
//   dataset view -> model (seeded) -> AdamW with warmup + cosine, gradient clipping and
//   accumulation -> per step: forward, eq. 8 losses, backward, gradient averaging across
//   ranks, optimiser step; metrics (every loss term separately, lr, data wait) into the run
//   store; checkpoints every run.checkpoint_every steps and at epoch ends (last run.keep_last
//   kept, plus best.pt by evaluation top-1); evaluation after every epoch.
// Exactness: with the same config and thread count, a run resumed from any checkpoint ends
// with the same weights as an uninterrupted one (the loader is deterministic per (seed, epoch,
// sample), AVM sampling uses a generator seeded per step, LibTorch's RNG state is saved).
// Stops: SIGTERM / SIGINT stop after the current step with a checkpoint (status "stopped");
// a non-finite loss stops with status "failed", keeping the last good checkpoint; clips that
// fail to decode are skipped and counted.
// Rank 0 writes the store and checkpoints and prints progress; other ranks only compute.
#include "core/distributed/dist_env.h"
#include "core/train/evaluator.h"
#include "core/train/run_config.h"
#include "core/util/progress.h"
#include "core/util/result.h"

#include <QString>

namespace avt::train {

struct TrainRequest {
    QString workspace;
    RunConfig config;      // resolved (file + overrides); ignored on resume except optim.epochs
    QStringList overrides; // the --set list, re-applied on resume (only optim.epochs and run.* I/O keys)
    QString resumeRun;     // non-empty: continue this run from its newest checkpoint
    Progress::Mode progress = Progress::Mode::Auto;
    dist::DistEnv env;
    qint64 maxSteps = -1; // stop (as if signalled) after this many optimiser steps in total
};

struct TrainSummary {
    QString run;
    QString status; // "finished", "stopped", "failed"
    QString message;
    qint64 steps = 0;
    int epochs = 0;
    double lastLoss = 0;
    EvalResult lastEval;
    bool evaluated = false;
    double trainSeconds = 0;    // wall time in the training loop
    double dataWaitSeconds = 0; // of which blocked waiting for data
    int failedClips = 0;
    qint64 preparedHits = 0;   // training windows read from a prepared clip cache (this rank)
    qint64 preparedMisses = 0; // windows it did not hold (decoded)
    QString checkpoint; // last checkpoint written
};

Result<TrainSummary> runTraining(const TrainRequest &request);

// Installs SIGTERM / SIGINT handlers that ask the running training to stop gracefully.
void installStopHandlers();
// True once SIGTERM / SIGINT arrived (after installStopHandlers()).
bool stopRequested();

} // namespace avt::train
