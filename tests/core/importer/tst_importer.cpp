// Dataset import on real media made with ffmpeg: good files, and every kind of bad file of
// DATASETS.md; the import never stops, reports problems, and is idempotent.
#include "core/importer/importer.h"
#include "core/store/dataset_store.h"
#include "core/store/workspace.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace avt;

class TestImport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void importsAndReportsProblems();
    void reimportIsIdempotent();
    void epicWindowsIntoLongVideo();

private:
    void ffmpeg(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral("ffmpeg"), QStringList{QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"),
                                                      QStringLiteral("error"), QStringLiteral("-y")}
                                              + args);
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    }
    QString media(const QString &name) const { return m_dir.filePath(QStringLiteral("media/") + name); }

    QTemporaryDir m_dir;
    QString m_csv;
};

void TestImport::initTestCase()
{
    QDir(m_dir.path()).mkpath(QStringLiteral("media"));
    const QString src = QStringLiteral("testsrc2=size=96x64:rate=10");
    ffmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), src + QStringLiteral(":duration=2"),
            QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
            QStringLiteral("sine=frequency=440:sample_rate=44100:duration=2"), QStringLiteral("-c:v"),
            QStringLiteral("libx264"), QStringLiteral("-c:a"), QStringLiteral("aac"),
            media(QStringLiteral("good.mp4"))});
    ffmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), src + QStringLiteral(":duration=2"),
            QStringLiteral("-c:v"), QStringLiteral("mjpeg"), media(QStringLiteral("silent.avi"))});
    ffmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), src + QStringLiteral(":duration=0.2"),
            QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), QStringLiteral("sine=duration=0.2"),
            QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-c:a"), QStringLiteral("aac"),
            media(QStringLiteral("short.mp4"))});
    ffmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), QStringLiteral("sine=duration=2"),
            media(QStringLiteral("audio.mp3"))});
    QFile::copy(media(QStringLiteral("good.mp4")), media(QStringLiteral("truncated.mp4")));
    QFile t(media(QStringLiteral("truncated.mp4")));
    t.resize(t.size() / 3);
    QFile z(media(QStringLiteral("empty.mp4")));
    z.open(QIODevice::WriteOnly);
    z.close();
    QFile junk(media(QStringLiteral("junk.mp4")));
    junk.open(QIODevice::WriteOnly);
    junk.write(QByteArray(20000, '\x5a'));
    junk.close();

    m_csv = m_dir.filePath(QStringLiteral("set.csv"));
    QFile csv(m_csv);
    csv.open(QIODevice::WriteOnly);
    csv.write("path,label,split\n"
              "media/good.mp4,tone,train\n"
              "media/silent.avi,pattern,train\n"
              "media/short.mp4,tone,test\n"
              "media/audio.mp3,tone,test\n"
              "media/truncated.mp4,tone,train\n"
              "media/empty.mp4,tone,train\n"
              "media/junk.mp4,tone,train\n"
              "media/not-there.mp4,tone,train\n"
              "a row with no comma\n");
}

void TestImport::importsAndReportsProblems()
{
    auto ws = store::Workspace::open(m_dir.filePath(QStringLiteral("ws")));
    QVERIFY(ws.ok());
    data::ImportOptions o;
    o.name = QStringLiteral("mixed");
    o.minDurationS = 0.5;
    int lastDone = -1, lastTotal = -1;
    auto s = data::importDataset(**ws, m_csv, o, [&](int d, int t, const QString &) {
        lastDone = d;
        lastTotal = t;
    });
    QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
    QCOMPARE(lastDone, 8);
    QCOMPARE(lastTotal, 8);
    QCOMPARE(s->clips, 8);
    QCOMPARE(s->badRows.size(), 1);
    QCOMPARE(s->badRows[0].line, 10);
    QCOMPARE(s->rows, 9);

    auto clips = store::loadClips((*ws)->db(), s->datasetId);
    QVERIFY(clips.ok());
    QHash<QString, data::Clip> byName;
    for (const data::Clip &c : *clips)
        byName.insert(c.path.section(QLatin1Char('/'), -1), c);
    const data::Clip good = byName.value(QStringLiteral("good.mp4"));
    QVERIFY2(good.problems.isEmpty(), qPrintable(good.problems.join(QLatin1Char(','))));
    QCOMPARE(good.facts.width, 96);
    QCOMPARE(good.facts.audioRate, 44100);
    QVERIFY(qAbs(good.facts.durationS - 2.0) < 0.2);
    QCOMPARE(byName.value(QStringLiteral("silent.avi")).problems, QStringList{data::problem::NoAudio});
    QVERIFY(byName.value(QStringLiteral("short.mp4")).problems.contains(data::problem::TooShort));
    QVERIFY(byName.value(QStringLiteral("audio.mp3")).problems.contains(data::problem::NoVideo));
    QCOMPARE(byName.value(QStringLiteral("not-there.mp4")).problems, QStringList{data::problem::Missing});
    for (const char *bad : {"empty.mp4", "junk.mp4"}) {
        const data::Clip c = byName.value(QString::fromLatin1(bad));
        QVERIFY2(c.problems.contains(data::problem::Undecodable), bad);
        QVERIFY2(c.problemDetail.contains(QString::fromLatin1(bad)), qPrintable(c.problemDetail));
    }
    // A truncated MP4 (moov at the end is cut) cannot be read at all.
    QVERIFY(!byName.value(QStringLiteral("truncated.mp4")).usable());
    QCOMPARE(s->usable, 3); // good, silent (no audio is usable), short (too short is usable but flagged)
    const QString table = data::formatSummary(*s);
    QVERIFY(table.contains(QStringLiteral("line 10")));
    QVERIFY(table.contains(QStringLiteral("undecodable")));
}

