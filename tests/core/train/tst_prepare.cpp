// `prepare` and training from a prepared clip cache, through the binary on a small demo
// workspace: the run trained from the cache ends with exactly the weights of the run that
// decoded; a settings change makes training decode with a message; an interrupted prepare
// (stopped, or killed after writing records it did not commit) is never read as complete and
// resumes; a damaged cache is reported by training (which decodes instead), marked, and rebuilt
// by the next prepare.
#include "app_fixture.h"
#include "core/store/clip_cache_store.h"
#include "core/store/database.h"
#include "core/store/dataset_store.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/checkpoint.h"
#include "core/train/prepare.h"
#include "core/train/run_config.h"
#include "model/avt/avt_model.h"
#include "run_weights.h"

#include <torch/torch.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace avt;

class TestPrepare : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void trainingFromTheCacheEndsWithTheSameWeights();
    void settingsChangeDecodesWithAMessage();
    void interruptedPrepareIsResumed();
    void damagedCacheIsReportedAndRebuilt();

private:
    using Run = avt::test::AppRun;
    static const QStringList &settings()
    {
        static const QStringList s{QStringLiteral("model.preset=avt-tiny"), QStringLiteral("data.clip_seconds=3"),
                                   QStringLiteral("data.workers=1"),        QStringLiteral("optim.batch=4"),
                                   QStringLiteral("optim.lr=1e-3"),         QStringLiteral("optim.warmup_steps=3"),
                                   QStringLiteral("optim.epochs=2"),        QStringLiteral("run.threads=1")};
        return s;
    }
    QStringList trainArgs(const QString &name, const QStringList &extra = {}) const
    {
        QStringList a{QStringLiteral("--batch"),    QStringLiteral("train"), QStringLiteral("--workspace"), m_ws,
                      QStringLiteral("--dataset"),  QStringLiteral("demo"),  QStringLiteral("--name"),      name,
                      QStringLiteral("--progress"), QStringLiteral("json")};
        for (const QString &kv : settings() + extra)
            a << QStringLiteral("--set") << kv;
        return a;
    }
    QStringList prepareArgs(const QStringList &options = {}) const
    {
        QStringList a{QStringLiteral("--batch"),
                      QStringLiteral("prepare"),
                      QStringLiteral("--workspace"),
                      m_ws,
                      QStringLiteral("--dataset"),
                      QStringLiteral("demo"),
                      QStringLiteral("--progress"),
                      QStringLiteral("none"),
                      QStringLiteral("--json"),
                      QStringLiteral("--threads"),
                      QStringLiteral("2")};
        for (const QString &kv : settings())
            a << QStringLiteral("--set") << kv;
        return a + options;
    }
    static Run run(const QStringList &args) { return avt::test::runApp(args); }
    // The run config the training and prepare arguments above give.
    static train::RunConfig config()
    {
        train::RunConfig c;
        if (!c.applyOverrides(settings()) || !c.set(QStringLiteral("run.dataset"), QStringLiteral("demo")))
            qFatal("the test's settings are refused");
        return c;
    }
    // The JSON summary `prepare --json` prints last.
    static QJsonObject summary(const Run &r)
    {
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        return lines.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(lines.last()).object();
    }
    // The cache entry of the summary whose modes contain `mode`.
    static QJsonObject cacheOf(const QJsonObject &s, const QString &mode)
    {
        for (const QJsonValue &v : s.value(QStringLiteral("caches")).toArray())
            if (v.toObject().value(QStringLiteral("modes")).toString().contains(mode))
                return v.toObject();
        return {};
    }
    // The finished event of a training run's JSON lines.
    static QJsonObject finished(const Run &r)
    {
        QJsonObject last;
        for (const QByteArray &l : r.out.split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(l).object();
            if (o.value(QStringLiteral("event")).toString() == QLatin1String("finished"))
                last = o;
        }
        return last;
    }
    std::map<std::string, at::Tensor> finalWeights(const QString &runName) const
    {
        return avt::test::finalWeights(m_ws, runName);
    }
    static double maxDifference(const std::map<std::string, at::Tensor> &a, const std::map<std::string, at::Tensor> &b)
    {
        return avt::test::maxDifference(a, b);
    }
    // The store row of the training cache (the one with mode "train").
    store::ClipCacheRow trainCacheRow()
    {
        auto ws = store::Workspace::open(m_ws);
        auto ds = store::findDataset((*ws)->db(), QStringLiteral("demo"));
        auto rows = store::listClipCaches((*ws)->db(), ds->id);
        for (const store::ClipCacheRow &r : *rows)
            if (r.folder.endsWith(m_trainHash))
                return r;
        return {};
    }
    QString trainDataFile() const { return m_trainFolder + QStringLiteral("/data.bin"); }

    QTemporaryDir m_tmp;
    QString m_ws;
    QString m_trainHash, m_trainFolder;
    std::map<std::string, at::Tensor> m_decodedWeights;
};

