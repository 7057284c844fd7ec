// `flops`: parameters and GMACs per model part.
#include "model/flops/flops.h"
#include "batch/verb_parser.h"
#include "core/util/json_file.h"

#include <QJsonArray>
#include <QJsonObject>

namespace avt::batch {

namespace {

using model::ModelConfig;

QString fromStd(const std::string &s) { return QString::fromStdString(s); }

void printCost(const ModelConfig &cfg, bool json)
{
    const auto cost = model::modelCost(cfg);
    if (json) {
        QJsonObject o{{QStringLiteral("model"), fromStd(cfg.name)}};
        for (const auto &[part, c] : cost.parts())
            o.insert(fromStd(part), QJsonObject{{QStringLiteral("params"), double(c.params)},
                                                {QStringLiteral("gmacs"), c.macs / 1e9}});
        printLine(compactJson(o));
        return;
    }
    printLine(QStringLiteral("%1 (fusion %2): part, parameters, GMACs per clip")
                  .arg(fromStd(cfg.name), fromStd(cfg.fusion.mode)));
    for (const auto &[part, c] : cost.parts())
        printLine(QStringLiteral("  %1 %2 M %3 G")
                      .arg(fromStd(part), -9)
                      .arg(c.params / 1e6, 10, 'f', 3)
                      .arg(c.macs / 1e9, 9, 'f', 2));
}

void printComparison()
{
    const auto avtBase = model::modelCost(*ModelConfig::preset("avt-base")).total();
    const auto mbtBase = model::modelCost(*ModelConfig::preset("mbt-base")).total();
    printLine(QStringLiteral("avt-base %1 G vs mbt-base %2 G: mbt/avt = %3x (paper: 1.3x)")
                  .arg(avtBase.macs / 1e9, 0, 'f', 1)
                  .arg(mbtBase.macs / 1e9, 0, 'f', 1)
                  .arg(mbtBase.macs / avtBase.macs, 0, 'f', 2));
    model::FusionConfig f;
    printLine(QStringLiteral("fusion cost, K=%1 L=%2 width %3: tokens video+audio, avt G, concat G, concat/avt")
                  .arg(f.blocks)
                  .arg(f.tokens)
                  .arg(f.width));
    for (int64_t n : {256, 512, 1024, 2048, 4096, 8192}) {
        const double a = model::avtFusionCost(f, n, n).macs / 1e9, c = model::concatFusionCost(f, n, n).macs / 1e9;
        printLine(QStringLiteral("  %1+%2 %3 %4 %5")
                      .arg(n, 5)
                      .arg(n, -5)
                      .arg(a, 9, 'f', 2)
                      .arg(c, 9, 'f', 2)
                      .arg(c / a, 6, 'f', 2));
    }
}

} // namespace

int runFlops(const QStringList &args)
{
    const QString verb = QStringLiteral("flops");
    VerbParser p(verb, QStringLiteral("Parameters and GMACs (\"GFLOPs\" as papers count them) per model part."));
    p.addOption({QStringLiteral("preset"), QStringLiteral("Model preset (avt-base, avt-small, avt-tiny, mbt-base)"),
                 QStringLiteral("NAME"), QStringLiteral("avt-base")});
    p.addOption({QStringLiteral("config"), QStringLiteral("key=value model config file applied over the preset"),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("set"), QStringLiteral("Override one field, e.g. fusion.mode=concat"),
                 QStringLiteral("KEY=VALUE")});
    p.addOption(
        {QStringLiteral("compare"), QStringLiteral("Also print avt-base vs mbt-base and avt vs concat fusion cost")});
    p.addOption({QStringLiteral("json"), QStringLiteral("One JSON object per model")});
    p.setPositionalRange(0, 0);
    if (auto code = p.parse(args))
        return *code;
    const auto cfg = p.modelConfig(p.value(QStringLiteral("preset")));
    if (!cfg)
        return p.exitFor(cfg.error());
    printCost(*cfg, p.isSet(QStringLiteral("json")));
    if (p.isSet(QStringLiteral("compare")))
        printComparison();
    return ExitOk;
}

} // namespace avt::batch
