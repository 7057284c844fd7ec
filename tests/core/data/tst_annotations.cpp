// Annotation readers: every format, bad rows reported with line numbers, file name choice.
#include "core/data/annotations.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace avt::data;

class TestAnnotations : public QObject {
    Q_OBJECT
private slots:
    void csvLineSplitting();
    void timestamps();
    void genericCsv();
    void vggSound();
    void kineticsSounds();
    void epicKitchens();
    void missingFileIsAnError();
    void nonFiniteAndNegativeTimesAreBadRows();

private:
    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(content);
        return path;
    }
    void touch(const QString &rel)
    {
        QDir(m_dir.path()).mkpath(QFileInfo(m_dir.filePath(rel)).path());
        QFile f(m_dir.filePath(rel));
        f.open(QIODevice::WriteOnly);
    }
    QTemporaryDir m_dir;
};

void TestAnnotations::csvLineSplitting()
{
    QStringList f;
    QVERIFY(splitCsvLine(QStringLiteral("a,\"b, c\",\"say \"\"hi\"\"\",,"), &f));
    QCOMPARE(f, (QStringList{QStringLiteral("a"), QStringLiteral("b, c"), QStringLiteral("say \"hi\""), QString(),
                             QString()}));
    QVERIFY(!splitCsvLine(QStringLiteral("a,\"unterminated"), &f));
}

void TestAnnotations::timestamps()
{
    QCOMPARE(parseTimestamp(QStringLiteral("00:01:02.50")), 62.5);
    QCOMPARE(parseTimestamp(QStringLiteral("01:00:00.00")), 3600.0);
    QCOMPARE(parseTimestamp(QStringLiteral("02:03.25")), 123.25);
    QCOMPARE(parseTimestamp(QStringLiteral("7.5")), 7.5);
    QCOMPARE(parseTimestamp(QStringLiteral("00:61:00.00")), -1.0);
    QCOMPARE(parseTimestamp(QStringLiteral("ab:00:00")), -1.0);
    QCOMPARE(parseTimestamp(QStringLiteral("nan")), -1.0);
    QCOMPARE(parseTimestamp(QStringLiteral("00:00:inf")), -1.0);
    QCOMPARE(parseTimestamp(QStringLiteral("-00:00:01.00")), -1.0);
}

void TestAnnotations::genericCsv()
{
    const QString path = write(QStringLiteral("plain.csv"),
                               "path,label,split\n"
                               "clips/a.mp4,dog,train\n"
                               "clips/b.mp4,\"cat, small\",test\n"
                               "\n"
                               "clips/c.mp4\n"           // line 5: too few fields
                               "clips/a.mp4,dog,train\n" // line 6: duplicate
                               "clips/d.mp4,bird\n");
    AnnotationOptions o;
    auto a = readAnnotations(path, o);
    QVERIFY(a.ok());
    QCOMPARE(a->clips.size(), 3);
    QCOMPARE(a->clips[1].label(), QStringLiteral("cat, small"));
    QCOMPARE(a->clips[2].split, QString());
    QCOMPARE(a->clips[2].sourceLine, 7);
    QCOMPARE(a->badRows.size(), 2);
    QCOMPARE(a->badRows[0].line, 5);
    QCOMPARE(a->badRows[1].line, 6);
    // Class indices follow the sorted label names.
    QCOMPARE(a->clips[2].labels[0].classIndex, 0); // bird
    QCOMPARE(a->clips[1].labels[0].classIndex, 1); // cat, small
    QCOMPARE(a->clips[0].labels[0].classIndex, 2); // dog
    QCOMPARE(a->mediaRoot, QFileInfo(m_dir.path()).absoluteFilePath());
}