void TestPrepare::initTestCase()
{
    m_ws = m_tmp.filePath(QStringLiteral("ws"));
    int usable = 0;
    const QString made = avt::test::makeDemoWorkspace(m_tmp.filePath(QStringLiteral("demo")), m_ws, 4, 3, &usable);
    QVERIFY2(made.isEmpty(), qPrintable(made));
    QCOMPARE(usable, 40);
    // The reference: decoding (no cache exists yet; data.prepared is on and finds none).
    const Run r = run(trainArgs(QStringLiteral("decoded")));
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(finished(r).value(QStringLiteral("prepared_hits")).toInt(), 0);
    m_decodedWeights = finalWeights(QStringLiteral("decoded"));
    QVERIFY(!m_decodedWeights.empty());
    // What the launcher shows before anything is prepared: nothing for either mode.
    auto status = train::preparedCacheStatus(m_ws, config());
    QVERIFY2(status.ok(), status.ok() ? "" : qPrintable(status.error().message));
    QVERIFY(status->enabled && !status->complete());
    QCOMPARE(int(status->caches.size()), 2);
    QCOMPARE(status->caches[0].modes, QStringLiteral("train"));
    QVERIFY(status->caches[0].status.isEmpty() && status->caches[0].otherSettings.isEmpty());
    QCOMPARE(status->caches[1].modes, QStringLiteral("eval"));
    // A dataset the workspace lacks is an error naming it.
    train::RunConfig other = config();
    QVERIFY(other.set(QStringLiteral("run.dataset"), QStringLiteral("nosuch")).ok());
    auto missing = train::preparedCacheStatus(m_ws, other);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().message.contains(QStringLiteral("nosuch")), qPrintable(missing.error().message));
}

void TestPrepare::trainingFromTheCacheEndsWithTheSameWeights()
{
    const Run p = run(prepareArgs());
    QVERIFY2(p.code == 0, p.err.constData());
    const QJsonObject s = summary(p);
    QVERIFY2(s.value(QStringLiteral("complete")).toBool(), p.out.constData());
    // Random resized crops: training (short side 140) and evaluation (112) have caches of their own.
    const QJsonObject train = cacheOf(s, QStringLiteral("train")), eval = cacheOf(s, QStringLiteral("eval"));
    QCOMPARE(train.value(QStringLiteral("modes")).toString(), QStringLiteral("train"));
    QCOMPARE(eval.value(QStringLiteral("modes")).toString(), QStringLiteral("eval"));
    QCOMPARE(train.value(QStringLiteral("planned")).toInt(), 30);
    QCOMPARE(train.value(QStringLiteral("written")).toInt(), 30);
    QCOMPARE(eval.value(QStringLiteral("planned")).toInt(), 10);
    QVERIFY(train.value(QStringLiteral("spec")).toString().contains(QStringLiteral("short_side=140")));
    // The estimate before writing is the size after (the demo clips all have one frame size).
    const double after = train.value(QStringLiteral("bytes_after")).toDouble();
    QVERIFY(after > 30 * 8 * 140 * 140 * 3);
    QVERIFY2(std::abs(train.value(QStringLiteral("estimated_bytes")).toDouble() - after) <= 0.05 * after,
             p.out.constData());
    m_trainHash = train.value(QStringLiteral("spec_hash")).toString();
    m_trainFolder = train.value(QStringLiteral("folder")).toString();
    QCOMPARE(QFileInfo(trainDataFile()).size(), qint64(after));
    // The store-only status agrees with what prepare wrote.
    auto status = train::preparedCacheStatus(m_ws, config());
    QVERIFY(status.ok() && status->complete());
    QCOMPARE(status->caches[0].specHash, m_trainHash);
    QCOMPARE(status->caches[0].entries, qint64(30));
    QCOMPARE(status->caches[0].bytes, qint64(after));
    QCOMPARE(status->caches[1].entries, qint64(10));

    const Run r = run(trainArgs(QStringLiteral("cached")));
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.out.contains("training: reading the prepared clip cache")
                 && r.out.contains("evaluation: reading the prepared clip cache"),
             r.out.constData());
    const QJsonObject f = finished(r);
    QCOMPARE(f.value(QStringLiteral("prepared_hits")).toInt(), 56); // 2 epochs x 7 batches of 4
    QCOMPARE(f.value(QStringLiteral("prepared_misses")).toInt(), 0);
    const double diff = maxDifference(m_decodedWeights, finalWeights(QStringLiteral("cached")));
    qInfo("trained from the prepared cache vs decoding: largest weight difference %g", diff);
    QCOMPARE(diff, 0.0);

    // Again: nothing to write.
    const Run again = run(prepareArgs());
    QVERIFY2(again.code == 0, again.err.constData());
    QCOMPARE(cacheOf(summary(again), QStringLiteral("train")).value(QStringLiteral("written")).toInt(), 0);
    QCOMPARE(cacheOf(summary(again), QStringLiteral("train")).value(QStringLiteral("present")).toInt(), 30);
}

