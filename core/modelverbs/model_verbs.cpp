#include "core/modelverbs/model_verbs.h"

#include "core/batch/verb.h"
#include "model/bench/model_bench.h"
#include "model/flops/flops.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace avt {

namespace {

using batch::printError;
using batch::printLine;
using model::ModelConfig;

QString fromStd(const std::string &s) { return QString::fromStdString(s); }

// --preset, --config FILE (key=value lines), then each --set key=value, validated.
std::optional<ModelConfig> configFrom(batch::VerbParser &p, const QString &verb, const QString &presetName)
{
    auto cfg = ModelConfig::preset(presetName.toStdString());
    if (!cfg) {
        p.usageError(QStringLiteral("unknown preset '%1' (known: avt-base, avt-small, avt-tiny, mbt-base)").arg(presetName));
        return std::nullopt;
    }
    std::string err;
    if (p.isSet(QStringLiteral("config"))) {
        QFile f(p.value(QStringLiteral("config")));
        if (!f.open(QIODevice::ReadOnly)) {
            printError(verb, QStringLiteral("cannot read %1: %2").arg(f.fileName(), f.errorString()));
            return std::nullopt;
        }
        if (!ModelConfig::fromString(f.readAll().toStdString(), *cfg, &err)) {
            printError(verb, QStringLiteral("%1: %2").arg(f.fileName(), fromStd(err)));
            return std::nullopt;
        }
    }
    for (const QString &kv : p.values(QStringLiteral("set"))) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        if (eq < 0) {
            p.usageError(QStringLiteral("--set expects key=value, got '%1'").arg(kv));
            return std::nullopt;
        }
        if (!cfg->set(kv.left(eq).toStdString(), kv.mid(eq + 1).toStdString(), &err)) {
            p.usageError(fromStd(err));
            return std::nullopt;
        }
    }
    if (const std::string v = cfg->validate(); !v.empty()) {
        p.usageError(fromStd(v));
        return std::nullopt;
    }
    return cfg;
}

void printCost(const ModelConfig &cfg, bool json)
{
    const auto cost = model::modelCost(cfg);
    if (json) {
        QJsonObject o{{QStringLiteral("model"), fromStd(cfg.name)}};
        for (const auto &[part, c] : cost.parts())
            o.insert(fromStd(part), QJsonObject{{QStringLiteral("params"), double(c.params)},
                                                {QStringLiteral("gmacs"), c.macs / 1e9}});
        printLine(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
        return;
    }
    printLine(QStringLiteral("%1 (fusion %2): part, parameters, GMACs per clip").arg(fromStd(cfg.name), fromStd(cfg.fusion.mode)));
    for (const auto &[part, c] : cost.parts())
        printLine(QStringLiteral("  %1 %2 M %3 G").arg(fromStd(part), -9).arg(c.params / 1e6, 10, 'f', 3).arg(c.macs / 1e9, 9, 'f', 2));
}

void printComparison()
{
    const auto avtBase = model::modelCost(*ModelConfig::preset("avt-base")).total();
    const auto mbtBase = model::modelCost(*ModelConfig::preset("mbt-base")).total();
    printLine(QStringLiteral("avt-base %1 G vs mbt-base %2 G: mbt/avt = %3x (paper: 1.3x)")
                  .arg(avtBase.macs / 1e9, 0, 'f', 1).arg(mbtBase.macs / 1e9, 0, 'f', 1).arg(mbtBase.macs / avtBase.macs, 0, 'f', 2));
    model::FusionConfig f;
    printLine(QStringLiteral("fusion cost, K=%1 L=%2 width %3: tokens video+audio, avt G, concat G, concat/avt").arg(f.blocks).arg(f.tokens).arg(f.width));
    for (int64_t n : {256, 512, 1024, 2048, 4096, 8192}) {
        const double a = model::avtFusionCost(f, n, n).macs / 1e9, c = model::concatFusionCost(f, n, n).macs / 1e9;
        printLine(QStringLiteral("  %1+%2 %3 %4 %5").arg(n, 5).arg(n, -5).arg(a, 9, 'f', 2).arg(c, 9, 'f', 2).arg(c / a, 6, 'f', 2));
    }
}

} // namespace

