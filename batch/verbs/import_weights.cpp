// `avt-workbench --batch import-weights`: official AST / UniFormer checkpoints -> our checkpoint.
#include "core/weights/import_weights.h"
#include "batch/verb_parser.h"

namespace avt::batch {

int runImportWeights(const QStringList &args)
{
    const QString verb = QStringLiteral("import-weights");
    VerbParser p(verb,
                 QStringLiteral(
                     "Load official checkpoints (AST AudioSet or DeiT ImageNet; UniFormer ImageNet or Kinetics) into\n"
                     "the configured model and save its state dict as a torch.save file. Position embeddings are adapted to the\n"
                     "AST grid, 2-D UniFormer kernels inflated to 3-D, heads with another class count dropped;\n"
                     "the report lists loaded, adapted, skipped, missing and unexpected tensors. The file is read\n"
                     "without executing anything in it. --kind avt takes an AST and / or a UniFormer file."));
    p.addPositional(QStringLiteral("FILE"), QStringLiteral("Checkpoint(s) saved by torch.save."),
                    QStringLiteral("FILE..."));
    p.addOption({QStringLiteral("kind"), QStringLiteral("ast, uniformer or avt."), QStringLiteral("KIND")});
    p.addOption(
        {QStringLiteral("preset"), QStringLiteral("Model preset."), QStringLiteral("P"), QStringLiteral("avt-base")});
    p.addOption(
        {QStringLiteral("set"), QStringLiteral("Config override key=value (repeatable)."), QStringLiteral("K=V")});
    p.addOption({QStringLiteral("out"), QStringLiteral("Output checkpoint."), QStringLiteral("OUT.pt")});
    p.addOption({QStringLiteral("strict"),
                 QStringLiteral("Fail when a model tensor stays missing or a file tensor is unused.")});
    p.setPositionalRange(1, 2);
    if (auto code = p.parse(args))
        return *code;
    weights::ImportWeightsRequest req;
    if (!weights::parseImportKind(p.value(QStringLiteral("kind")), req.kind))
        return p.usageError(QStringLiteral("--kind must be ast, uniformer or avt"));
    if (!p.isSet(QStringLiteral("out")))
        return p.usageError(QStringLiteral("--out is required"));
    req.files = p.positional();
    req.preset = p.value(QStringLiteral("preset"));
    req.overrides = p.values(QStringLiteral("set"));
    req.out = p.value(QStringLiteral("out"));
    req.strict = p.isSet(QStringLiteral("strict"));

    auto summary = weights::importWeightsToFile(req);
    if (!summary) {
        if (summary.error().code == QLatin1String("usage"))
            return p.usageError(summary.error().message);
        printError(verb, summary.error().message);
        return ExitFailure;
    }
    for (const std::string &line : summary->lines)
        printLine(QString::fromStdString(line));
    printLine(QStringLiteral("saved %1 (%2 parameters), config %3")
                  .arg(summary->out)
                  .arg(summary->parameters)
                  .arg(summary->configOut));
    return ExitOk;
}

} // namespace avt::batch
