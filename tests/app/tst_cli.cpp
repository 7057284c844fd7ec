// The avt-workbench command line: --help, --version, every verb's --help, and exit status 2
// with a one-line message for unknown verbs and bad arguments.
#include "batch/registry.h"

#include <QProcess>
#include <QTest>

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void helpAndVersion();
    void everyVerbHasHelp();
    void badUsageExitsWithTwo_data();
    void badUsageExitsWithTwo();

private:
    struct Out {
        int code;
        QString out;
        QString err;
    };
    static Out run(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(AVT_APP_BINARY), args);
        if (!p.waitForFinished(60000))
            return {-1, {}, {}};
        return {p.exitCode(), QString::fromLocal8Bit(p.readAllStandardOutput()),
                QString::fromLocal8Bit(p.readAllStandardError())};
    }
};

void TestCli::helpAndVersion()
{
    const Out help = run({QStringLiteral("--help")});
    QCOMPARE(help.code, 0);
    for (const auto &verb : avt::batch::allVerbs())
        QVERIFY2(help.out.contains(verb.name), qPrintable(verb.name));
    const Out version = run({QStringLiteral("--version")});
    QCOMPARE(version.code, 0);
    QVERIFY(version.out.startsWith(QStringLiteral("avt-workbench ")));
}

void TestCli::everyVerbHasHelp()
{
    QVERIFY(avt::batch::allVerbs().size() >= 2);
    for (const auto &verb : avt::batch::allVerbs()) {
        const Out o = run({QStringLiteral("--batch"), verb.name, QStringLiteral("--help")});
        QVERIFY2(o.code == 0, qPrintable(verb.name + QStringLiteral(": ") + o.err));
        QVERIFY2(o.out.contains(QStringLiteral("--batch ") + verb.name), qPrintable(o.out));
    }
}

void TestCli::badUsageExitsWithTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("unknown verb") << QStringList{QStringLiteral("--batch"), QStringLiteral("frobnicate")};
    QTest::newRow("no verb") << QStringList{QStringLiteral("--batch")};
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--batch"), QStringLiteral("import-dataset"),
                                                   QStringLiteral("--bogus")};
    QTest::newRow("missing argument") << QStringList{QStringLiteral("--batch"), QStringLiteral("import-dataset"),
                                                     QStringLiteral("--workspace"), QStringLiteral("/tmp/x")};
    QTest::newRow("bad number") << QStringList{
        QStringLiteral("--batch"), QStringLiteral("make-demo-dataset"), QStringLiteral("--out"),
        QStringLiteral("/tmp/x"),  QStringLiteral("--clips-per-class"), QStringLiteral("many")};
    QTest::newRow("gui unknown flag") << QStringList{QStringLiteral("--frobnicate")};
    QTest::newRow("nan as a number") << QStringList{
        QStringLiteral("--batch"),    QStringLiteral("features"), QStringLiteral("/tmp/x.wav"), QStringLiteral("--out"),
        QStringLiteral("/tmp/x.npy"), QStringLiteral("--start"),  QStringLiteral("nan")};
    QTest::newRow("run name outside the workspace") << QStringList{
        QStringLiteral("--batch"),   QStringLiteral("train"), QStringLiteral("--workspace"), QStringLiteral("/tmp/x"),
        QStringLiteral("--dataset"), QStringLiteral("d"),     QStringLiteral("--name"),      QStringLiteral("../../x")};
    QTest::newRow("resumed run outside the workspace")
        << QStringList{QStringLiteral("--batch"), QStringLiteral("train"),    QStringLiteral("--workspace"),
                       QStringLiteral("/tmp/x"),  QStringLiteral("--resume"), QStringLiteral("../x")};
    QTest::newRow("ablation prefix outside the workspace") << QStringList{
        QStringLiteral("--batch"),   QStringLiteral("ablate"), QStringLiteral("--workspace"), QStringLiteral("/tmp/x"),
        QStringLiteral("--dataset"), QStringLiteral("d"),      QStringLiteral("--prefix"),    QStringLiteral("../x")};
}

void TestCli::badUsageExitsWithTwo()
{
    QFETCH(QStringList, args);
    const Out o = run(args);
    QCOMPARE(o.code, 2);
    QCOMPARE(o.err.trimmed().count(QLatin1Char('\n')), 0); // one line
    QVERIFY(!o.err.trimmed().isEmpty());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
