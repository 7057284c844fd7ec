#pragma once
// Importing official AST / UniFormer checkpoints into a configured model and saving our own
// checkpoint: the engine behind `avt-workbench --batch import-weights`.
//
//   avt::weights::ImportWeightsRequest req;
//   req.kind = ImportKind::Ast;  req.files = {"audioset_10_10_0.4593.pth"};
//   req.preset = "avt-base";     req.overrides = {"head.classes=50"};
//   req.out = "ast-esc50.pt";
//   auto summary = avt::weights::importWeightsToFile(req);
//   if (!summary) qWarning() << summary.error().message;   // names the file and the cause
//
// Kinds: Ast builds a standalone AstEncoder(config.audio, head.classes) and reads AST AudioSet or
// DeiT ImageNet files; Uniformer a standalone Uniformer(config.video, head.classes) and reads
// UniFormer ImageNet or Kinetics files; Avt the whole AvtModel(config), and each file (one AST
// and / or one UniFormer, told apart by their names) goes to the `audio.` / `video.` encoder.
// The output is a torch.save archive {"format": "avt-workbench weights", "model": state dict}
// (model/io/torch_writer.h): train::loadModelWeights loads it into a module built from the same
// config (stored beside it as OUT.config.txt), and Python reads it with torch.load.
// Thread-safety: none needed; builds its own model. Heavy for base presets (86 M parameters).
#include "core/util/result.h"

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace avt::weights {

enum class ImportKind { Ast, Uniformer, Avt };

// "ast", "uniformer", "avt"; false for anything else.
bool parseImportKind(const QString &name, ImportKind &out);

struct ImportWeightsRequest {
    ImportKind kind = ImportKind::Ast;
    QStringList files;                           // checkpoints (one for ast / uniformer; one or two for avt)
    QString preset = QStringLiteral("avt-base"); // model preset
    QStringList overrides;                       // "key=value" (ModelConfig dotted keys)
    QString out;                                 // output checkpoint path
    bool strict = false;                         // fail when any model tensor is missing or a file tensor unused
};

struct ImportWeightsSummary {
    std::vector<std::string> lines; // the import reports, ready to print
    int64_t parameters = 0;         // parameter elements in the model
    int missing = 0;                // model tensors left at their initial values
    int unexpected = 0;             // file tensors that matched nothing
    QString out;                    // where the checkpoint went
    QString configOut;              // the config beside it
};

Result<ImportWeightsSummary> importWeightsToFile(const ImportWeightsRequest &request);

} // namespace avt::weights
