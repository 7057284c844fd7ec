#include "core/train/run_model.h"

#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/checkpoint.h"
#include "core/train/train_setup.h"

#include "model/io/checkpoint_reader.h"
#include "model/io/module_state.h"

#include <torch/torch.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace avt::train {

namespace {

QString firstLine(const std::exception &e) { return QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0); }

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

// The state dict of a weights file: a training checkpoint, an import-weights output or any
// torch.save state dict (read by the strict reader: nothing in the file is run).
Result<model::Checkpoint> readWeights(const QString &path)
{
    if (!QFileInfo::exists(path))
        return makeError(QStringLiteral("missing"), QStringLiteral("%1: no such weights file").arg(path));
    model::Checkpoint ckpt;
    std::string error;
    if (!model::readCheckpoint(QFile::encodeName(path).toStdString(), ckpt, &error))
        return makeError(QStringLiteral("corrupt"),
                         QStringLiteral("cannot read weights: %1").arg(QString::fromStdString(error)));
    return ckpt;
}

QStringList toQStrings(const std::vector<std::string> &v)
{
    QStringList out;
    for (const std::string &s : v)
        out << QString::fromStdString(s);
    return out;
}

} // namespace

QString InitReport::summary() const
{
    QString s = QStringLiteral("%1 tensors loaded, %2 kept at their initialisation")
                    .arg(loaded)
                    .arg(kept.size() + mismatched.size());
    if (!mismatched.isEmpty())
        s += QStringLiteral(" (%1 of them for a shape mismatch, e.g. %2)")
                 .arg(mismatched.size())
                 .arg(mismatched.first());
    if (unused > 0)
        s += QStringLiteral(", %1 entries of the file unused").arg(unused);
    return s;
}

Result<InitReport> initModelWeights(const QString &path, torch::nn::Module &net)
{
    auto ckpt = readWeights(path);
    if (!ckpt)
        return ckpt.error();
    const model::StateMatch m = model::loadModuleState(net, ckpt->tensors, /*strict=*/false);
    InitReport report;
    report.loaded = m.loaded;
    report.kept = toQStrings(m.kept);
    report.mismatched = toQStrings(m.mismatched);
    report.unused = int(m.unused.size());
    if (report.loaded == 0)
        return makeError(
            QStringLiteral("config"),
            QStringLiteral("%1: no tensor matches this model by name and shape (%2)").arg(path, report.summary()));
    return report;
}

Status loadModelWeights(const QString &path, torch::nn::Module &net)
{
    auto ckpt = readWeights(path);
    if (!ckpt)
        return ckpt.error();
    try {
        model::loadModuleState(net, ckpt->tensors, /*strict=*/true);
    } catch (const std::exception &e) {
        return makeError(QStringLiteral("config"),
                         QStringLiteral("%1 does not fit this model: %2").arg(path, firstLine(e)));
    }
    return Ok{};
}

Result<QString> runCheckpointFile(const store::Workspace &workspace, const store::RunInfo &run, bool best)
{
    const QString rel = best && !run.bestCheckpoint.isEmpty() ? run.bestCheckpoint : run.lastCheckpoint;
    if (rel.isEmpty())
        return makeError(QStringLiteral("missing"),
                         QStringLiteral("run %1 has no checkpoint yet (status %2)").arg(run.name, run.status));
    auto file = workspace.absolutePath(rel);
    if (!file)
        return makeError(file.error().code, QStringLiteral("run %1: %2").arg(run.name, file.error().message));
    return file;
}

QList<RunCheckpoint> runCheckpoints(const store::Workspace &workspace, const store::RunInfo &run)
{
    QList<RunCheckpoint> out;
    QString dir;
    for (const QString &rel : {run.lastCheckpoint, run.bestCheckpoint})
        if (!rel.isEmpty())
            if (auto file = workspace.absolutePath(rel); file)
                dir = QFileInfo(*file).absolutePath();
    if (dir.isEmpty())
        return out;
    const QRegularExpression stepName(QStringLiteral("^step-(\\d+)\\.pt$"));
    QDir d(dir);
    const QStringList names = d.entryList({QStringLiteral("step-*.pt")}, QDir::Files, QDir::Name | QDir::Reversed);
    for (const QString &name : names) {
        const auto m = stepName.match(name);
        if (!m.hasMatch())
            continue;
        const qint64 step = m.captured(1).toLongLong();
        out.append({QStringLiteral("step %1").arg(step), d.absoluteFilePath(name), step, false});
    }
    if (!run.bestCheckpoint.isEmpty())
        if (auto best = workspace.absolutePath(run.bestCheckpoint); best && QFileInfo::exists(*best))
            out.prepend({QStringLiteral("best"), *best, -1, true});
    return out;
}

Result<RunModel> loadRunModel(const QString &workspaceDir, const QString &run, const QStringList &overrides,
                              const QString &checkpointFile)
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
    auto file = runCheckpointFile(**ws, *info);
    if (!file)
        return file.error();
    if (!checkpointFile.isEmpty()) {
        const QString wanted = QFileInfo(checkpointFile).absoluteFilePath();
        bool known = false;
        for (const RunCheckpoint &c : runCheckpoints(**ws, *info))
            known = known || c.file == wanted;
        if (!known)
            return makeError(QStringLiteral("missing"),
                             QStringLiteral("run %1 has no checkpoint %2").arg(run, checkpointFile));
        *file = wanted;
    }
    auto m = build(*cfg, *file, run, overrides);
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
            return makeError(QStringLiteral("config"),
                             QStringLiteral("%1: %2").arg(side.fileName(), QString::fromStdString(err)));
    }
    return build(cfg, weightsFile, QString(), overrides);
}

} // namespace avt::train
