// The run store: workspace creation, schema migrations, dataset/clip round trips.
#include "core/store/clip_cache_store.h"
#include "core/store/database.h"
#include "core/store/dataset_store.h"
#include "core/store/run_store.h"
#include "core/store/schema.h"
#include "core/store/workspace.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace avt;

class TestStore : public QObject {
    Q_OBJECT
private slots:
    void createsWorkspaceWithSchema();
    void refusesNewerSchemaUntouched();
    void refusesFileThatIsNotADatabase();
    void clipsRoundTripAndUpsertIsIdempotent();
    void walAllowsSecondConnection();
    void versionOneStoreMigratesWithItsRuns();
    void runLockAndInterruptedStatus();
    void storedPathsStayInsideTheWorkspace();
    void concurrentCreationUpgradesOnce();
};

static data::Clip makeClip(const QString &key, const QString &label, const QString &split)
{
    data::Clip c;
    c.key = key;
    c.path = key + QStringLiteral(".mp4");
    c.split = split;
    c.labels = {{QStringLiteral("class"), label, 3}};
    c.facts.probed = true;
    c.facts.durationS = 10.0;
    c.facts.hasVideo = true;
    c.facts.hasAudio = false;
    c.facts.width = 320;
    c.facts.height = 240;
    c.facts.fps = 25;
    c.facts.audioRate = -1;
    c.problems = {data::problem::NoAudio};
    c.sourceLine = 7;
    return c;
}

void TestStore::createsWorkspaceWithSchema()
{
    QTemporaryDir tmp;
    const QString folder = tmp.filePath(QStringLiteral("ws"));
    QVERIFY(!store::Workspace::exists(folder));
    auto ws = store::Workspace::open(folder);
    QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.error().message));
    QVERIFY(store::Workspace::exists(folder));
    auto version = store::schemaVersion((*ws)->db());
    QVERIFY(version.ok());
    QCOMPARE(*version, store::kSchemaVersion);
    QVERIFY(QFile::exists(folder + QStringLiteral("/runs")));
    // Reopening an up-to-date store is a no-op.
    ws->reset();
    auto again = store::Workspace::open(folder);
    QVERIFY(again.ok());
}

void TestStore::refusesNewerSchemaUntouched()
{
    QTemporaryDir tmp;
    {
        auto ws = store::Workspace::open(tmp.path());
        QVERIFY(ws.ok());
        QVERIFY((*ws)->db().execScript(QStringLiteral("PRAGMA user_version = 99")).ok());
    }
    auto ws = store::Workspace::open(tmp.path());
    QVERIFY(!ws.ok());
    QVERIFY(ws.error().message.contains(QStringLiteral("newer")));
    store::Database db;
    QVERIFY(db.open(tmp.filePath(QString::fromLatin1(store::Workspace::kDatabaseName))).ok());
    QCOMPARE(*store::schemaVersion(db), 99);
}

void TestStore::refusesFileThatIsNotADatabase()
{
    QTemporaryDir tmp;
    QFile f(tmp.filePath(QString::fromLatin1(store::Workspace::kDatabaseName)));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    auto ws = store::Workspace::open(tmp.path());
    QVERIFY(!ws.ok());
    QVERIFY2(ws.error().message.contains(tmp.path()), qPrintable(ws.error().message));
    // The file is left as it was.
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray(4096, 'x'));
}

void TestStore::clipsRoundTripAndUpsertIsIdempotent()
{
    QTemporaryDir tmp;
    auto ws = store::Workspace::open(tmp.path());
    QVERIFY(ws.ok());
    store::Database &db = (*ws)->db();
    store::DatasetInfo info{0, QStringLiteral("demo"), QStringLiteral("csv"), QStringLiteral("/a.csv"),
                            QStringLiteral("/media")};
    auto id = store::upsertDataset(db, info);
    QVERIFY(id.ok());
    QList<data::Clip> clips{makeClip(QStringLiteral("a"), QStringLiteral("dog"), QStringLiteral("train")),
                            makeClip(QStringLiteral("b"), QStringLiteral("cat"), QStringLiteral("test"))};
    clips[1].startS = 1.5;
    clips[1].endS = 4.25;
    clips[1].labels = {{QStringLiteral("verb"), QStringLiteral("open"), 2},
                       {QStringLiteral("noun"), QStringLiteral("door"), 8}};
    auto st = store::upsertClips(db, *id, clips);
    QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().message));
    QVERIFY(clips[0].id > 0 && clips[1].id > clips[0].id);

    auto loaded = store::loadClips(db, *id);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->size(), 2);
    const data::Clip &b = loaded->at(1);
    QCOMPARE(b.key, QStringLiteral("b"));
    QCOMPARE(b.startS, 1.5);
    QCOMPARE(b.endS, 4.25);
    QCOMPARE(b.label(QStringLiteral("noun")), QStringLiteral("door"));
    QCOMPARE(b.labels.size(), 2);
    QCOMPARE(b.facts.width, 320);
    QCOMPARE(b.facts.audioRate, -1);
    QCOMPARE(b.problems, QStringList{data::problem::NoAudio});
    QCOMPARE(b.sourceLine, 7);

    // Same keys again with a change: same ids, updated values, no duplicates.
    const qint64 idA = clips[0].id;
    clips[0].split = QStringLiteral("validation");
    QVERIFY(store::upsertClips(db, *id, clips).ok());
    QCOMPARE(clips[0].id, idA);
    auto again = store::loadClips(db, *id);
    QCOMPARE(again->size(), 2);
    QCOMPARE(again->at(0).split, QStringLiteral("validation"));
    QCOMPARE(again->at(1).labels.size(), 2);
    auto id2 = store::upsertDataset(db, info);
    QCOMPARE(*id2, *id);
    auto counts = store::countClips(db, *id);
    QCOMPARE(counts->total, 2);
    QCOMPARE(counts->perProblem.value(data::problem::NoAudio), 2);
    QCOMPARE(counts->usable, 2);
}