int batch::runFlops(const QStringList &args)
{
    const QString verb = QStringLiteral("flops");
    VerbParser p(verb, QStringLiteral("Parameters and GMACs (\"GFLOPs\" as papers count them) per model part."));
    p.addOption({QStringLiteral("preset"), QStringLiteral("Model preset (avt-base, avt-small, avt-tiny, mbt-base)"), QStringLiteral("NAME"), QStringLiteral("avt-base")});
    p.addOption({QStringLiteral("config"), QStringLiteral("key=value model config file applied over the preset"), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("set"), QStringLiteral("Override one field, e.g. fusion.mode=concat"), QStringLiteral("KEY=VALUE")});
    p.addOption({QStringLiteral("compare"), QStringLiteral("Also print avt-base vs mbt-base and avt vs concat fusion cost")});
    p.addOption({QStringLiteral("json"), QStringLiteral("One JSON object per model")});
    p.setPositionalRange(0, 0);
    if (auto code = p.parse(args))
        return *code;
    const auto cfg = configFrom(p, verb, p.value(QStringLiteral("preset")));
    if (!cfg)
        return p.isSet(QStringLiteral("config")) ? ExitFailure : ExitUsage;
    printCost(*cfg, p.isSet(QStringLiteral("json")));
    if (p.isSet(QStringLiteral("compare")))
        printComparison();
    return ExitOk;
}

int bench::runBenchModel(const QStringList &args)
{
    const QString verb = QStringLiteral("bench model");
    batch::VerbParser p(verb, QStringLiteral("Model forward+backward ms per batch, clips/s, peak memory, GFLOP/s vs a matmul."));
    p.addOption({QStringLiteral("preset"), QStringLiteral("Preset to time (repeatable; default avt-tiny and avt-small, avt-base too on CUDA)"), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("set"), QStringLiteral("Override a field of every preset"), QStringLiteral("KEY=VALUE")});
    p.addOption({QStringLiteral("batch"), QStringLiteral("Clips per batch (default 8 for avt-tiny, else 1 on CPU / 8 on CUDA)"), QStringLiteral("N")});
    p.addOption({QStringLiteral("iters"), QStringLiteral("Timed iterations"), QStringLiteral("N"), QStringLiteral("3")});
    p.addOption({QStringLiteral("threads"), QStringLiteral("Intra-op threads (0 = default)"), QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("device"), QStringLiteral("cpu or cuda"), QStringLiteral("DEV"), QStringLiteral("cpu")});
    p.addOption({QStringLiteral("bf16"), QStringLiteral("bf16 autocast on CUDA (LibTorch >= 2.0)")});
    p.addOption({QStringLiteral("json"), QStringLiteral("JSON lines")});
    p.addOption({QStringLiteral("config"), QStringLiteral("key=value model config file"), QStringLiteral("FILE")});
    p.setPositionalRange(0, 0);
    if (auto code = p.parse(args))
        return *code;
    const auto iters = p.intValue(QStringLiteral("iters"), 1, 1000);
    const auto threads = p.intValue(QStringLiteral("threads"), 0, 1024);
    std::optional<int> batchSize;
    if (p.isSet(QStringLiteral("batch")) && !(batchSize = p.intValue(QStringLiteral("batch"), 1, 4096)))
        return batch::ExitUsage;
    if (!iters || !threads)
        return batch::ExitUsage;
    const bool cuda = p.value(QStringLiteral("device")).startsWith(QStringLiteral("cuda"));
    QStringList presets = p.values(QStringLiteral("preset"));
    if (presets.isEmpty())
        presets = cuda ? QStringList{QStringLiteral("avt-small"), QStringLiteral("avt-base")}
                       : QStringList{QStringLiteral("avt-tiny"), QStringLiteral("avt-small")};
    int rc = batch::ExitOk;
    for (const QString &name : presets) {
        const auto cfg = configFrom(p, verb, name);
        if (!cfg)
            return batch::ExitUsage;
        model::BenchOptions o;
        o.config = *cfg;
        o.batch = batchSize ? *batchSize : (name == QStringLiteral("avt-tiny") ? 8 : cuda ? 8 : 1);
        o.iterations = *iters;
        o.threads = *threads;
        o.device = p.value(QStringLiteral("device")).toStdString();
        o.bf16 = p.isSet(QStringLiteral("bf16"));
        try {
            printLine(fromStd(model::formatBench(o, model::benchModel(o), p.isSet(QStringLiteral("json")))));
        } catch (const std::exception &e) {
            printError(verb, QStringLiteral("%1: %2").arg(name, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
            rc = batch::ExitFailure;
        }
    }
    return rc;
}

} // namespace avt
