#include "core/store/run_store.h"

#include "core/store/database.h"
#include "core/store/schema.h"
#include "core/util/json_file.h"

#include <QDateTime>
#include <QJsonDocument>

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace avt::store {

namespace {
QString now() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODate); }
Error sqlError(const QString &what, const QString &message)
{
    return makeError(QStringLiteral("sql"), QStringLiteral("%1: %2").arg(what, message));
}
QString json(const QJsonObject &o) { return compactJson(o); }

RunInfo readRun(const Statement &q)
{
    RunInfo r;
    r.id = q.columnInt64(0);
    r.name = q.columnText(1);
    r.datasetId = q.columnIsNull(2) ? 0 : q.columnInt64(2);
    r.config = QJsonDocument::fromJson(q.columnText(3).toUtf8()).object();
    r.status = q.columnText(4);
    r.host = q.columnText(5);
    r.worldSize = int(q.columnInt64(6));
    r.version = q.columnText(7);
    r.startedAt = q.columnText(8);
    r.endedAt = q.columnText(9);
    r.lastCheckpoint = q.columnText(10);
    r.bestCheckpoint = q.columnText(11);
    r.message = q.columnText(12);
    r.pid = q.columnIsNull(13) ? 0 : q.columnInt64(13);
    r.heartbeatAt = q.columnText(14);
    return r;
}
const char *const kRunColumns =
    "id, name, dataset_id, config, status, host, world_size, version, started_at, ended_at, "
    "last_checkpoint, best_checkpoint, message, pid, heartbeat_at";
} // namespace

Result<qint64> createRun(Database &db, const RunInfo &info)
{
    Statement q = db.prepare(
        QStringLiteral("INSERT INTO runs (name, dataset_id, config, status, host, world_size, version, started_at, "
                       "pid, heartbeat_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8)"));
    if (!q.isValid())
        return sqlError(QStringLiteral("creating run"), db.lastError());
    q.bind(1, info.name)
        .bind(2, info.datasetId > 0 ? QVariant(info.datasetId) : QVariant())
        .bind(3, json(info.config))
        .bind(4, info.status.isEmpty() ? QStringLiteral("created") : info.status)
        .bind(5, info.host)
        .bind(6, info.worldSize)
        .bind(7, info.version)
        .bind(8, now())
        .bind(9, info.pid > 0 ? QVariant(info.pid) : QVariant());
    if (auto st = q.exec(); !st)
        return makeError(QStringLiteral("exists"),
                         QStringLiteral("cannot create run '%1': %2").arg(info.name, st.error().message));
    return db.lastInsertId();
}

Status updateRunStatus(Database &db, qint64 runId, const QString &status, const QString &message)
{
    const bool ended = status != QLatin1String("running") && status != QLatin1String("created");
    Statement q = db.prepare(QStringLiteral("UPDATE runs SET status = ?2, message = ?3, ended_at = ?4 WHERE id = ?1"));
    if (!q.isValid())
        return sqlError(QStringLiteral("updating run"), db.lastError());
    q.bind(1, runId).bind(2, status).bind(3, message).bind(4, ended ? QVariant(now()) : QVariant());
    return q.exec();
}

Status updateRunCheckpoints(Database &db, qint64 runId, const QString &last, const QString &best)
{
    Statement q =
        db.prepare(QStringLiteral("UPDATE runs SET last_checkpoint = ?2, best_checkpoint = ?3 WHERE id = ?1"));
    if (!q.isValid())
        return sqlError(QStringLiteral("updating run"), db.lastError());
    q.bind(1, runId).bind(2, last).bind(3, best);
    return q.exec();
}

QString hostName()
{
    char host[256] = {0};
    ::gethostname(host, sizeof(host) - 1);
    return QString::fromLocal8Bit(host);
}

bool runProcessAlive(const RunInfo &run)
{
    if (run.status != QLatin1String("running"))
        return false;
    if (run.pid > 0 && run.host == hostName())
        return ::kill(pid_t(run.pid), 0) == 0 || errno == EPERM;
    // Another machine (or a run recorded before pids were): trust a recent heartbeat.
    const QDateTime beat = QDateTime::fromString(run.heartbeatAt, Qt::ISODate);
    return beat.isValid() && beat.secsTo(QDateTime::currentDateTimeUtc()) < kStaleHeartbeatSeconds;
}