void TestStore::walAllowsSecondConnection()
{
    QTemporaryDir tmp;
    auto ws = store::Workspace::open(tmp.path());
    QVERIFY(ws.ok());
    store::Database reader;
    QVERIFY(reader.open((*ws)->databasePath()).ok());
    store::Statement mode = reader.prepare(QStringLiteral("PRAGMA journal_mode"));
    QVERIFY(mode.step());
    QCOMPARE(mode.columnText(0), QStringLiteral("wal"));
    QVERIFY(
        store::upsertDataset((*ws)->db(), {0, QStringLiteral("x"), QStringLiteral("csv"), QString(), QString()}).ok());
    auto seen = store::listDatasets(reader);
    QCOMPARE(seen->size(), 1);
}

// A workspace written by schema version 1 (no pid / heartbeat columns, no clip cache tables)
// opens at the current version with its runs; a run it left "running" has no process to show and
// reads as interrupted; the clip cache tables are there after the upgrade, and the metric
// summaries of schema 4 hold its metrics.
void TestStore::versionOneStoreMigratesWithItsRuns()
{
    QTemporaryDir tmp;
    const QString folder = tmp.filePath(QStringLiteral("ws"));
    {
        auto ws = store::Workspace::open(folder);
        QVERIFY(ws.ok());
        store::RunInfo info;
        info.name = QStringLiteral("old-run");
        info.config = QJsonObject{{QStringLiteral("run"), QJsonObject{{QStringLiteral("seed"), 3}}}};
        info.status = QStringLiteral("running");
        info.host = store::hostName();
        auto id = store::createRun((*ws)->db(), info);
        QVERIFY(id.ok());
        QVERIFY(store::insertMetrics((*ws)->db(), *id,
                                     {{10, 0, QStringLiteral("train"), QStringLiteral("loss"), 2.5, 1.0},
                                      {20, 1, QStringLiteral("train"), QStringLiteral("loss"), 1.5, 2.0},
                                      {30, 2, QStringLiteral("train"), QStringLiteral("loss"), 1.75, 3.0}})
                    .ok());
        // Make it the store version 1 wrote.
        QVERIFY((*ws)
                    ->db()
                    .execScript(QStringLiteral("ALTER TABLE runs DROP COLUMN pid; "
                                               "ALTER TABLE runs DROP COLUMN heartbeat_at; "
                                               "DROP TABLE clip_cache_entries; DROP TABLE clip_caches; "
                                               "DROP TRIGGER metrics_summarise; DROP TABLE metric_summaries; DROP TABLE metric_series; "
                                               "PRAGMA user_version = 1;"))
                    .ok());
    }
    {
        store::Database db;
        QVERIFY(db.open(folder + QStringLiteral("/workspace.sqlite")).ok());
        QCOMPARE(*store::schemaVersion(db), 1);
    }
    auto ws = store::Workspace::open(folder);
    QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.error().message));
    QCOMPARE(*store::schemaVersion((*ws)->db()), store::kSchemaVersion);
    QCOMPARE(store::kSchemaVersion, 4);
    auto caches = store::listClipCaches((*ws)->db(), 1);
    QVERIFY2(caches.ok() && caches->empty(), caches.ok() ? "" : qPrintable(caches.error().message));
    auto run = store::findRun((*ws)->db(), QStringLiteral("old-run"));
    QVERIFY(run.ok());
    QCOMPARE(run->config.value(QStringLiteral("run")).toObject().value(QStringLiteral("seed")).toInt(), 3);
    QCOMPARE(run->pid, qint64(0));
    QCOMPARE(store::effectiveStatus(*run), QStringLiteral("interrupted"));
    // The metric summaries (schema 4) are filled from the metrics stored before the upgrade.
    auto final = store::finalMetrics((*ws)->db(), run->id);
    QVERIFY(final.ok());
    QCOMPARE(final->size(), 1);
    QCOMPARE(final->front().value, 1.75);
    QCOMPARE(final->front().step, qint64(30));
    QCOMPARE(final->front().epoch, 2);
    store::Statement q = (*ws)->db().prepare(
        QStringLiteral("SELECT points, min_value, min_step, max_value, max_step FROM metric_summaries"));
    QVERIFY(q.step());
    QCOMPARE(q.columnInt64(0), qint64(3));
    QCOMPARE(q.columnDouble(1), 1.5);
    QCOMPARE(q.columnInt64(2), qint64(20));
    QCOMPARE(q.columnDouble(3), 2.5);
    QCOMPARE(q.columnInt64(4), qint64(10));
}