void TestImport::reimportIsIdempotent()
{
    auto ws = store::Workspace::open(m_dir.filePath(QStringLiteral("ws2")));
    QVERIFY(ws.ok());
    data::ImportOptions o;
    auto first = data::importDataset(**ws, m_csv, o);
    QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
    auto before = store::loadClips((*ws)->db(), first->datasetId);
    auto second = data::importDataset(**ws, m_csv, o);
    QVERIFY(second.ok());
    QCOMPARE(second->datasetId, first->datasetId);
    auto after = store::loadClips((*ws)->db(), second->datasetId);
    QCOMPARE(after->size(), before->size());
    for (int i = 0; i < after->size(); ++i) {
        QCOMPARE(after->at(i).id, before->at(i).id);
        QCOMPARE(after->at(i).problems, before->at(i).problems);
    }
    auto datasets = store::listDatasets((*ws)->db());
    QCOMPARE(datasets->size(), 1);
}

void TestImport::epicWindowsIntoLongVideo()
{
    QDir(m_dir.path()).mkpath(QStringLiteral("epic/P02"));
    ffmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
            QStringLiteral("testsrc2=size=64x48:rate=5:duration=30"), QStringLiteral("-f"), QStringLiteral("lavfi"),
            QStringLiteral("-i"), QStringLiteral("sine=duration=30"), QStringLiteral("-c:v"), QStringLiteral("libx264"),
            QStringLiteral("-c:a"), QStringLiteral("aac"), m_dir.filePath(QStringLiteral("epic/P02/P02_03.MP4"))});
    const QString csvPath = m_dir.filePath(QStringLiteral("epic/EPIC_100_train.csv"));
    QFile csv(csvPath);
    csv.open(QIODevice::WriteOnly);
    csv.write("narration_id,participant_id,video_id,narration_timestamp,start_timestamp,stop_timestamp,start_frame,"
              "stop_frame,narration,verb,verb_class,noun,noun_class,all_nouns,all_noun_classes\n"
              "P02_03_0,P02,P02_03,00:00:01.00,00:00:02.00,00:00:04.50,1,2,wash cup,wash,2,cup,13,['cup'],[13]\n"
              "P02_03_1,P02,P02_03,00:00:20.00,00:00:25.00,00:00:40.00,1,2,put cup,put,1,cup,13,['cup'],[13]\n"
              "P02_04_0,P02,P02_04,00:00:01.00,00:00:02.00,00:00:03.00,1,2,open tap,open,3,tap,9,['tap'],[9]\n");
    csv.close();
    auto ws = store::Workspace::open(m_dir.filePath(QStringLiteral("ws3")));
    data::ImportOptions o;
    o.annotation.format = data::AnnotationFormat::Epic100;
    auto s = data::importDataset(**ws, csvPath, o);
    QVERIFY(s.ok());
    QCOMPARE(s->clips, 3);
    QCOMPARE(s->filesProbed, 2); // one long video probed once for its two segments
    auto clips = store::loadClips((*ws)->db(), s->datasetId);
    QVERIFY2(clips->at(0).problems.isEmpty(), qPrintable(clips->at(0).problems.join(QLatin1Char(','))));
    QVERIFY(clips->at(1).problems.contains(data::problem::TooShort)); // window ends after the video
    QCOMPARE(clips->at(2).problems, QStringList{data::problem::Missing});
    QCOMPARE(clips->at(0).split, QStringLiteral("train"));
    QCOMPARE(clips->at(0).labels.size(), 2);
}

QTEST_GUILESS_MAIN(TestImport)
#include "tst_importer.moc"