QString effectiveStatus(const RunInfo &run)
{
    if (run.status == QLatin1String("running") && !runProcessAlive(run))
        return QStringLiteral("interrupted");
    return run.status;
}

Status claimRun(Database &db, const QString &name, qint64 pid, const QString &host)
{
    return db.transaction([&]() -> Status {
        auto run = findRun(db, name);
        if (!run)
            return run.error();
        if (runProcessAlive(*run))
            return makeError(QStringLiteral("locked"),
                             QStringLiteral("run '%1' is running (pid %2 on host %3, last heartbeat %4); stop it "
                                            "before resuming it")
                                 .arg(name)
                                 .arg(run->pid)
                                 .arg(run->host.isEmpty() ? QStringLiteral("?") : run->host,
                                      run->heartbeatAt.isEmpty() ? QStringLiteral("never") : run->heartbeatAt));
        Statement q = db.prepare(QStringLiteral("UPDATE runs SET status = 'running', pid = ?2, host = ?3, "
                                                "heartbeat_at = ?4, ended_at = NULL WHERE id = ?1"));
        if (!q.isValid())
            return sqlError(QStringLiteral("claiming run"), db.lastError());
        q.bind(1, run->id).bind(2, pid).bind(3, host).bind(4, now());
        return q.exec();
    });
}

Status touchRun(Database &db, qint64 runId)
{
    Statement q = db.prepare(QStringLiteral("UPDATE runs SET heartbeat_at = ?2 WHERE id = ?1"));
    if (!q.isValid())
        return sqlError(QStringLiteral("updating run"), db.lastError());
    q.bind(1, runId).bind(2, now());
    return q.exec();
}

Result<RunInfo> findRun(Database &db, const QString &name)
{
    Statement q =
        db.prepare(QStringLiteral("SELECT %1 FROM runs WHERE name = ?1").arg(QString::fromLatin1(kRunColumns)));
    if (!q.isValid())
        return sqlError(QStringLiteral("finding run"), db.lastError());
    q.bind(1, name);
    if (!q.step())
        return makeError(QStringLiteral("missing"), QStringLiteral("no run named '%1' in %2").arg(name, db.path()));
    return readRun(q);
}

Result<QList<RunInfo>> listRuns(Database &db)
{
    Statement q = db.prepare(QStringLiteral("SELECT %1 FROM runs ORDER BY id").arg(QString::fromLatin1(kRunColumns)));
    if (!q.isValid())
        return sqlError(QStringLiteral("listing runs"), db.lastError());
    QList<RunInfo> out;
    while (q.step())
        out.append(readRun(q));
    return out;
}

Status truncateMetrics(Database &db, qint64 runId, qint64 step)
{
    Statement q = db.prepare(QStringLiteral("DELETE FROM metrics WHERE run_id = ?1 AND step > ?2"));
    if (!q.isValid())
        return sqlError(QStringLiteral("truncating metrics"), db.lastError());
    q.bind(1, runId).bind(2, step);
    return db.transaction([&]() -> Status {
        if (auto st = q.exec(); !st)
            return st;
        if (auto st = db.execScript(QStringLiteral("DELETE FROM metric_series WHERE run_id = %1").arg(runId)); !st)
            return st;
        return rebuildMetricSummaries(db, runId);
    });
}

