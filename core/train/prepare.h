#pragma once
// Prepared clip caches for training: `prepare` writes them, training finds and reads them.
//
//   avt::train::PrepareRequest req;
//   req.workspace = "/data/ws"; req.config = cfg;       // the run config training will use
//   auto r = avt::train::prepareClipCaches(req, progressFn);
//   // later, in training:
//   auto found = avt::train::findPreparedCache(ws, datasetId, loaderOpts, modelConfig);
//   if (found.cache) loaderOpts.prepared = found.cache; else log(found.message);
//
// WHAT IS WRITTEN. For the run config's dataset and splits: every training sample whose window
// is the same in every epoch (the clip's window when it is no longer than data.clip_seconds)
// decoded as the training loader decodes it (frames at the pre-crop short side, the raw
// fbank), and every evaluation window (data.eval_temporal_views per clip) as the evaluation
// loader decodes it. Training and evaluation entries share one cache when their settings are
// the same (no random resized crop), else each has its own. Samples whose window moves every
// epoch (clips longer than data.clip_seconds) are counted and left to the decoder.
// Caches live in WORKSPACE/cache/clips/<dataset id>-<spec hash>/data.bin, indexed in the store
// (core/store/clip_cache_store.h).
//
// RESUMING AND SAFETY. Records are appended by one thread; every second (and at the end) the
// file is fsynced and then the new records' index rows are committed, so the index never names
// bytes that are not on disk. A stopped or killed `prepare` leaves the cache "building" (never
// read by training); the next one cuts the file back to the committed size and writes only
// what is missing. A data file shorter than its index, or (with verify) a record that fails its
// checksum, is reported and the cache rebuilt from scratch.
//
// DISK. Before writing, the size is estimated from the first clip's frame size (probe) and
// the windows' lengths, and compared with the free space of the cache folder: not enough space
// is an error before any byte is written. The size after is the file's real size.
//
// Thread-safety: prepareClipCaches() runs worker threads of its own; call from one thread.
#include "core/loader/loader_types.h"
#include "core/train/run_config.h"
#include "core/util/result.h"

#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace avt::model {
struct ModelConfig;
}
namespace avt::store {
class Workspace;
}

namespace avt::train {

struct PrepareRequest {
    QString workspace;
    RunConfig config;
    int threads = 2;                     // decoding threads
    bool rebuild = false;                // forget what is there and write everything again
    bool verify = false;                 // check every committed record's checksum first (rebuild when one fails)
    qint64 maxEntries = 0;               // > 0: stop after writing this many (tests of an interrupted prepare)
    std::function<bool()> stopRequested; // polled between records; true stops (resumable)
};

struct PrepareCacheReport {
    QString modes;             // "train", "eval" or "train+eval"
    QString specHash;          // PreparedSpec::hash()
    QString spec;              // PreparedSpec::text() on one line
    QString folder;            // absolute
    qint64 planned = 0;        // windows the config asks for
    qint64 present = 0;        // already in the cache before this run
    qint64 written = 0;        // written by this run
    qint64 failed = 0;         // windows whose clip could not be decoded (training skips them too)
    qint64 movingWindows = 0;  // samples with a random sub-window per epoch (not cacheable)
    qint64 estimatedBytes = 0; // of what this run writes
    qint64 freeBytes = 0;      // free space of the folder before writing
    qint64 bytesBefore = 0;    // data file size before / after
    qint64 bytesAfter = 0;
    double seconds = 0.0;
    bool rebuilt = false; // cleared first (asked, or found damaged)
    QString rebuildReason;
    bool complete = false;
    bool stopped = false;
    QStringList failures; // the first few failure messages
};

// Progress callback: phase ("plan", "write", "verify"), done, total, a message.
using PrepareProgress = std::function<void(const QString &phase, qint64 done, qint64 total, const QString &message)>;

Result<std::vector<PrepareCacheReport>> prepareClipCaches(const PrepareRequest &request,
                                                          const PrepareProgress &progress = {});

// The complete prepared cache for loader options + model config, or no cache and a message
// saying why (none prepared, made for other settings, still building, damaged). An empty
// message with no cache means data.prepared is off or nothing was ever prepared for the dataset.
struct PreparedLookup {
    std::shared_ptr<const loader::PreparedClipCache> cache;
    qint64 cacheId = 0;
    QString message;
};
PreparedLookup findPreparedCache(store::Workspace &workspace, qint64 datasetId, const loader::LoaderOptions &options,
                                 const model::ModelConfig &config);

// Loader speed with and without the prepared cache: the training loader (train mode, the run
// config's augmentation and masks, data.workers threads) over the training split, one pass
// decoding (data.prepared off, no in-memory cache) and one pass from the prepared cache (which
// must be complete: run prepare first), each for `epochs` epochs; the same for the evaluation
// loader over the evaluation split.
struct PreparedBenchmark {
    int workers = 0;
    int items = 0; // training windows per epoch
    double decodeClipsPerSecond = 0.0, cachedClipsPerSecond = 0.0;
    double evalDecodeClipsPerSecond = 0.0, evalCachedClipsPerSecond = 0.0;
    qint64 cachedHits = 0, cachedMisses = 0;
    qint64 cacheBytes = 0; // training cache file size
};
Result<PreparedBenchmark> benchPreparedCache(const QString &workspace, RunConfig config, int epochs);

// What a run of this config would find, read from the store alone (no cache file is opened, no
// clip listed): for training and for evaluation, the state of the cache of their settings.
// Cheap enough for a form that asks on each edit (one workspace open and two queries).
struct PreparedState {
    QString modes;             // "train", "eval", or "train+eval" when they share settings
    QString specHash;          // PreparedSpec::hash() of those settings
    QString status;            // "" (none made for these settings), "building", "complete" or "corrupt"
    qint64 planned = 0;        // windows the last prepare planned
    qint64 entries = 0;        // windows written
    qint64 bytes = 0;          // data file size as committed
    QString message;           // the store's message (why damaged, ...)
    QStringList otherSettings; // none for these settings: how the nearest other cache differs
};
struct PreparedStatus {
    bool enabled = true; // data.prepared: false means training decodes whatever is prepared
    QString dataset;
    std::vector<PreparedState> caches; // training's first
    bool complete() const;             // every mode has a complete cache
};
Result<PreparedStatus> preparedCacheStatus(const QString &workspace, const RunConfig &config);

// "12.3 MiB", for the sizes prepare reports.
QString formatMiB(qint64 bytes);

// Marks a cache damaged (a reader found a bad record): training stops using it, and the next
// `prepare` rebuilds it.
Status markPreparedCacheCorrupt(store::Workspace &workspace, qint64 cacheId, const QString &message);

} // namespace avt::train
