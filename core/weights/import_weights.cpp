#include "core/weights/import_weights.h"

#include "model/audio/ast.h"
#include "model/avt/avt_model.h"
#include "model/config/model_config.h"
#include "model/io/checkpoint_reader.h"
#include "model/io/module_state.h"
#include "model/io/torch_writer.h"
#include "model/io/weight_import.h"
#include "model/video/uniformer.h"

#include <QFile>

#include <torch/torch.h>

#include <fstream>

namespace avt::weights {
namespace {

using model::WeightFamily;

std::string fsPath(const QString &path) { return QFile::encodeName(path).toStdString(); }

Error failure(const QString &code, const std::string &message)
{
    return makeError(code, QString::fromStdString(message));
}

Result<model::ModelConfig> buildConfig(const ImportWeightsRequest &r)
{
    auto cfg = model::ModelConfig::preset(r.preset.toStdString());
    if (!cfg)
        return makeError(
            QStringLiteral("usage"),
            QStringLiteral("unknown preset '%1' (known: avt-base, avt-small, avt-tiny, mbt-base)").arg(r.preset));
    for (const QString &kv : r.overrides) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        std::string err;
        if (eq <= 0)
            return makeError(QStringLiteral("usage"), QStringLiteral("--set '%1': expected key=value").arg(kv));
        if (!cfg->set(kv.left(eq).toStdString(), kv.mid(eq + 1).toStdString(), &err))
            return failure(QStringLiteral("usage"), "--set " + err);
    }
    if (const std::string why = cfg->validate(); !why.empty())
        return failure(QStringLiteral("usage"), "config: " + why);
    if (r.kind != ImportKind::Ast && cfg->video.encoder != "uniformer")
        return makeError(QStringLiteral("usage"), QStringLiteral("UniFormer weights need video.encoder=uniformer"));
    return *cfg;
}

// Builds the module for the kind; returns it with the AST grid the importer needs.
std::shared_ptr<torch::nn::Module> buildModel(ImportKind kind, const model::ModelConfig &cfg)
{
    switch (kind) {
    case ImportKind::Ast: return model::AstEncoder(cfg.audio, cfg.head.classes).ptr();
    case ImportKind::Uniformer: return model::Uniformer(cfg.video, cfg.head.classes).ptr();
    case ImportKind::Avt: break;
    }
    return model::AvtModel(cfg).ptr();
}

// Imports one file into the model; appends the report lines.
Status importFile(torch::nn::Module &net, ImportKind kind, const model::ModelConfig &cfg, const QString &file,
                  ImportWeightsSummary &summary)
{
    model::Checkpoint ckpt;
    std::string err;
    if (!model::readCheckpoint(fsPath(file), ckpt, &err))
        return failure(QStringLiteral("corrupt"), err);
    model::ImportOptions opt;
    opt.astGrid = {cfg.audio.freqPatches(), cfg.audio.timePatches()};
    opt.family = kind == ImportKind::Ast         ? WeightFamily::Ast
                 : kind == ImportKind::Uniformer ? WeightFamily::Uniformer
                                                 : model::detectWeightFamily(ckpt);
    if (kind == ImportKind::Avt) {
        if (opt.family == WeightFamily::Auto)
            return failure(QStringLiteral("unsupported"), fsPath(file) + ": neither an AST nor a UniFormer checkpoint");
        opt.targetPrefix = opt.family == WeightFamily::Ast ? "audio." : "video.";
    }
    const model::ImportReport report = model::importWeights(net, ckpt, opt);
    summary.lines.push_back(fsPath(file) + (ckpt.wrapper.empty() ? "" : " (under '" + ckpt.wrapper + "')") + " -> "
                            + (opt.targetPrefix.empty() ? std::string("model") : opt.targetPrefix + "*"));
    for (const std::string &line : report.lines())
        summary.lines.push_back("  " + line);
    summary.missing += int(report.missing.size());
    summary.unexpected += int(report.unexpected.size());
    return Ok{};
}

} // namespace

bool parseImportKind(const QString &name, ImportKind &out)
{
    if (name == QLatin1String("ast"))
        out = ImportKind::Ast;
    else if (name == QLatin1String("uniformer"))
        out = ImportKind::Uniformer;
    else if (name == QLatin1String("avt"))
        out = ImportKind::Avt;
    else
        return false;
    return true;
}

Result<ImportWeightsSummary> importWeightsToFile(const ImportWeightsRequest &request)
{
    const int maxFiles = request.kind == ImportKind::Avt ? 2 : 1;
    if (request.files.isEmpty() || request.files.size() > maxFiles)
        return makeError(QStringLiteral("usage"),
                         QStringLiteral("expected %1 checkpoint file(s), got %2")
                             .arg(maxFiles == 1 ? QStringLiteral("1") : QStringLiteral("1 or 2"))
                             .arg(request.files.size()));
    auto cfg = buildConfig(request);
    if (!cfg)
        return cfg.error();
    ImportWeightsSummary summary;
    try {
        std::shared_ptr<torch::nn::Module> net = buildModel(request.kind, *cfg);
        for (const QString &file : request.files)
            if (Status s = importFile(*net, request.kind, *cfg, file, summary); !s)
                return s.error();
        for (const auto &p : net->parameters())
            summary.parameters += p.numel();
        if (request.strict && (summary.missing || summary.unexpected))
            return makeError(QStringLiteral("incomplete"),
                             QStringLiteral("--strict: %1 model tensors missing, %2 checkpoint tensors unexpected")
                                 .arg(summary.missing)
                                 .arg(summary.unexpected));
        model::writeTorchSave(fsPath(request.out),
                              model::pickleDict({{"format", model::PickleValue::makeString("avt-workbench weights")},
                                                 {"model", model::moduleState(*net)}}));
    } catch (const c10::Error &e) {
        return failure(QStringLiteral("failed"), std::string("import-weights: ") + e.what_without_backtrace());
    } catch (const std::exception &e) {
        return failure(QStringLiteral("io"), std::string("import-weights: ") + e.what());
    }
    summary.out = request.out;
    summary.configOut = request.out + QStringLiteral(".config.txt");
    std::ofstream config(fsPath(summary.configOut));
    config << cfg->toString();
    if (!config)
        return makeError(QStringLiteral("io"), QStringLiteral("%1: cannot write the config").arg(summary.configOut));
    return summary;
}

} // namespace avt::weights
