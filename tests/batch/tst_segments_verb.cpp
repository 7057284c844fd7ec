// The `segments` batch verb, run in-process on a WAV file written here: exit codes, the JSON
// report (boundaries near the truth, parameters, mask for a seed) and the PNG's size.
#include <torch/torch.h>

#include "batch/verb_parser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest/QtTest>

#include <cmath>

namespace avt::batch {
int runSegments(const QStringList &args); // batch/verbs/segments.cpp
}

namespace {

// 16 kHz mono 16-bit PCM WAV with tones at 600 Hz over [1.0, 2.5) s and 1500 Hz over
// [4.0, 5.0) s in 6 s of faint noise.
bool writeToneWav(const QString &path)
{
    const int rate = 16000, n = 6 * rate;
    std::vector<qint16> pcm(static_cast<size_t>(n));
    unsigned state = 12345u;
    for (int i = 0; i < n; ++i) {
        state = state * 1664525u + 1013904223u;
        double v = 1e-3 * (double(state >> 8) / double(1u << 24) - 0.5);
        const double t = double(i) / rate;
        if (t >= 1.0 && t < 2.5)
            v += 0.3 * std::sin(2.0 * M_PI * 600.0 * t);
        if (t >= 4.0 && t < 5.0)
            v += 0.2 * std::sin(2.0 * M_PI * 1500.0 * t);
        pcm[size_t(i)] = qint16(std::lround(v * 32767.0));
    }
    QByteArray b;
    auto u32 = [&b](quint32 v) {
        char c[4];
        qToLittleEndian(v, c);
        b.append(c, 4);
    };
    auto u16 = [&b](quint16 v) {
        char c[2];
        qToLittleEndian(v, c);
        b.append(c, 2);
    };
    const quint32 dataBytes = quint32(n * 2);
    b.append("RIFF", 4);
    u32(36 + dataBytes);
    b.append("WAVE", 4);
    b.append("fmt ", 4);
    u32(16);
    u16(1);
    u16(1);
    u32(rate);
    u32(rate * 2);
    u16(2);
    u16(16);
    b.append("data", 4);
    u32(dataBytes);
    b.append(reinterpret_cast<const char *>(pcm.data()), int(dataBytes));
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(b) == b.size();
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestSegmentsVerb : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void writesReportAndPicture();
    void sameSeedSameMask();
    void usageAndFailures();

private:
    QTemporaryDir m_dir;
    QString m_wav;
};

void TestSegmentsVerb::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // AVT_KEEP_TEST_OUTPUT=1 keeps the folder (to look at the PNG) and prints where it is.
    if (qEnvironmentVariableIsSet("AVT_KEEP_TEST_OUTPUT")) {
        m_dir.setAutoRemove(false);
        qInfo("output kept in %s", qPrintable(m_dir.path()));
    }
    m_wav = m_dir.filePath(QStringLiteral("tones.wav"));
    QVERIFY(writeToneWav(m_wav));
}