void TestAnnotations::vggSound()
{
    touch(QStringLiteral("vgg/--0PQM4-hqg_000030.mp4"));
    touch(QStringLiteral("vgg/zz9_12.mp4"));
    const QString path = write(QStringLiteral("vggsound.csv"),
                               "--0PQM4-hqg,30,\"waterfall burbling\",train\n"
                               "zz9,12,\"people, crowd\",test\n"
                               "abc,xx,dog,train\n" // line 3: bad start
                               "abd,5,dog,valid\n"  // line 4: bad split
                               "nofile,40,dog,test\n");
    AnnotationOptions o;
    o.format = AnnotationFormat::VggSound;
    o.mediaRoot = m_dir.filePath(QStringLiteral("vgg"));
    auto a = readAnnotations(path, o);
    QVERIFY(a.ok());
    QCOMPARE(a->clips.size(), 3);
    QCOMPARE(a->clips[0].path, QStringLiteral("--0PQM4-hqg_000030.mp4"));
    QCOMPARE(a->clips[0].key, QStringLiteral("--0PQM4-hqg_30"));
    QCOMPARE(a->clips[1].path, QStringLiteral("zz9_12.mp4")); // the second naming exists
    QCOMPARE(a->clips[1].label(), QStringLiteral("people, crowd"));
    QCOMPARE(a->clips[2].path, QStringLiteral("nofile_000040.mp4")); // first candidate when none exists
    QCOMPARE(a->badRows.size(), 2);
    QCOMPARE(a->badRows[0].line, 3);
    QVERIFY(a->badRows[1].message.contains(QStringLiteral("valid")));

    o.filenamePattern = QStringLiteral("{id}-{start}.mkv");
    auto b = readAnnotations(path, o);
    QCOMPARE(b->clips[0].path, QStringLiteral("--0PQM4-hqg-30.mkv"));
}

void TestAnnotations::kineticsSounds()
{
    const QString classes = write(QStringLiteral("ks_classes.txt"), "playing drums\nchopping wood\n");
    const QString path = write(QStringLiteral("kinetics.csv"),
                               "label,youtube_id,time_start,time_end,split,is_cc\n"
                               "playing drums,abc,10,20,train,0\n"
                               "reading book,def,0,10,train,0\n"
                               "chopping wood,ghi,5,15,val,1\n"
                               "chopping wood,jkl,15,5,val,1\n"); // line 5: end before start
    AnnotationOptions o;
    o.format = AnnotationFormat::KineticsSounds;
    o.classListFile = classes;
    auto a = readAnnotations(path, o);
    QVERIFY(a.ok());
    QCOMPARE(a->clips.size(), 2);
    QCOMPARE(a->filteredRows, 1);
    QCOMPARE(a->badRows.size(), 1);
    QCOMPARE(a->badRows[0].line, 5);
    QCOMPARE(a->clips[0].path, QStringLiteral("abc_000010_000020.mp4"));
    QCOMPARE(a->clips[1].labels[0].classIndex, 1); // class list order
    auto bad = readAnnotations(write(QStringLiteral("nohdr.csv"), "playing drums,abc,10,20,train\n"), o);
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.contains(QStringLiteral("header")));
}