void TestPrepare::settingsChangeDecodesWithAMessage()
{
    QVERIFY(!m_trainHash.isEmpty());
    const Run r = run(trainArgs(QStringLiteral("other-scale"), {QStringLiteral("data.scale_max=1.5")})
                      + QStringList{QStringLiteral("--max-steps"), QStringLiteral("2")});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.err.contains("training: the prepared clip cache of this dataset was made for other settings "
                            "(short_side: 140 -> 168)"),
             r.err.constData());
    // The status names the same difference before a run is started.
    train::RunConfig changed = config();
    QVERIFY(changed.set(QStringLiteral("data.scale_max"), QStringLiteral("1.5")).ok());
    auto status = train::preparedCacheStatus(m_ws, changed);
    QVERIFY(status.ok() && !status->complete());
    QVERIFY(status->caches[0].status.isEmpty());
    QCOMPARE(status->caches[0].otherSettings, QStringList{QStringLiteral("short_side: 140 -> 168")});
    QCOMPARE(status->caches[1].status, QStringLiteral("complete"));
    QCOMPARE(finished(r).value(QStringLiteral("prepared_hits")).toInt(), 0);
    // Evaluation's settings did not change: it still reads its cache.
    QVERIFY2(r.out.contains("evaluation: reading the prepared clip cache"), r.out.constData());
}

void TestPrepare::interruptedPrepareIsResumed()
{
    QVERIFY(!m_trainHash.isEmpty());
    // Stopped after 5 windows (as by SIGTERM): not complete, exit code 1.
    const Run stopped =
        run(prepareArgs({QStringLiteral("--rebuild"), QStringLiteral("--max-entries"), QStringLiteral("5")}));
    QCOMPARE(stopped.code, 1);
    const QJsonObject s = summary(stopped);
    QVERIFY(!s.value(QStringLiteral("complete")).toBool());
    QVERIFY(s.value(QStringLiteral("caches")).toArray().size() >= 1);
    store::ClipCacheRow row = trainCacheRow();
    QCOMPARE(row.status, QStringLiteral("building"));
    const qint64 committed = row.bytes;
    QCOMPARE(QFileInfo(trainDataFile()).size(), committed);
    // A killed prepare leaves records it wrote after its last commit: half a record of junk.
    {
        QFile f(trainDataFile());
        QVERIFY(f.open(QIODevice::Append));
        f.write(QByteArray(200000, 'x'));
    }
    // Training does not read an incomplete cache.
    const Run t = run(trainArgs(QStringLiteral("while-building"))
                      + QStringList{QStringLiteral("--max-steps"), QStringLiteral("1")});
    QVERIFY2(t.code == 0, t.err.constData());
    QVERIFY2(t.err.contains("the prepared clip cache is not complete"), t.err.constData());
    QCOMPARE(finished(t).value(QStringLiteral("prepared_hits")).toInt(), 0);

    // Resume: what is there is kept, the junk cut off, the rest written.
    const Run resumed = run(prepareArgs());
    QVERIFY2(resumed.code == 0, resumed.err.constData());
    const QJsonObject train = cacheOf(summary(resumed), QStringLiteral("train"));
    const qint64 present = train.value(QStringLiteral("present")).toInteger();
    QVERIFY2(present >= 1 && present <= 5, resumed.out.constData());
    QCOMPARE(train.value(QStringLiteral("written")).toInteger(), 30 - present);
    QVERIFY(!train.value(QStringLiteral("rebuilt")).toBool());
    row = trainCacheRow();
    QCOMPARE(row.status, QStringLiteral("complete"));
    QCOMPARE(QFileInfo(trainDataFile()).size(), row.bytes);
    // Every record checks out.
    const Run verified = run(prepareArgs({QStringLiteral("--verify")}));
    QVERIFY2(verified.code == 0, verified.err.constData());
    QVERIFY(!cacheOf(summary(verified), QStringLiteral("train")).value(QStringLiteral("rebuilt")).toBool());
}

