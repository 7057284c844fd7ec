// Run configuration: defaults, typed validation with messages naming the key, files, overrides.
#include "core/train/ablation.h"
#include "core/train/run_config.h"
#include "core/train/schedule.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace avt::train;

class TestRunConfig : public QObject {
    Q_OBJECT
private slots:
    void defaultsAreValid();
    void setChecksTypesAndRanges_data();
    void setChecksTypesAndRanges();
    void modelKeysAndPresetOrder();
    void yamlSubset();
    void jsonRoundTrip();
    void wholeConfigRules();
    void schedule();
    void ladderRungsValidate();
};

void TestRunConfig::defaultsAreValid()
{
    RunConfig c;
    QVERIFY(c.validate().ok());
    QCOMPARE(c.real(QStringLiteral("optim.lr")), 1e-4);
    QCOMPARE(c.integer(QStringLiteral("optim.batch")), 8);
    QCOMPARE(c.text(QStringLiteral("masking.audio")), QStringLiteral("none"));
    QCOMPARE(c.preset(), QStringLiteral("avt-tiny"));
    QVERIFY(c.flag(QStringLiteral("data.augment")));
}

void TestRunConfig::setChecksTypesAndRanges_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("message");
    QTest::newRow("real ok") << "losses.avc"
                             << "0.5" << true << "";
    QTest::newRow("real text") << "optim.lr"
                               << "fast" << false << "optim.lr: expected a number in [0, 10]";
    QTest::newRow("real range") << "masking.probability"
                                << "1.5" << false << "masking.probability: expected a number in [0, 1]";
    QTest::newRow("int fraction") << "optim.batch"
                                  << "2.5" << false << "optim.batch: expected an integer";
    QTest::newRow("int ok") << "optim.epochs"
                            << "3" << true << "";
    QTest::newRow("bool") << "data.augment"
                          << "maybe" << false << "data.augment: expected true or false";
    QTest::newRow("choice") << "masking.audio"
                            << "segments" << false << "masking.audio: expected one of none, random, segment";
    QTest::newRow("unknown") << "optim.lrr"
                             << "1" << false << "optim.lrr: unknown key";
    QTest::newRow("detector") << "masking.detector.maxSegments"
                              << "30" << true << "";
    QTest::newRow("detector bad") << "masking.detector.smoothWindow"
                                  << "-3" << false << "masking.detector.smoothWindow";
    QTest::newRow("model") << "model.fusion.blocks"
                           << "3" << true << "";
    QTest::newRow("model bad") << "model.fusion.mode"
                               << "sideways" << false << "model.fusion.mode";
    // Run names are one folder under runs/: nothing that leads outside the workspace.
    QTest::newRow("name ok") << "run.name"
                             << "table4-avc+avm_2.b" << true << "";
    QTest::newRow("name up") << "run.name"
                             << "../../x" << false << "run.name: '../../x' is not a run name";
    QTest::newRow("name absolute") << "run.name"
                                   << "/tmp/x" << false << "run.name: '/tmp/x' is not a run name";
    QTest::newRow("name nested") << "run.name"
                                 << "a/b" << false << "run.name: 'a/b' is not a run name";
    QTest::newRow("name hidden") << "run.name"
                                 << ".x" << false << "run.name: '.x' is not a run name";
    QTest::newRow("name dots") << "run.name"
                               << ".." << false << "run.name: '..' is not a run name";
}

void TestRunConfig::setChecksTypesAndRanges()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, ok);
    QFETCH(QString, message);
    RunConfig c;
    auto st = c.set(key, value);
    QCOMPARE(st.ok(), ok);
    if (!ok)
        QVERIFY2(st.error().message.startsWith(message), qPrintable(st.error().message));
}

