// Ablation plans: the Table 4 ladder, sweeps (one key, a grid of two) and seeds expand into the
// runs `ablate` trains, with the names and settings the comparison tables group by.
#include "core/train/ablation.h"

#include <QTest>

using namespace avt;

class TestAblation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ladderWithSeeds();
    void gridOfTwoSweepsWithSeeds();
    void sweepsAreParsedAndRefused();
};

void TestAblation::ladderWithSeeds()
{
    const QList<train::Rung> rungs = train::ladderRungs(QStringLiteral("table4"));
    QCOMPARE(rungs.size(), 8);
    const QList<train::PlannedRun> plan = train::planRuns(QStringLiteral("t4"), rungs, {}, 2, 7);
    QCOMPARE(plan.size(), 16);
    QCOMPARE(plan[0].name, QStringLiteral("t4-audio"));
    QCOMPARE(plan[0].seed, qint64(7));
    QCOMPARE(plan[1].name, QStringLiteral("t4-audio-seed8"));
    QCOMPARE(plan[1].seed, qint64(8));
    QCOMPARE(plan[15].name, QStringLiteral("t4-avc-avm-masegmv-seed8"));
    QCOMPARE(plan[15].settings, rungs[7].settings);
    QCOMPARE(plan[15].label, QStringLiteral("+AVC+AVM+MASegmV"));
}

void TestAblation::gridOfTwoSweepsWithSeeds()
{
    const QList<train::Sweep> sweeps{*train::parseSweep(QStringLiteral("optim.lr=1e-4,3e-4")),
                                     *train::parseSweep(QStringLiteral("losses.avc=0.5, 1"))};
    const QList<train::PlannedRun> plan =
        train::planRuns(QStringLiteral("sw"), train::ladderRungs(QStringLiteral("none")), sweeps, 2, 1);
    // 2 x 2 configurations x 2 seeds, the first sweep varying slowest, seeds innermost.
    QCOMPARE(plan.size(), 8);
    const QStringList names{QStringLiteral("sw-lr1e-4-avc0.5"), QStringLiteral("sw-lr1e-4-avc0.5-seed2"),
                            QStringLiteral("sw-lr1e-4-avc1"),   QStringLiteral("sw-lr1e-4-avc1-seed2"),
                            QStringLiteral("sw-lr3e-4-avc0.5"), QStringLiteral("sw-lr3e-4-avc0.5-seed2"),
                            QStringLiteral("sw-lr3e-4-avc1"),   QStringLiteral("sw-lr3e-4-avc1-seed2")};
    for (int i = 0; i < plan.size(); ++i)
        QCOMPARE(plan[i].name, names[i]);
    QCOMPARE(plan[6].settings, (QStringList{QStringLiteral("optim.lr=3e-4"), QStringLiteral("losses.avc=1")}));
    QCOMPARE(plan[6].label, QStringLiteral("Base, optim.lr=3e-4, losses.avc=1"));
    QCOMPARE(plan[7].seed, qint64(2));
    // On a ladder: every rung gets every configuration; rung settings come first, the swept
    // value after them (so it wins where both name a key).
    const QList<train::PlannedRun> onLadder = train::planRuns(
        QStringLiteral("t4"), train::ladderRungs(QStringLiteral("table4")).mid(4, 2), {sweeps[1]}, 1, 1);
    QCOMPARE(onLadder.size(), 4);
    QCOMPARE(onLadder[1].name, QStringLiteral("t4-avc-avc1"));
    QCOMPARE(onLadder[1].settings.last(), QStringLiteral("losses.avc=1"));
    QVERIFY(onLadder[1].settings.contains(QStringLiteral("losses.avc=0.5"))); // the rung's, overridden
    // Characters a run name cannot hold are replaced.
    const QList<train::PlannedRun> odd =
        train::planRuns(QStringLiteral("x"), train::ladderRungs(QStringLiteral("none")),
                        {*train::parseSweep(QStringLiteral("run.train_split=a b/c"))}, 1, 1);
    QCOMPARE(odd.front().name, QStringLiteral("x-train_splita_b_c"));
}

void TestAblation::sweepsAreParsedAndRefused()
{
    auto s = train::parseSweep(QStringLiteral(" optim.lr = 1e-4 , 1e-4,3e-4,"));
    QVERIFY(s.ok());
    QCOMPARE(s->key, QStringLiteral("optim.lr"));
    QCOMPARE(s->values, (QStringList{QStringLiteral("1e-4"), QStringLiteral("3e-4")})); // repeats once
    for (const char *bad : {"optim.lr", "=1,2", "optim.lr=", "optim.lr=,,"})
        QVERIFY2(!train::parseSweep(QString::fromLatin1(bad)).ok(), bad);
    QVERIFY(train::ladderRungs(QStringLiteral("table5")).isEmpty());
}

QTEST_GUILESS_MAIN(TestAblation)
#include "tst_ablation.moc"
