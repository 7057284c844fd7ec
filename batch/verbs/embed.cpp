// `embed MEDIA... (--run RUN | --weights FILE) --out DIR`: the model's inputs exactly as fed
// and its outputs, as .npy files, for linear probes, retrieval, and for checking our numbers
// against another implementation fed the same inputs.
#include "batch/verb_parser.h"
#include "core/loader/clip_loader.h"
#include "core/train/run_model.h"
#include "core/train/train_setup.h"
#include "core/util/json_file.h"
#include "core/util/npy_file.h"
#include "model/avt/avt_model.h"

#include <torch/torch.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <fstream>
#include <sstream>

namespace avt::batch {

int runEmbed(const QStringList &args)
{
    const QString verb = QStringLiteral("embed");
    VerbParser p(verb,
                 QStringLiteral(
                     "For each media file, write the model inputs exactly as fed (fbank [T, F], frames [3, T, H, W],\n"
                     "normalised) and its outputs (audio / video embeddings before fusion, fused [video CLS, audio\n"
                     "CLS], g_A / g_V projections, logits) as .npy files in OUT/<file stem>/, plus index.json.\n"
                     "Weights come from a run of a workspace (--run, its best checkpoint) or a file (--weights:\n"
                     "a train checkpoint or an import-weights output, with its .config.txt or --preset/--set)."));
    p.addPositional(QStringLiteral("MEDIA"), QStringLiteral("Media files."), QStringLiteral("MEDIA..."));
    p.setPositionalRange(1, -1);
    p.addWorkspaceOption(QStringLiteral("Workspace (with --run)."));
    p.addOption({QStringLiteral("run"), QStringLiteral("Run whose best checkpoint to use."), QStringLiteral("RUN")});
    p.addOption({QStringLiteral("weights"), QStringLiteral("Weights file."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("preset"), QStringLiteral("Model preset for --weights without .config.txt."),
                 QStringLiteral("NAME"), QStringLiteral("avt-tiny")});
    p.addOption({QStringLiteral("set"), QStringLiteral("Model or data config override (repeatable)."),
                 QStringLiteral("KEY=VALUE")});
    p.addOption({QStringLiteral("out"), QStringLiteral("Output folder."), QStringLiteral("DIR")});
    if (auto code = p.parse(args))
        return *code;
    if (!p.isSet(QStringLiteral("out")))
        return p.usageError(QStringLiteral("--out is required"));
    if (p.isSet(QStringLiteral("run")) == p.isSet(QStringLiteral("weights")))
        return p.usageError(QStringLiteral("give exactly one of --run or --weights"));

    if (p.isSet(QStringLiteral("run")) && !p.isSet(QStringLiteral("workspace")))
        return p.usageError(QStringLiteral("--run needs --workspace"));
    auto loaded = p.isSet(QStringLiteral("run"))
                      ? train::loadRunModel(p.value(QStringLiteral("workspace")), p.value(QStringLiteral("run")),
                                            p.values(QStringLiteral("set")))
                      : train::loadWeightsModel(p.value(QStringLiteral("weights")), p.value(QStringLiteral("preset")),
                                                p.values(QStringLiteral("set")));
    if (!loaded)
        return p.fail(loaded.error());
    const train::RunConfig &cfg = loaded->config;
    const QString &weights = loaded->weights;
    model::AvtModel net = loaded->net;

    std::vector<loader::LoaderItem> items;
    const QStringList files = p.positional();
    for (int i = 0; i < files.size(); ++i) {
        loader::LoaderItem it;
        it.clipId = i;
        it.path = QFileInfo(files[i]).absoluteFilePath();
        items.push_back(it);
    }
    loader::LoaderOptions lo = train::loaderOptions(cfg, loader::LoaderMode::Eval, 0, 1);
    lo.batchSize = 1;
    lo.temporalViews = lo.spatialViews = 1;
    lo.cacheMiB = 0;
    auto ld = loader::ClipLoader::create(items, lo, cfg.model());
    if (!ld)
        return p.fail(ld.error());
    (*ld)->start(0);
    torch::NoGradGuard noGrad;
    QJsonArray index;
    int written = 0;
    while (auto b = (*ld)->next()) {
        const QString stem = QFileInfo(files[int(b->clipIds[0])]).completeBaseName();
        const QString dir = QDir(p.value(QStringLiteral("out"))).filePath(stem);
        QDir().mkpath(dir);
        model::AvtInputs in;
        in.audio = b->audio;
        in.video = b->video;
        const model::AvtOutputs out = net->forward(in);
        const std::vector<std::pair<const char *, at::Tensor>> tensors{
            {"input_fbank", b->audio.defined() ? b->audio[0] : at::Tensor()},
            {"input_frames", b->video.defined() ? b->video[0] : at::Tensor()},
            {"audio_embedding", out.audioEmbedding.defined() ? out.audioEmbedding[0] : at::Tensor()},
            {"video_embedding", out.videoEmbedding.defined() ? out.videoEmbedding[0] : at::Tensor()},
            {"fused_embedding", out.fusedCls.defined() ? out.fusedCls[0] : at::Tensor()},
            {"audio_projection", out.audioProjection.defined() ? out.audioProjection[0] : at::Tensor()},
            {"video_projection", out.videoProjection.defined() ? out.videoProjection[0] : at::Tensor()},
            {"logits", out.logits[0]},
            {"noun_logits", out.nounLogits.defined() ? out.nounLogits[0] : at::Tensor()}};
        QJsonObject entry{{QStringLiteral("media"), files[int(b->clipIds[0])]}, {QStringLiteral("folder"), stem}};
        for (const auto &[name, t] : tensors) {
            if (!t.defined())
                continue;
            if (auto st = writeNpyFile(QDir(dir).filePath(QString::fromLatin1(name) + QStringLiteral(".npy")), t); !st)
                return p.fail(st.error());
            QJsonArray shape;
            for (int64_t s : t.sizes())
                shape.append(qint64(s));
            entry.insert(QString::fromLatin1(name), shape);
        }
        index.append(entry);
        ++written;
        printLine(QStringLiteral("%1 -> %2 (predicted class %3)")
                      .arg(files[int(b->clipIds[0])], dir)
                      .arg(out.logits[0].argmax().item<int64_t>()));
    }
    const QJsonObject indexJson{{QStringLiteral("weights"), weights},
                                {QStringLiteral("config"), cfg.toJson()},
                                {QStringLiteral("clips"), index}};
    if (auto st = writeJsonFile(QDir(p.value(QStringLiteral("out"))).filePath(QStringLiteral("index.json")), indexJson);
        !st)
        return p.fail(st.error());
    for (const QString &e : (*ld)->lastErrors())
        printError(verb, e);
    return written == files.size() ? ExitOk : ExitFailure;
}

} // namespace avt::batch