void TestRunConfig::modelKeysAndPresetOrder()
{
    RunConfig c;
    QVERIFY(c.applyOverrides({QStringLiteral("model.fusion.blocks=3"), QStringLiteral("model.preset=avt-small")}).ok());
    // A later preset replaces the whole model, as on the command line.
    QCOMPARE(c.model().fusion.blocks, (*avt::model::ModelConfig::preset("avt-small")).fusion.blocks);
    QVERIFY(!c.applyOverrides({QStringLiteral("model.preset=avt-huge")}).ok());
    QVERIFY(!c.applyOverrides({QStringLiteral("novalue")}).ok());
    // In a file the preset applies first whatever its position.
    QTemporaryDir tmp;
    QFile f(tmp.filePath(QStringLiteral("c.yaml")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("model:\n  fusion.blocks: 3\n  preset: avt-tiny\n");
    f.close();
    auto loaded = RunConfig::fromFile(f.fileName());
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->model().fusion.blocks, 3);
}

void TestRunConfig::yamlSubset()
{
    auto pairs = parseYamlSubset(
        QStringLiteral("# a comment\nrun:\n  name: \"my run # 1\"\n  seed: 7   # trailing\noptim:\n  lr: 1e-3\n"
                       "  nested:\n    deep: x\ndata.workers: 3\nlist: [1, 2, 3]\n"),
        QStringLiteral("f.yaml"));
    QVERIFY(pairs.ok());
    QCOMPARE(pairs->size(), 6);
    QCOMPARE(pairs->at(0), qMakePair(QStringLiteral("run.name"), QStringLiteral("my run # 1")));
    QCOMPARE(pairs->at(1), qMakePair(QStringLiteral("run.seed"), QStringLiteral("7")));
    QCOMPARE(pairs->at(3), qMakePair(QStringLiteral("optim.nested.deep"), QStringLiteral("x")));
    QCOMPARE(pairs->at(4), qMakePair(QStringLiteral("data.workers"), QStringLiteral("3")));
    QCOMPARE(pairs->at(5).second, QStringLiteral("1,2,3"));
    auto bad = parseYamlSubset(QStringLiteral("run:\n  - item\n"), QStringLiteral("f.yaml"));
    QVERIFY(!bad.ok());
    QVERIFY2(bad.error().message.startsWith(QStringLiteral("f.yaml:2:")), qPrintable(bad.error().message));

    QTemporaryDir tmp;
    QFile f(tmp.filePath(QStringLiteral("bad.yaml")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("optim:\n  lr: lots\n");
    f.close();
    auto cfg = RunConfig::fromFile(f.fileName());
    QVERIFY(!cfg.ok());
    QVERIFY2(cfg.error().message.contains(QStringLiteral("bad.yaml"))
                 && cfg.error().message.contains(QStringLiteral("optim.lr")),
             qPrintable(cfg.error().message));
}

void TestRunConfig::jsonRoundTrip()
{
    RunConfig c;
    QVERIFY(c.applyOverrides({QStringLiteral("losses.avc=0.5"), QStringLiteral("masking.audio=segment"),
                              QStringLiteral("losses.masked=0.01"), QStringLiteral("model.fusion.tokens=6"),
                              QStringLiteral("masking.detector.maxSegments=20"), QStringLiteral("run.name=x")})
                .ok());
    const QJsonObject json = c.toJson();
    QCOMPARE(json.value(QStringLiteral("losses")).toObject().value(QStringLiteral("avc")).toDouble(), 0.5);
    auto back = RunConfig::fromJson(json);
    QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().message));
    QCOMPARE(back->toJson(), json);
    QCOMPARE(back->model().fusion.tokens, 6);
    QCOMPARE(back->detector().maxSegments, 20);
    QVERIFY(back->differences(*back).isEmpty());
    QVERIFY(back->differences(RunConfig()).contains(QStringLiteral("losses.avc=0.5")));
}

void TestRunConfig::wholeConfigRules()
{
    RunConfig c;
    QVERIFY(c.applyOverrides({QStringLiteral("model.fusion.mode=audio"), QStringLiteral("losses.avc=0.5")}).ok());
    auto st = c.validate();
    QVERIFY(!st.ok());
    QVERIFY(st.error().message.startsWith(QStringLiteral("losses.avc")));
    RunConfig m;
    QVERIFY(m.set(QStringLiteral("losses.masked"), QStringLiteral("0.01")).ok());
    QVERIFY(!m.validate().ok()); // no masking chosen
    QVERIFY(m.set(QStringLiteral("masking.audio"), QStringLiteral("segment")).ok());
    QVERIFY(m.validate().ok());
}

void TestRunConfig::schedule()
{
    WarmupCosine s{1e-3, 1e-5, 10, 110};
    QCOMPARE(s.at(0), 1e-4);
    QCOMPARE(s.at(9), 1e-3);
    QVERIFY(qAbs(s.at(10) - 1e-3) < 1e-12);
    QVERIFY(qAbs(s.at(60) - (1e-5 + (1e-3 - 1e-5) * 0.5)) < 1e-12);
    QVERIFY(qAbs(s.at(110) - 1e-5) < 1e-12);
    QVERIFY(qAbs(s.at(500) - 1e-5) < 1e-12);
}

void TestRunConfig::ladderRungsValidate()
{
    const auto rungs = ladderRungs(QStringLiteral("table4"));
    QCOMPARE(rungs.size(), 8);
    QCOMPARE(rungs.last().label, QStringLiteral("+AVC+AVM+MASegmV"));
    for (const Rung &r : rungs) {
        RunConfig c;
        QVERIFY(c.applyOverrides(r.settings).ok());
        auto st = c.validate();
        QVERIFY2(st.ok(), qPrintable(r.label + QStringLiteral(": ") + (st.ok() ? QString() : st.error().message)));
    }
    QVERIFY(ladderRungs(QStringLiteral("table9")).isEmpty());
}

QTEST_GUILESS_MAIN(TestRunConfig)
#include "tst_run_config.moc"