Status insertMetrics(Database &db, qint64 runId, const QList<MetricRow> &rows)
{
    return db.transaction([&]() -> Status {
        Statement q = db.prepare(QStringLiteral("INSERT INTO metrics (run_id, step, epoch, split, name, value, "
                                                "wall_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
        if (!q.isValid())
            return sqlError(QStringLiteral("storing metrics"), db.lastError());
        for (const MetricRow &m : rows) {
            q.bind(1, runId)
                .bind(2, m.step)
                .bind(3, m.epoch)
                .bind(4, m.split)
                .bind(5, m.name)
                .bind(6, m.value)
                .bind(7, m.wallTime);
            if (auto st = q.exec(); !st)
                return st;
        }
        return Ok{};
    });
}

Result<QList<MetricRow>> loadMetrics(Database &db, qint64 runId, const QString &name, const QString &split)
{
    Statement q =
        db.prepare(QStringLiteral("SELECT step, epoch, split, name, value, wall_time FROM metrics WHERE run_id = ?1 "
                                  "AND (?2 = '' OR name = ?2) AND (?3 = '' OR split = ?3) ORDER BY step, rowid"));
    if (!q.isValid())
        return sqlError(QStringLiteral("loading metrics"), db.lastError());
    q.bind(1, runId).bind(2, name).bind(3, split);
    QList<MetricRow> out;
    while (q.step())
        out.append({q.columnInt64(0), int(q.columnInt64(1)), q.columnText(2), q.columnText(3), q.columnDouble(4),
                    q.columnDouble(5)});
    return out;
}

Result<QList<MetricRow>> finalMetrics(Database &db, qint64 runId)
{
    Statement q = db.prepare(QStringLiteral("SELECT last_step, last_epoch, split, name, last_value, last_wall "
                                            "FROM metric_summaries WHERE run_id = ?1 ORDER BY split, name"));
    if (!q.isValid())
        return sqlError(QStringLiteral("loading metrics"), db.lastError());
    q.bind(1, runId);
    QList<MetricRow> out;
    while (q.step())
        out.append({q.columnInt64(0), int(q.columnInt64(1)), q.columnText(2), q.columnText(3), q.columnDouble(4),
                    q.columnDouble(5)});
    return out;
}

Status replacePredictions(Database &db, qint64 runId, const QList<PredictionRow> &rows)
{
    return db.transaction([&]() -> Status {
        Statement del = db.prepare(QStringLiteral("DELETE FROM predictions WHERE run_id = ?1"));
        Statement ins = db.prepare(QStringLiteral(
            "INSERT INTO predictions (run_id, clip_id, view, head, topk, logits) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
        if (!del.isValid() || !ins.isValid())
            return sqlError(QStringLiteral("storing predictions"), db.lastError());
        del.bind(1, runId);
        if (auto st = del.exec(); !st)
            return st;
        for (const PredictionRow &p : rows) {
            ins.bind(1, runId).bind(2, p.clipId).bind(3, p.view).bind(4, p.head).bind(5, p.topk).bind(6, p.logits);
            if (auto st = ins.exec(); !st)
                return st;
        }
        return Ok{};
    });
}

Result<QList<PredictionRow>> loadPredictions(Database &db, qint64 runId)
{
    Statement q = db.prepare(QStringLiteral(
        "SELECT clip_id, view, head, topk, logits FROM predictions WHERE run_id = ?1 ORDER BY clip_id, head, view"));
    if (!q.isValid())
        return sqlError(QStringLiteral("loading predictions"), db.lastError());
    q.bind(1, runId);
    QList<PredictionRow> out;
    while (q.step())
        out.append({q.columnInt64(0), int(q.columnInt64(1)), q.columnText(2), q.columnText(3), q.columnBlob(4)});
    return out;
}

Result<qint64> addArtifact(Database &db, qint64 runId, qint64 clipId, const QString &kind, const QString &path,
                           const QJsonObject &meta)
{
    Statement q = db.prepare(QStringLiteral(
        "INSERT INTO artifacts (run_id, clip_id, kind, path, meta, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    if (!q.isValid())
        return sqlError(QStringLiteral("storing artifact"), db.lastError());
    q.bind(1, runId > 0 ? QVariant(runId) : QVariant())
        .bind(2, clipId > 0 ? QVariant(clipId) : QVariant())
        .bind(3, kind)
        .bind(4, path)
        .bind(5, json(meta))
        .bind(6, now());
    if (auto st = q.exec(); !st)
        return st.error();
    return db.lastInsertId();
}

Result<ArtifactInfo> findArtifact(Database &db, const QString &kind, const QString &path)
{
    Statement q = db.prepare(QStringLiteral("SELECT id, run_id, clip_id, kind, path, meta, created_at FROM artifacts "
                                            "WHERE kind = ?1 AND path = ?2 ORDER BY id DESC LIMIT 1"));
    if (!q.isValid())
        return sqlError(QStringLiteral("finding artifact"), db.lastError());
    q.bind(1, kind).bind(2, path);
    ArtifactInfo a;
    if (q.step()) {
        a.id = q.columnInt64(0);
        a.runId = q.columnInt64(1);
        a.clipId = q.columnInt64(2);
        a.kind = q.columnText(3);
        a.path = q.columnText(4);
        a.meta = QJsonDocument::fromJson(q.columnText(5).toUtf8()).object();
        a.createdAt = q.columnText(6);
    }
    return a;
}

} // namespace avt::store
