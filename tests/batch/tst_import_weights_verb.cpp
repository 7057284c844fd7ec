// `--batch import-weights`: tiny official-layout checkpoints through the verb into our models,
// the saved state dict loads back strictly (train::loadModelWeights), and bad input gives exit 1 / 2.
#include "batch/registry.h"
#include "core/train/run_model.h"
#include "core/weights/import_weights.h"
#include "model/audio/ast.h"
#include "model/config/model_config.h"
#include "model/io/checkpoint_reader.h"
#include "model/io/weight_import.h"
#include "model/video/uniformer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <torch/torch.h>

using namespace avt;

namespace {

QString fixture(const char *name) { return QStringLiteral(AVT_FIXTURES_DIR "/weights/") + QString::fromLatin1(name); }

// Overrides that give the fixtures' sizes (AST width 8, 1 block, 128 mel; UniFormer 4,4,8,8).
QStringList tinySets(int frames, int classes)
{
    const QStringList kv = {QStringLiteral("audio.mel_bins=128"),   QStringLiteral("audio.frames=%1").arg(frames),
                            QStringLiteral("audio.patch=16"),       QStringLiteral("audio.fstride=10"),
                            QStringLiteral("audio.tstride=10"),     QStringLiteral("audio.width=8"),
                            QStringLiteral("audio.depth=1"),        QStringLiteral("audio.heads=2"),
                            QStringLiteral("video.widths=4,4,8,8"), QStringLiteral("video.depths=1,1,1,1"),
                            QStringLiteral("video.head_dim=4"),     QStringLiteral("video.frames=4"),
                            QStringLiteral("video.size=32"),        QStringLiteral("head.classes=%1").arg(classes)};
    QStringList args;
    for (const QString &s : kv)
        args << QStringLiteral("--set") << s;
    return args;
}

int runVerb(const QStringList &args)
{
    const batch::Verb *v = batch::findVerb(QStringLiteral("import-weights"));
    return v ? v->run(args) : -1;
}

model::ModelConfig configFrom(const QStringList &sets)
{
    model::ModelConfig cfg = *model::ModelConfig::preset("avt-tiny");
    for (int i = 1; i < sets.size(); i += 2) {
        const QString kv = sets[i];
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        cfg.set(kv.left(eq).toStdString(), kv.mid(eq + 1).toStdString());
    }
    return cfg;
}

} // namespace

class TestImportWeightsVerb : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void astAudiosetRoundTrip();
    void uniformerStrictAndAvt();
    void badInput();
};

void TestImportWeightsVerb::astAudiosetRoundTrip()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("ast.pt"));
    const QStringList sets = tinySets(96, 3); // AST grid 12 x 9: position embedding interpolated
    QCOMPARE(runVerb(QStringList{QStringLiteral("--kind"), QStringLiteral("ast"), fixture("ast_audioset_tiny.pt"),
                                 QStringLiteral("--preset"), QStringLiteral("avt-tiny"), QStringLiteral("--out"), out}
                     + sets + QStringList{QStringLiteral("--strict")}),
             0);
    QVERIFY(QFile::exists(out) && QFile::exists(out + QStringLiteral(".config.txt")));

    // Our checkpoint loads into a module built from the same config and holds the imported values.
    const model::ModelConfig cfg = configFrom(sets);
    model::AstEncoder ast(cfg.audio, cfg.head.classes);
    QVERIFY(train::loadModelWeights(out, *ast).ok());
    model::Checkpoint c;
    QVERIFY(model::readCheckpoint(fixture("ast_audioset_tiny.pt").toStdString(), c));
    QVERIFY(
        torch::equal(ast->blocks->named_parameters()["0.attn.qkv.weight"], c.get("module.v.blocks.0.attn.qkv.weight")));
    QVERIFY(torch::allclose(ast->pos_embed, model::adaptAstPosEmbed(c.get("module.v.pos_embed"), {12, 5}, {12, 9})));
}

