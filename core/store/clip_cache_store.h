#pragma once
// The run store's index of prepared clip caches (core/loader/prepared_cache.h): one row per
// (dataset, spec) with its folder, status and sizes, and one row per committed record.
//
//   auto row = avt::store::ensureClipCache(db, datasetId, spec.hash(), spec.text(), folder);
//   ... append records, sync the file ...
//   avt::store::addClipCacheRecords(db, row->id, batch, bytesNow);   // one transaction
//   avt::store::setClipCacheStatus(db, row->id, "complete", message);
//
// STATUS. "building" while `prepare` writes (or after it was stopped: resumable), "complete"
// when every planned window is in, "corrupt" when a reader found a damaged record or the file
// does not match the index (the next `prepare` rebuilds it). Training reads only complete caches.
// Thread-safety: as Database (one thread per connection).
#include "core/loader/prepared_cache.h"
#include "core/util/result.h"

#include <QString>

#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace avt::store {

class Database;

struct ClipCacheRow {
    qint64 id = 0;
    qint64 datasetId = 0;
    QString specHash;
    QString spec;   // PreparedSpec::text()
    QString folder; // relative to the workspace (or absolute)
    QString status; // building | complete | corrupt
    qint64 planned = 0;
    qint64 entries = 0;
    qint64 bytes = 0; // committed size of data.bin
    QString message;
    QString updatedAt;
};

Result<std::optional<ClipCacheRow>> findClipCache(Database &db, qint64 datasetId, const QString &specHash);
Result<std::vector<ClipCacheRow>> listClipCaches(Database &db, qint64 datasetId);
// The row for (dataset, spec), created with status "building" when absent.
Result<ClipCacheRow> ensureClipCache(Database &db, qint64 datasetId, const QString &specHash, const QString &spec,
                                     const QString &folder);
// Records committed so far (key -> where), and the committed size (end of the last record).
Result<std::unordered_map<QString, loader::PreparedRecord>> loadClipCacheIndex(Database &db, qint64 cacheId);
// Adds records and sets bytes / entries in one transaction.
Status addClipCacheRecords(Database &db, qint64 cacheId,
                           const std::vector<std::pair<QString, loader::PreparedRecord>> &records, qint64 bytes);
// Forgets every record (a rebuild); status "building", bytes 0.
Status clearClipCache(Database &db, qint64 cacheId);
Status setClipCacheStatus(Database &db, qint64 cacheId, const QString &status, const QString &message,
                          std::optional<qint64> planned = std::nullopt);

} // namespace avt::store
