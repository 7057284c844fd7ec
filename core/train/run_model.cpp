#include "core/train/run_model.h"

#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/checkpoint.h"
#include "core/train/train_setup.h"

#include <torch/torch.h>

#include <QFile>
#include <QFileInfo>

#include <set>

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

QString shapeText(const at::Tensor &t)
{
    QStringList dims;
    for (int64_t d : t.sizes())
        dims << QString::number(d);
    return QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']');
}

// Walks net's modules alongside the archive's nested archives (the layout torch::nn::Module::save
// writes). `present` is false below a submodule the file lacks.
void initFrom(torch::serialize::InputArchive &archive, bool present, torch::nn::Module &module,
              const std::string &prefix, InitReport &report)
{
    std::set<std::string> known;
    const auto take = [&](const std::string &key, at::Tensor &target, bool buffer) {
        known.insert(key);
        const QString name = QString::fromStdString(prefix + key);
        at::Tensor t; // a fresh tensor per read: try_read into a defined one re-points it
        if (!present || !archive.try_read(key, t, buffer) || !t.defined()) {
            report.kept << name;
            return;
        }
        if (t.sizes() != target.sizes()) {
            report.mismatched << QStringLiteral("%1: file %2 vs model %3").arg(name, shapeText(t), shapeText(target));
            return;
        }
        target.copy_(t.to(target.dtype()));
        ++report.loaded;
    };
    for (auto &p : module.named_parameters(/*recurse=*/false))
        take(p.key(), p.value(), false);
    for (auto &b : module.named_buffers(/*recurse=*/false))
        take(b.key(), b.value(), true);
    for (const auto &c : module.named_children()) {
        known.insert(c.key());
        torch::serialize::InputArchive sub;
        const bool has = present && archive.try_read(c.key(), sub);
        initFrom(sub, has, *c.value(), prefix + c.key() + ".", report);
    }
    if (present)
        for (const std::string &k : archive.keys())
            report.unused += known.count(k) ? 0 : 1;
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
    if (!QFileInfo::exists(path))
        return makeError(QStringLiteral("missing"), QStringLiteral("%1: no such weights file").arg(path));
    InitReport report;
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path.toStdString());
        torch::serialize::InputArchive model;
        const bool checkpoint = archive.try_read("model", model); // a training checkpoint
        torch::NoGradGuard noGrad;
        initFrom(checkpoint ? model : archive, true, net, "", report);
    } catch (const std::exception &e) {
        return makeError(QStringLiteral("corrupt"),
                         QStringLiteral("%1: cannot read weights (%2)").arg(path, firstLine(e)));
    }
    if (report.loaded == 0)
        return makeError(
            QStringLiteral("config"),
            QStringLiteral("%1: no tensor matches this model by name and shape (%2)").arg(path, report.summary()));
    return report;
}

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
        return makeError(QStringLiteral("corrupt"),
                         QStringLiteral("%1 holds neither a training checkpoint (%2) nor model weights (%3)")
                             .arg(path, st.error().message, firstLine(e)));
    }
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
    auto file = runCheckpointFile(**ws, *info);
    if (!file)
        return file.error();
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