void TestSegmentsVerb::writesReportAndPicture()
{
    const QString out = m_dir.filePath(QStringLiteral("out"));
    const int rc = avt::batch::runSegments({m_wav, QStringLiteral("--out"), out, QStringLiteral("--seed"),
                                            QStringLiteral("3"), QStringLiteral("--probability"), QStringLiteral("0.5"),
                                            QStringLiteral("--max-segments"), QStringLiteral("6")});
    QCOMPARE(rc, 0);
    const QJsonObject r = readJson(out + QStringLiteral("/tones.segments.json"));
    QVERIFY(!r.isEmpty());
    QCOMPARE(r.value(QStringLiteral("params")).toObject().value(QStringLiteral("maxSegments")).toInt(), 6);
    QCOMPARE(r.value(QStringLiteral("params")).toObject().size(), 9);
    const QJsonObject src = r.value(QStringLiteral("source")).toObject();
    QCOMPARE(src.value(QStringLiteral("frames")).toInt(), 1024); // padded as AST does
    QCOMPARE(src.value(QStringLiteral("clipFrames")).toInt(), 598);
    QCOMPARE(r.value(QStringLiteral("activity")).toArray().size(), 1024);

    // Truth frames (first window overlapping an onset, first window after an offset):
    // 1.0 s -> 98, 2.5 s -> 250, 4.0 s -> 398, 5.0 s -> 500; the zero padding starts at 598.
    const std::vector<int> truth = {98, 250, 398, 500, 598};
    const QJsonArray b = r.value(QStringLiteral("boundaries")).toArray();
    QCOMPARE(b.size(), qsizetype(truth.size()));
    for (qsizetype i = 0; i < b.size(); ++i) {
        const QJsonObject o = b[i].toObject();
        const int frame = o.value(QStringLiteral("frame")).toInt();
        QVERIFY2(std::abs(frame - truth[size_t(i)]) <= 2, qPrintable(QString::number(frame)));
        QCOMPARE(o.value(QStringLiteral("seconds")).toDouble(), frame * 0.010);
    }
    // Half of 6 segments are masked, and the segments marked masked are the mask's.
    const QJsonObject mask = r.value(QStringLiteral("mask")).toObject();
    QCOMPARE(mask.value(QStringLiteral("maskedSegments")).toArray().size(), 3);
    QCOMPARE(mask.value(QStringLiteral("patchRule")).toString(), QStringLiteral("half"));
    QCOMPARE(mask.value(QStringLiteral("tokens")).toInt(), 1212);
    int maskedFrames = 0, markedMasked = 0;
    for (const QJsonValue &s : r.value(QStringLiteral("segments")).toArray()) {
        const QJsonObject o = s.toObject();
        if (o.value(QStringLiteral("masked")).toBool()) {
            ++markedMasked;
            maskedFrames += o.value(QStringLiteral("endFrame")).toInt() - o.value(QStringLiteral("startFrame")).toInt();
        }
    }
    QCOMPARE(markedMasked, 3);
    QCOMPARE(mask.value(QStringLiteral("maskedFrames")).toInt(), maskedFrames);
    QCOMPARE(mask.value(QStringLiteral("maskedTokens")).toInt(),
             12 * int(mask.value(QStringLiteral("maskedTimePatches")).toArray().size()));

    // PNG: signature and the IHDR size (56 + 1024 + 16 wide, 30 + 256 + 10 + 110 + 34 high).
    QFile png(out + QStringLiteral("/tones.segments.png"));
    QVERIFY(png.open(QIODevice::ReadOnly));
    const QByteArray head = png.read(24);
    QVERIFY(head.startsWith("\x89PNG\r\n\x1a\n"));
    QCOMPARE(qFromBigEndian<quint32>(head.constData() + 16), quint32(1096));
    QCOMPARE(qFromBigEndian<quint32>(head.constData() + 20), quint32(440));
}

void TestSegmentsVerb::sameSeedSameMask()
{
    auto run = [&](const QString &seed, const QString &dir) {
        const QString out = m_dir.filePath(dir);
        if (avt::batch::runSegments({m_wav, QStringLiteral("--out"), out, QStringLiteral("--seed"), seed,
                                     QStringLiteral("--probability"), QStringLiteral("0.3"), QStringLiteral("--frames"),
                                     QStringLiteral("0")})
            != 0)
            return QJsonObject();
        return readJson(out + QStringLiteral("/tones.segments.json"));
    };
    const QJsonObject a = run(QStringLiteral("7"), QStringLiteral("a")),
                      b = run(QStringLiteral("7"), QStringLiteral("b"));
    QVERIFY(!a.isEmpty());
    QCOMPARE(a, b);
    QCOMPARE(a.value(QStringLiteral("source")).toObject().value(QStringLiteral("frames")).toInt(), 598);
    bool differs = false;
    for (int s = 8; s < 14 && !differs; ++s)
        differs = run(QString::number(s), QStringLiteral("c")).value(QStringLiteral("mask"))
                  != a.value(QStringLiteral("mask"));
    QVERIFY(differs);
}

void TestSegmentsVerb::usageAndFailures()
{
    const QString out = m_dir.filePath(QStringLiteral("bad"));
    QCOMPARE(avt::batch::runSegments({m_wav}), 2); // no --out
    QCOMPARE(avt::batch::runSegments(
                 {m_wav, QStringLiteral("--out"), out, QStringLiteral("--smooth-window"), QStringLiteral("4")}),
             2); // even window
    QCOMPARE(avt::batch::runSegments({m_wav, QStringLiteral("--out"), out, QStringLiteral("--smooth-window"),
                                      QStringLiteral("3"), QStringLiteral("--smooth-order"), QStringLiteral("3")}),
             2);
    QCOMPARE(avt::batch::runSegments(
                 {m_wav, QStringLiteral("--out"), out, QStringLiteral("--probability"), QStringLiteral("2")}),
             2);
    QCOMPARE(avt::batch::runSegments(
                 {m_wav, QStringLiteral("--out"), out, QStringLiteral("--patch-rule"), QStringLiteral("most")}),
             2);
    QCOMPARE(avt::batch::runSegments({m_dir.filePath(QStringLiteral("missing.wav")), QStringLiteral("--out"), out}), 1);
    QCOMPARE(avt::batch::runSegments({QStringLiteral("--help")}), 0);
}

QTEST_GUILESS_MAIN(TestSegmentsVerb)
#include "tst_segments_verb.moc"