void TestPrepare::damagedCacheIsReportedAndRebuilt()
{
    QVERIFY(!m_trainHash.isEmpty());
    store::ClipCacheRow row = trainCacheRow();
    QCOMPARE(row.status, QStringLiteral("complete"));
    // Damage every record's frames (one byte each) so that whatever the first epoch reads is hit.
    {
        auto ws = store::Workspace::open(m_ws);
        auto index = store::loadClipCacheIndex((*ws)->db(), row.id);
        QVERIFY(index.ok() && index->size() == 30);
        QFile f(trainDataFile());
        QVERIFY(f.open(QIODevice::ReadWrite));
        for (const auto &[key, rec] : *index) {
            char c = 0;
            QVERIFY(f.seek(rec.offset + 64 + 500) && f.getChar(&c));
            QVERIFY(f.seek(rec.offset + 64 + 500) && f.putChar(char(c ^ 0x21)));
        }
    }
    // Training reports it, decodes instead (same weights as decoding) and marks the cache.
    const Run r = run(trainArgs(QStringLiteral("damaged")));
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.err.contains("damaged record(s) decoded instead") && r.err.contains("checksum mismatch")
                 && r.err.contains("marked for rebuilding"),
             r.err.constData());
    QCOMPARE(maxDifference(m_decodedWeights, finalWeights(QStringLiteral("damaged"))), 0.0);
    row = trainCacheRow();
    QCOMPARE(row.status, QStringLiteral("corrupt"));
    QVERIFY(row.message.contains(QStringLiteral("checksum mismatch")));
    // The next run does not read it; prepare rebuilds it; then it is read again.
    const Run next = run(trainArgs(QStringLiteral("after-damage"))
                         + QStringList{QStringLiteral("--max-steps"), QStringLiteral("1")});
    QVERIFY2(next.err.contains("the prepared clip cache is damaged"), next.err.constData());
    const Run rebuilt = run(prepareArgs());
    QVERIFY2(rebuilt.code == 0, rebuilt.err.constData());
    const QJsonObject train = cacheOf(summary(rebuilt), QStringLiteral("train"));
    QVERIFY(train.value(QStringLiteral("rebuilt")).toBool());
    QVERIFY2(train.value(QStringLiteral("rebuild_reason")).toString().contains(QStringLiteral("marked damaged")),
             rebuilt.out.constData());
    QCOMPARE(train.value(QStringLiteral("written")).toInt(), 30);
    QCOMPARE(trainCacheRow().status, QStringLiteral("complete"));
    const Run reread = run(trainArgs(QStringLiteral("after-rebuild"))
                           + QStringList{QStringLiteral("--max-steps"), QStringLiteral("2")});
    QVERIFY2(reread.code == 0, reread.err.constData());
    QVERIFY(finished(reread).value(QStringLiteral("prepared_hits")).toInt()
            >= 8); // 2 batches of 4, and prefetched ones
    QCOMPARE(finished(reread).value(QStringLiteral("prepared_misses")).toInt(), 0);

    // A data file cut short is found by prepare itself and rebuilt.
    QVERIFY(QFile::resize(trainDataFile(), QFileInfo(trainDataFile()).size() / 2));
    const Run cut = run(prepareArgs());
    QVERIFY2(cut.code == 0, cut.err.constData());
    const QJsonObject c = cacheOf(summary(cut), QStringLiteral("train"));
    QVERIFY2(
        c.value(QStringLiteral("rebuild_reason")).toString().contains(QStringLiteral("but its index reaches byte")),
        cut.out.constData());
    QCOMPARE(trainCacheRow().status, QStringLiteral("complete"));
}

QTEST_GUILESS_MAIN(TestPrepare)
#include "tst_prepare.moc"
