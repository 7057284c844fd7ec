#include "core/store/clip_cache_store.h"

#include "core/store/database.h"

#include <QDateTime>

namespace avt::store {

namespace {

QString now() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODate); }

Error dbError(Database &db, const QString &what)
{
    return makeError(QStringLiteral("store"), QStringLiteral("%1: %2").arg(what, db.lastError()));
}

const char *kColumns = "id, dataset_id, spec_hash, spec, folder, status, planned, entries, bytes, message, updated_at";

ClipCacheRow rowFrom(const Statement &q)
{
    ClipCacheRow r;
    r.id = q.columnInt64(0);
    r.datasetId = q.columnInt64(1);
    r.specHash = q.columnText(2);
    r.spec = q.columnText(3);
    r.folder = q.columnText(4);
    r.status = q.columnText(5);
    r.planned = q.columnInt64(6);
    r.entries = q.columnInt64(7);
    r.bytes = q.columnInt64(8);
    r.message = q.columnText(9);
    r.updatedAt = q.columnText(10);
    return r;
}

} // namespace

Result<std::optional<ClipCacheRow>> findClipCache(Database &db, qint64 datasetId, const QString &specHash)
{
    Statement q = db.prepare(QStringLiteral("SELECT %1 FROM clip_caches WHERE dataset_id = ?1 AND spec_hash = ?2")
                                 .arg(QLatin1String(kColumns)));
    if (!q.isValid())
        return dbError(db, QStringLiteral("cannot read clip caches"));
    q.bind(1, datasetId).bind(2, specHash);
    if (q.step())
        return std::optional<ClipCacheRow>(rowFrom(q));
    if (!q.error().isEmpty())
        return makeError(QStringLiteral("store"), q.error());
    return std::optional<ClipCacheRow>();
}

Result<std::vector<ClipCacheRow>> listClipCaches(Database &db, qint64 datasetId)
{
    Statement q = db.prepare(
        QStringLiteral("SELECT %1 FROM clip_caches WHERE dataset_id = ?1 ORDER BY id").arg(QLatin1String(kColumns)));
    if (!q.isValid())
        return dbError(db, QStringLiteral("cannot read clip caches"));
    q.bind(1, datasetId);
    std::vector<ClipCacheRow> out;
    while (q.step())
        out.push_back(rowFrom(q));
    if (!q.error().isEmpty())
        return makeError(QStringLiteral("store"), q.error());
    return out;
}

Result<ClipCacheRow> ensureClipCache(Database &db, qint64 datasetId, const QString &specHash, const QString &spec,
                                     const QString &folder)
{
    Status st = db.transaction([&]() -> Status {
        Statement q = db.prepare(QStringLiteral(
            "INSERT INTO clip_caches (dataset_id, spec_hash, spec, folder, status, created_at, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, 'building', ?5, ?5) ON CONFLICT (dataset_id, spec_hash) DO NOTHING"));
        if (!q.isValid())
            return dbError(db, QStringLiteral("cannot record a clip cache"));
        q.bind(1, datasetId).bind(2, specHash).bind(3, spec).bind(4, folder).bind(5, now());
        return q.exec();
    });
    if (!st)
        return st.error();
    auto row = findClipCache(db, datasetId, specHash);
    if (!row)
        return row.error();
    if (!*row)
        return makeError(QStringLiteral("store"), QStringLiteral("the clip cache row vanished after it was written"));
    return **row;
}

Result<std::unordered_map<QString, loader::PreparedRecord>> loadClipCacheIndex(Database &db, qint64 cacheId)
{
    Statement q =
        db.prepare(QStringLiteral("SELECT key, offset, bytes, crc FROM clip_cache_entries WHERE cache_id = ?1"));
    if (!q.isValid())
        return dbError(db, QStringLiteral("cannot read the clip cache index"));
    q.bind(1, cacheId);
    std::unordered_map<QString, loader::PreparedRecord> out;
    while (q.step())
        out.emplace(q.columnText(0),
                    loader::PreparedRecord{q.columnInt64(1), q.columnInt64(2), quint32(q.columnInt64(3))});
    if (!q.error().isEmpty())
        return makeError(QStringLiteral("store"), q.error());
    return out;
}

Status addClipCacheRecords(Database &db, qint64 cacheId,
                           const std::vector<std::pair<QString, loader::PreparedRecord>> &records, qint64 bytes)
{
    return db.transaction([&]() -> Status {
        Statement ins = db.prepare(QStringLiteral("INSERT OR REPLACE INTO clip_cache_entries (cache_id, key, offset, "
                                                  "bytes, crc) VALUES (?1, ?2, ?3, ?4, ?5)"));
        if (!ins.isValid())
            return dbError(db, QStringLiteral("cannot add clip cache records"));
        for (const auto &[key, r] : records) {
            ins.bind(1, cacheId).bind(2, key).bind(3, r.offset).bind(4, r.bytes).bind(5, qint64(r.crc));
            if (auto st = ins.exec(); !st)
                return st;
        }
        Statement up = db.prepare(QStringLiteral("UPDATE clip_caches SET bytes = ?2, entries = (SELECT COUNT(*) FROM "
                                                 "clip_cache_entries WHERE cache_id = ?1), "
                                                 "updated_at = ?3 WHERE id = ?1"));
        if (!up.isValid())
            return dbError(db, QStringLiteral("cannot update a clip cache"));
        up.bind(1, cacheId).bind(2, bytes).bind(3, now());
        return up.exec();
    });
}

Status clearClipCache(Database &db, qint64 cacheId)
{
    return db.transaction([&]() -> Status {
        Statement del = db.prepare(QStringLiteral("DELETE FROM clip_cache_entries WHERE cache_id = ?1"));
        Statement up = db.prepare(QStringLiteral("UPDATE clip_caches SET status = 'building', entries = 0, bytes = 0, "
                                                 "updated_at = ?2 WHERE id = ?1"));
        if (!del.isValid() || !up.isValid())
            return dbError(db, QStringLiteral("cannot clear a clip cache"));
        del.bind(1, cacheId);
        if (auto st = del.exec(); !st)
            return st;
        up.bind(1, cacheId).bind(2, now());
        return up.exec();
    });
}

Status setClipCacheStatus(Database &db, qint64 cacheId, const QString &status, const QString &message,
                          std::optional<qint64> planned)
{
    Statement up =
        db.prepare(QStringLiteral("UPDATE clip_caches SET status = ?2, message = ?3, planned = COALESCE(?4, planned), "
                                  "updated_at = ?5 WHERE id = ?1"));
    if (!up.isValid())
        return dbError(db, QStringLiteral("cannot update a clip cache"));
    up.bind(1, cacheId).bind(2, status).bind(3, message);
    if (planned)
        up.bind(4, *planned);
    else
        up.bindNull(4);
    up.bind(5, now());
    return up.exec();
}

} // namespace avt::store
