#include "core/train/runmodel.h"

#include "core/store/runstore.h"
#include "core/store/workspace.h"
#include "core/train/checkpoint.h"
#include "core/train/trainsetup.h"

#include <torch/torch.h>

#include <QFile>
#include <QFileInfo>

namespace avt::train {

namespace {

QString firstLine(const std::exception &e)
{
    return QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0);
}

Result<RunModel> build(RunConfig cfg, const QString &weights, const QString &run, const QStringList &overrides)
{
    if (auto st = cfg.applyOverrides(overrides); !st)
        return st.error();
    RunModel m;
    m.config = cfg;
    m.weights = QFileInfo(weights).absoluteFilePath();
    m.run = run;
    try {
        m.net = model::AvtModel(cfg.model());
    } catch (const std::exception &e) {
        return makeError(QStringLiteral("config"), QStringLiteral("model: %1").arg(firstLine(e)));
    }
    if (auto st = loadModelWeights(weights, *m.net); !st)
        return st.error();
    m.net->eval();
    return m;
}

} // namespace

Status loadModelWeights(const QString &path, torch::nn::Module &net)
{
    if (!QFileInfo::exists(path))
        return makeError(QStringLiteral("missing"), QStringLiteral("%1: no such weights file").arg(path));
    auto st = loadCheckpoint(path, net, nullptr);
    if (st)
        return Ok{};
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path.toStdString());
        net.load(archive);
        return Ok{};
    } catch (const std::exception &e) {
        return makeError(QStringLiteral("corrupt"), QStringLiteral("%1 holds neither a training checkpoint (%2) nor model weights (%3)")
                                                       .arg(path, st.error().message, firstLine(e)));
    }
}

Result<RunModel> loadRunModel(const QString &workspaceDir, const QString &run, const QStringList &overrides)
{
    auto ws = store::Workspace::open(workspaceDir);
    if (!ws)
        return ws.error();
    auto info = store::findRun((*ws)->db(), run);
    if (!info)
        return info.error();
    auto cfg = RunConfig::fromJson(info->config);
    if (!cfg)
        return makeError(cfg.error().code, QStringLiteral("run %1: stored config: %2").arg(run, cfg.error().message));
    const QString rel = info->bestCheckpoint.isEmpty() ? info->lastCheckpoint : info->bestCheckpoint;
    if (rel.isEmpty())
        return makeError(QStringLiteral("missing"), QStringLiteral("run %1 has no checkpoint yet (status %2)").arg(run, info->status));
    auto m = build(*cfg, (*ws)->absolutePath(rel), run, overrides);
    if (!m)
        return m;
    m->workspace = (*ws)->path();
    RunConfig probe = *cfg;
    if (auto view = loadDatasetView(**ws, probe); view && view->classNames.size() == m->net->config().head.classes)
        m->classNames = view->classNames;
    return m;
}

Result<RunModel> loadWeightsModel(const QString &weightsFile, const QString &preset, const QStringList &overrides)
{
    RunConfig cfg;
    if (auto st = cfg.set(QStringLiteral("model.preset"), preset); !st)
        return st.error();
    QFile side(weightsFile + QStringLiteral(".config.txt"));
    if (side.open(QIODevice::ReadOnly)) {
        std::string err;
        if (!model::ModelConfig::fromString(side.readAll().toStdString(), cfg.model(), &err))
            return makeError(QStringLiteral("config"), QStringLiteral("%1: %2").arg(side.fileName(), QString::fromStdString(err)));
    }
    return build(cfg, weightsFile, QString(), overrides);
}

} // namespace avt::train