// A run held by a live process cannot be claimed by another; one whose process is gone can, and
// shows as interrupted until then.
void TestStore::runLockAndInterruptedStatus()
{
    QTemporaryDir tmp;
    auto ws = store::Workspace::open(tmp.filePath(QStringLiteral("ws")));
    QVERIFY(ws.ok());
    store::Database &db = (*ws)->db();
    store::RunInfo info;
    info.name = QStringLiteral("r");
    info.status = QStringLiteral("running");
    info.host = store::hostName();
    info.pid = qint64(QCoreApplication::applicationPid()); // this test: alive
    QVERIFY(store::createRun(db, info).ok());
    QCOMPARE(store::effectiveStatus(*store::findRun(db, info.name)), QStringLiteral("running"));
    const Status refused = store::claimRun(db, info.name, 12345, store::hostName());
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(
                 QStringLiteral("pid %1 on host %2").arg(QCoreApplication::applicationPid()).arg(store::hostName())),
             qPrintable(refused.error().message));
    // A child that has exited: its pid names no process any more.
    QProcess child;
    child.start(QStringLiteral("/bin/sleep"), QStringList{QStringLiteral("0.1")});
    QVERIFY(child.waitForStarted());
    const qint64 gone = child.processId();
    QVERIFY(child.waitForFinished());
    QVERIFY(db.execScript(QStringLiteral("UPDATE runs SET pid = %1").arg(gone)).ok());
    auto dead = store::findRun(db, info.name);
    QCOMPARE(dead->pid, gone);
    QCOMPARE(store::effectiveStatus(*dead), QStringLiteral("interrupted"));
    QVERIFY(store::claimRun(db, info.name, 4242, store::hostName()).ok());
    QCOMPARE(store::findRun(db, info.name)->pid, qint64(4242));
    // Another host: only the heartbeat tells; an old one means interrupted.
    QVERIFY(db.execScript(QStringLiteral("UPDATE runs SET host = 'elsewhere', heartbeat_at = '2020-01-01T00:00:00Z'"))
                .ok());
    QCOMPARE(store::effectiveStatus(*store::findRun(db, info.name)), QStringLiteral("interrupted"));
    QVERIFY(store::touchRun(db, store::findRun(db, info.name)->id).ok());
    QCOMPARE(store::effectiveStatus(*store::findRun(db, info.name)), QStringLiteral("running"));
}

// What the store says never leads to files outside the workspace.
void TestStore::storedPathsStayInsideTheWorkspace()
{
    QTemporaryDir tmp;
    auto ws = store::Workspace::open(tmp.filePath(QStringLiteral("ws")));
    QVERIFY(ws.ok());
    auto inside = (*ws)->absolutePath(QStringLiteral("runs/a/checkpoints/step-00000001.pt"));
    QVERIFY(inside.ok());
    QCOMPARE(*inside, (*ws)->path() + QStringLiteral("/runs/a/checkpoints/step-00000001.pt"));
    QVERIFY((*ws)->absolutePath(QStringLiteral("runs/a/../b/x.pt")).ok());
    for (const char *bad : {"../x.pt", "runs/../../x.pt", "/etc/passwd", "..", ""}) {
        auto r = (*ws)->absolutePath(QString::fromLatin1(bad));
        QVERIFY2(!r.ok(), bad);
        QVERIFY2(r.error().message.contains(QStringLiteral("leads outside the workspace")),
                 qPrintable(r.error().message));
    }
}

// Eight connections create the same new workspace at the same moment: every one opens it, the
// schema is made once and the database passes SQLite's integrity check.
void TestStore::concurrentCreationUpgradesOnce()
{
    QTemporaryDir tmp;
    const QString folder = tmp.filePath(QStringLiteral("ws"));
    std::atomic_bool go{false};
    std::vector<QString> errors(8);
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&, i] {
            while (!go.load())
                std::this_thread::yield();
            auto ws = store::Workspace::open(folder);
            if (!ws.ok())
                errors[size_t(i)] = ws.error().message;
        });
    go.store(true);
    for (auto &t : threads)
        t.join();
    for (const QString &e : errors)
        QVERIFY2(e.isEmpty(), qPrintable(e));
    auto ws = store::Workspace::open(folder);
    QVERIFY(ws.ok());
    QCOMPARE(*store::schemaVersion((*ws)->db()), store::kSchemaVersion);
    store::Statement q = (*ws)->db().prepare(QStringLiteral("PRAGMA integrity_check"));
    QVERIFY(q.isValid() && q.step());
    QCOMPARE(q.columnText(0), QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