void TestImportWeightsVerb::uniformerStrictAndAvt()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("uni.pt"));
    const QStringList base{QStringLiteral("--preset"), QStringLiteral("avt-tiny"), QStringLiteral("--out"), out};
    // Kinetics file, 6 classes: complete.
    QCOMPARE(runVerb(QStringList{QStringLiteral("--kind"), QStringLiteral("uniformer"),
                                 fixture("uniformer_k400_tiny.pt"), QStringLiteral("--strict")}
                     + base + tinySets(56, 6)),
             0);
    model::ModelConfig cfg = configFrom(tinySets(56, 6));
    model::Uniformer uni(cfg.video, 6);
    QVERIFY(train::loadModelWeights(out, *uni).ok());
    model::Checkpoint k400;
    QVERIFY(model::readCheckpoint(fixture("uniformer_k400_tiny.pt").toStdString(), k400));
    QVERIFY(torch::equal(uni->head->weight, k400.get("module.head.weight")));
    // ImageNet file into 6 classes: the 10-class head stays missing, so --strict fails (exit 1)...
    QCOMPARE(runVerb(QStringList{QStringLiteral("--kind"), QStringLiteral("uniformer"),
                                 fixture("uniformer_imagenet_tiny.pt"), QStringLiteral("--strict")}
                     + base + tinySets(56, 6)),
             1);
    // ...and without --strict it succeeds.
    QCOMPARE(runVerb(QStringList{QStringLiteral("--kind"), QStringLiteral("uniformer"),
                                 fixture("uniformer_imagenet_tiny.pt")}
                     + base + tinySets(56, 6)),
             0);
    // Whole AVT model from both files.
    QCOMPARE(runVerb(QStringList{QStringLiteral("--kind"), QStringLiteral("avt"), fixture("ast_audioset_tiny.pt"),
                                 fixture("uniformer_k400_tiny.pt")}
                     + base + tinySets(56, 6)),
             0);
}

void TestImportWeightsVerb::badInput()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("x.pt"));
    const QStringList base =
        QStringList{QStringLiteral("--preset"), QStringLiteral("avt-tiny"), QStringLiteral("--out"), out}
        + tinySets(56, 6);
    QCOMPARE(runVerb(QStringList{QStringLiteral("--kind"), QStringLiteral("ast"), fixture("legacy.pt")} + base), 1);
    QCOMPARE(runVerb(QStringList{QStringLiteral("--kind"), QStringLiteral("ast"), fixture("evil_system.pt")} + base),
             1);
    QCOMPARE(runVerb(QStringList{QStringLiteral("--kind"), QStringLiteral("ast"), fixture("missing.pt")} + base), 1);
    QVERIFY(!QFile::exists(out));
    QCOMPARE(runVerb(QStringList{QStringLiteral("--kind"), QStringLiteral("resnet"), fixture("ast_audioset_tiny.pt")}
                     + base),
             2);
    QCOMPARE(runVerb(QStringList{QStringLiteral("--kind"), QStringLiteral("ast"), fixture("ast_audioset_tiny.pt")}), 2);
    QCOMPARE(
        runVerb(QStringList{QStringLiteral("--kind"), QStringLiteral("ast"), fixture("ast_audioset_tiny.pt"),
                            QStringLiteral("--out"), out, QStringLiteral("--set"), QStringLiteral("audio.depth=0")}),
        2);
    // The service reports the file and the cause.
    weights::ImportWeightsRequest req;
    req.files = {fixture("legacy.pt")};
    req.out = out;
    req.preset = QStringLiteral("avt-tiny");
    auto r = weights::importWeightsToFile(req);
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(QStringLiteral("legacy.pt: legacy (pre-1.6, non-zip)")));
}

QTEST_GUILESS_MAIN(TestImportWeightsVerb)
#include "tst_import_weights_verb.moc"
