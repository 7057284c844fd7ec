#pragma once
// The weights a run ended with, for tests that compare runs through the binary (resume,
// ranks, prepared caches): the parameters of the run's newest checkpoint, and the largest
// element-wise difference between two such sets.
// Include LibTorch before Qt (and build with QT_NO_KEYWORDS).
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/checkpoint.h"
#include "core/train/run_config.h"
#include "model/avt/avt_model.h"

#include <torch/torch.h>

#include <QDir>
#include <QString>

#include <algorithm>
#include <map>
#include <string>

namespace avt::test {

// Parameters of the newest checkpoint of run `runName` in the workspace; empty when the run or
// its checkpoint cannot be read.
inline std::map<std::string, at::Tensor> finalWeights(const QString &workspace, const QString &runName)
{
    auto ws = store::Workspace::open(workspace);
    if (!ws)
        return {};
    auto info = store::findRun((*ws)->db(), runName);
    if (!info)
        return {};
    auto cfg = train::RunConfig::fromJson(info->config);
    if (!cfg)
        return {};
    model::AvtModel net(cfg->model());
    const QStringList cps = train::listCheckpoints(
        (*ws)->dir().filePath(QStringLiteral("runs/") + runName + QStringLiteral("/checkpoints")));
    if (cps.isEmpty() || !train::loadCheckpoint(cps.first(), *net, nullptr).ok())
        return {};
    std::map<std::string, at::Tensor> out;
    for (const auto &p : net->named_parameters())
        out[p.key()] = p.value().detach().clone();
    return out;
}

// Largest absolute difference over all parameters; 1e9 when the sets differ in names or one is
// empty.
inline double maxDifference(const std::map<std::string, at::Tensor> &a, const std::map<std::string, at::Tensor> &b)
{
    if (a.empty() || a.size() != b.size())
        return 1e9;
    double worst = 0;
    for (const auto &[k, t] : a) {
        const auto it = b.find(k);
        if (it == b.end() || it->second.sizes() != t.sizes())
            return 1e9;
        worst = std::max(worst, (t - it->second).abs().max().item<double>());
    }
    return worst;
}

} // namespace avt::test