void TestAnnotations::epicKitchens()
{
    touch(QStringLiteral("epic/P01/P01_01.MP4"));
    const QString path =
        write(QStringLiteral("EPIC_100_validation.csv"),
              "narration_id,participant_id,video_id,narration_timestamp,start_timestamp,stop_timestamp,start_frame,"
              "stop_frame,narration,verb,verb_class,noun,noun_class,all_nouns,all_noun_classes\n"
              "P01_01_0,P01,P01_01,00:00:01.089,00:00:00.14,00:00:03.37,8,202,open door,open,3,door,8,['door'],[8]\n"
              "P01_01_1,P01,P01_01,00:00:02.629,00:00:04.37,00:00:06.17,262,370,\"turn on light, "
              "kitchen\",turn-on,6,light,114,['light'],[114]\n"
              "P01_01_2,P01,P01_01,00:00:05.000,00:00:09.00,00:00:08.00,1,2,x,open,3,door,8,['door'],[8]\n"
              "P01_01_3,P01,P01_01,00:00:05.000,00:00:0x.00,00:00:08.00,1,2,x,open,3,door,8,['door'],[8]\n");
    AnnotationOptions o;
    o.format = AnnotationFormat::Epic100;
    o.mediaRoot = m_dir.filePath(QStringLiteral("epic"));
    auto a = readAnnotations(path, o);
    QVERIFY(a.ok());
    QCOMPARE(a->clips.size(), 2);
    QCOMPARE(a->badRows.size(), 2);
    QCOMPARE(a->badRows[0].line, 4);
    QCOMPARE(a->badRows[1].line, 5);
    const Clip &c = a->clips[1];
    QCOMPARE(c.path, QStringLiteral("P01/P01_01.MP4"));
    QCOMPARE(c.split, QStringLiteral("validation"));
    QCOMPARE(c.startS, 4.37);
    QCOMPARE(c.endS, 6.17);
    QCOMPARE(c.label(QStringLiteral("verb")), QStringLiteral("turn-on"));
    QCOMPARE(c.labels[1].classIndex, 114);
}

void TestAnnotations::missingFileIsAnError()
{
    auto a = readAnnotations(m_dir.filePath(QStringLiteral("nope.csv")), {});
    QVERIFY(!a.ok());
    QVERIFY(a.error().message.contains(QStringLiteral("nope.csv")));
}

// Times that QString::toDouble accepts but are no times (nan, inf) and negative times are bad
// rows with their line number, in every format that has times; the good rows still load.
void TestAnnotations::nonFiniteAndNegativeTimesAreBadRows()
{
    AnnotationOptions o;
    o.format = AnnotationFormat::VggSound;
    auto v = readAnnotations(write(QStringLiteral("vgg-times.csv"), "ok1,30,dog,train\n"
                                                                    "n1,nan,dog,train\n"
                                                                    "i1,inf,dog,train\n"
                                                                    "i2,-inf,dog,train\n"
                                                                    "m1,-5,dog,train\n"),
                             o);
    QVERIFY(v.ok());
    QCOMPARE(v->clips.size(), 1);
    QCOMPARE(v->badRows.size(), 4);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(v->badRows[i].line, i + 2);
    const QString classes = write(QStringLiteral("ks-times-classes.txt"), "dog\n");
    o.format = AnnotationFormat::KineticsSounds;
    o.classListFile = classes;
    auto k = readAnnotations(write(QStringLiteral("ks-times.csv"), "label,youtube_id,time_start,time_end,split\n"
                                                                   "dog,a,0,10,train\n"
                                                                   "dog,b,nan,10,train\n"
                                                                   "dog,c,0,inf,train\n"
                                                                   "dog,d,-1,10,train\n"
                                                                   "dog,e,10,1e27,train\n"),
                             o);
    QVERIFY(k.ok());
    QCOMPARE(k->clips.size(), 1);
    QCOMPARE(k->badRows.size(), 4); // 1e27 s (found by fuzzing: formatting it as a file name was UB)
    QCOMPARE(k->badRows[0].line, 3);
    QCOMPARE(k->badRows[2].line, 5);

    // A control character (NUL here) makes the row bad (found by fuzzing: Qt warned "Broken
    // filename passed to function" for every candidate file name made from it).
    o.format = AnnotationFormat::Csv;
    auto c = readAnnotations(write(QStringLiteral("nul.csv"), QByteArray("a.mp4,dog\nb\0.mp4,dog\n", 21)), o);
    QVERIFY(c.ok());
    QCOMPARE(c->clips.size(), 1);
    QCOMPARE(c->badRows.size(), 1);
    QVERIFY2(c->badRows[0].message.contains(QStringLiteral("control character 0x00")),
             qPrintable(c->badRows[0].message));
}

QTEST_GUILESS_MAIN(TestAnnotations)
#include "tst_annotations.moc"
