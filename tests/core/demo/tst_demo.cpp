// DrumArt-10: sources found and classified, the dataset built, deterministic for a seed, and
// train/test split by source file. Needs the demo source packages (installed, or unpacked in
// the cache by the generator itself with apt-get download).
#include "core/demo/drumart.h"
#include "core/media/probe.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace avt;

class TestDemo : public QObject {
    Q_OBJECT
private slots:
    void classifiesSampleNames();
    void buildsDeterministicDataset();

private:
    static QByteArray digest(const QString &path)
    {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1);
    }
};

void TestDemo::classifiesSampleNames()
{
    QCOMPARE(demo::classifySample(QStringLiteral("/x/Kick-Hard.wav")), int(demo::Kick));
    QCOMPARE(demo::classifySample(QStringLiteral("bd_haus.flac")), int(demo::Kick));
    QCOMPARE(demo::classifySample(QStringLiteral("drum_snare_soft.flac")), int(demo::Snare));
    QCOMPARE(demo::classifySample(QStringLiteral("HiHat_Closed.wav")), int(demo::HiHat));
    QCOMPARE(demo::classifySample(QStringLiteral("hh_open2.wav")), int(demo::HiHat));
    QCOMPARE(demo::classifySample(QStringLiteral("Tom1-Lo.wav")), int(demo::Tom));
    QCOMPARE(demo::classifySample(QStringLiteral("crash_8.flac")), int(demo::Cymbal));
    QCOMPARE(demo::classifySample(QStringLiteral("Bongo_Hi.wav")), int(demo::HandPercussion));
    QCOMPARE(demo::classifySample(QStringLiteral("clap.wav")), int(demo::HandPercussion));
    QCOMPARE(demo::classifySample(QStringLiteral("ambi_choir.flac")), -1);
    QCOMPARE(demo::classifySample(QStringLiteral("bass_woodsy_c.flac")), -1);
}

void TestDemo::buildsDeterministicDataset()
{
    QTemporaryDir tmp;
    demo::DemoOptions o;
    o.clipsPerClass = 3;
    o.seed = 7;
    o.outDir = tmp.filePath(QStringLiteral("a"));
    auto a = demo::makeDrumArt(o);
    QVERIFY2(a.ok(), a.ok() ? "" : qPrintable(a.error().message));
    QCOMPARE(a->clips, 30);
    QCOMPARE(a->testClips, 10);
    o.outDir = tmp.filePath(QStringLiteral("b"));
    auto b = demo::makeDrumArt(o);
    QVERIFY(b.ok());

    QFile csv(a->csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 31);
    QCOMPARE(lines[0], QByteArray("path,label,split"));

    QFile mf(a->manifestPath);
    QVERIFY(mf.open(QIODevice::ReadOnly));
    const QJsonObject manifest = QJsonDocument::fromJson(mf.readAll()).object();
    const QJsonArray clips = manifest.value(QStringLiteral("clips")).toArray();
    QCOMPARE(clips.size(), 30);
    QSet<QString> trainSources, testSources;
    for (const QJsonValue &v : clips) {
        const QJsonObject c = v.toObject();
        const QString file = c.value(QStringLiteral("file")).toString();
        // Same seed, same bytes.
        QCOMPARE(digest(tmp.filePath(QStringLiteral("a/") + file)), digest(tmp.filePath(QStringLiteral("b/") + file)));
        const QJsonArray boxes = c.value(QStringLiteral("boxes")).toArray();
        QCOMPARE(boxes.size(), 45);
        for (const QJsonValue &bv : boxes) {
            const QJsonArray box = bv.toArray();
            QVERIFY(box[0].toInt() >= 0 && box[1].toInt() >= 0);
            QVERIFY(box[0].toInt() + box[2].toInt() <= 224 && box[1].toInt() + box[3].toInt() <= 224);
            QVERIFY(box[2].toInt() > 10 && box[3].toInt() > 10);
        }
        QVERIFY(!c.value(QStringLiteral("hit_times")).toArray().isEmpty());
        auto &set = c.value(QStringLiteral("split")).toString() == QLatin1String("train") ? trainSources : testSources;
        set.insert(c.value(QStringLiteral("audio_source")).toString());
        set.insert(c.value(QStringLiteral("picture_source")).toString());
    }
    QVERIFY(!trainSources.intersects(testSources));

    auto info = media::probeMedia(
        tmp.filePath(QStringLiteral("a/") + clips[0].toObject().value(QStringLiteral("file")).toString()));
    QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().message));
    QCOMPARE(info->width, 224);
    QCOMPARE(info->height, 224);
    QVERIFY(info->hasAudio);
    QCOMPARE(info->audioRate, 16000);
    QVERIFY(qAbs(info->duration - 3.0) < 0.15);
    QVERIFY(qAbs(info->frameRate - 15.0) < 0.01);
}

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
