// ATen before Qt: QtCore defines `slots` as a macro, a name ATen uses.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include "core/train/prepare.h"

#include "core/loader/clip_loader.h"
#include "core/loader/prepared_cache.h"
#include "core/loader/sample_pipeline.h"
#include "core/media/probe.h"
#include "core/store/clip_cache_store.h"
#include "core/store/dataset_store.h"
#include "core/store/workspace.h"
#include "core/train/train_setup.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStorageInfo>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

namespace avt::train {

namespace {

using loader::LoaderItem;
using loader::PreparedEntry;
using loader::PreparedRecord;
using loader::PreparedSpec;
using loader::SamplePipeline;
using loader::SampleWindow;

struct PlannedWindow {
    LoaderItem item;
    SampleWindow window;
    QString key;
    const SamplePipeline *pipeline = nullptr;
};

struct CachePlan {
    PreparedSpec spec;
    QStringList modes;
    std::vector<PlannedWindow> windows;
    std::set<QString> keys;
    qint64 moving = 0;
};

QString cacheFolder(const store::Workspace &ws, qint64 datasetId, const QString &hash)
{
    return ws.dir().filePath(QStringLiteral("cache/clips/%1-%2").arg(datasetId).arg(hash));
}

QString dataFileOf(const QString &folder) { return QDir(folder).filePath(QStringLiteral("data.bin")); }

// Adds the windows of one mode's items to the plan of its spec.
Status planMode(std::vector<CachePlan> &plans, const QString &mode, const std::vector<LoaderItem> &items,
                const SamplePipeline &pipeline, const loader::LoaderOptions &opt)
{
    const PreparedSpec spec = pipeline.preparedSpec();
    auto found =
        std::find_if(plans.begin(), plans.end(), [&](const CachePlan &p) { return p.spec.hash() == spec.hash(); });
    if (found == plans.end()) {
        plans.emplace_back();
        found = plans.end() - 1;
    }
    CachePlan &plan = *found;
    plan.spec = spec;
    if (!plan.modes.contains(mode))
        plan.modes << mode;
    const bool eval = opt.mode == loader::LoaderMode::Eval;
    const int views = eval ? opt.temporalViews : 1;
    for (size_t i = 0; i < items.size(); ++i) {
        for (int t = 0; t < views; ++t) {
            loader::SampleRef ref;
            ref.item = int(i);
            ref.temporalView = t;
            ref.view = t * (eval ? opt.spatialViews : 1);
            auto w = pipeline.fixedWindow(items[i], ref);
            if (!w)
                return w.error();
            if (!*w) {
                ++plan.moving;
                continue;
            }
            const QString key = loader::preparedEntryKey(items[i].path, (*w)->start, (*w)->length);
            if (key.isEmpty())
                continue; // a missing file: training reports it; nothing to cache
            if (!plan.keys.insert(key).second)
                continue;
            plan.windows.push_back({items[i], **w, key, &pipeline});
        }
    }
    return Ok{};
}

// Bytes of one record of window w, from the first clip's probed frame size and duration.
qint64 estimateRecord(const PreparedSpec &spec, const media::MediaInfo &info, double windowSeconds)
{
    qint64 frames = 0;
    if (info.width > 0 && info.height > 0) {
        const double f = double(spec.shortSide) / std::min(info.width, info.height);
        frames = qint64(spec.numFrames) * std::llround(info.width * f) * std::llround(info.height * f) * 3;
    }
    const qint64 samples = std::llround(windowSeconds * spec.audioRate);
    const qint64 rows = samples >= 400 ? 1 + (samples - 400) / 160 : 0;
    return 64 + frames + rows * spec.melBins * 4 + 32;
}

// Writes the windows of one plan that the cache does not hold yet.
Result<PrepareCacheReport> runPlan(store::Workspace &ws, qint64 datasetId, CachePlan &plan, const PrepareRequest &req,
                                   const PrepareProgress &progress)
{
    QElapsedTimer timer;
    timer.start();
    PrepareCacheReport rep;
    rep.modes = plan.modes.join(QLatin1Char('+'));
    rep.specHash = plan.spec.hash();
    rep.spec = plan.spec.text().trimmed().replace(QLatin1Char('\n'), QLatin1Char(' '));
    rep.folder = cacheFolder(ws, datasetId, rep.specHash);
    rep.planned = qint64(plan.windows.size());
    rep.movingWindows = plan.moving;
    if (!QDir().mkpath(rep.folder))
        return makeError(QStringLiteral("io"), QStringLiteral("cannot create the cache folder %1").arg(rep.folder));
    const QString dataFile = dataFileOf(rep.folder);
    rep.bytesBefore = QFileInfo(dataFile).size();

    auto row = store::ensureClipCache(ws.db(), datasetId, rep.specHash, plan.spec.text(), ws.relativePath(rep.folder));
    if (!row)
        return row.error();
    auto index = store::loadClipCacheIndex(ws.db(), row->id);
    if (!index)
        return index.error();
    qint64 committed = 0;
    for (const auto &[key, r] : *index)
        committed = std::max(committed, r.offset + r.bytes);

    if (req.rebuild)
        rep.rebuildReason = QStringLiteral("asked (--rebuild)");
    else if (row->status == QLatin1String("corrupt"))
        rep.rebuildReason = QStringLiteral("marked damaged: %1").arg(row->message);
    else if (rep.bytesBefore < committed)
        rep.rebuildReason = QStringLiteral("%1 is %2 bytes but its index reaches byte %3")
                                .arg(dataFile)
                                .arg(rep.bytesBefore)
                                .arg(committed);
    else if (req.verify && !index->empty()) {
        auto reader = loader::PreparedClipCache::open(dataFile, plan.spec, *index);
        if (!reader) {
            rep.rebuildReason = reader.error().message;
        } else {
            qint64 n = 0;
            for (const auto &[key, r] : *index) {
                if (auto st = (*reader)->verify(r); !st) {
                    rep.rebuildReason = st.error().message;
                    break;
                }
                if (progress)
                    progress(QStringLiteral("verify"), ++n, qint64(index->size()), QString());
            }
        }
    }
    if (!rep.rebuildReason.isEmpty()) {
        rep.rebuilt = true;
        if (auto st = store::clearClipCache(ws.db(), row->id); !st)
            return st.error();
        index->clear();
        committed = 0;
    }

    std::vector<const PlannedWindow *> todo;
    for (const PlannedWindow &w : plan.windows) {
        if (index->count(w.key))
            ++rep.present;
        else
            todo.push_back(&w);
    }
    if (auto st = store::setClipCacheStatus(ws.db(), row->id, todo.empty() ? row->status : QStringLiteral("building"),
                                            row->message, rep.planned);
        !st)
        return st.error();

    // Size before writing.
    rep.freeBytes = QStorageInfo(rep.folder).bytesAvailable();
    if (!todo.empty()) {
        auto info = media::probeMedia(todo.front()->item.path);
        if (info) {
            for (const PlannedWindow *w : todo)
                rep.estimatedBytes +=
                    estimateRecord(plan.spec, *info, w->window.length > 0 ? w->window.length : info->duration);
        }
        if (progress)
            progress(QStringLiteral("plan"), 0, qint64(todo.size()),
                     QStringLiteral("%1 windows to write (%2 already cached, %3 moving windows left to the decoder); "
                                    "about %4 needed, %5 free in %6")
                         .arg(todo.size())
                         .arg(rep.present)
                         .arg(rep.movingWindows)
                         .arg(formatMiB(rep.estimatedBytes), formatMiB(rep.freeBytes), rep.folder));
        if (rep.freeBytes > 0 && rep.estimatedBytes > rep.freeBytes)
            return makeError(QStringLiteral("io"),
                             QStringLiteral("not enough disk space for the clip cache in %1: "
                                            "about %2 needed, %3 free")
                                 .arg(rep.folder, formatMiB(rep.estimatedBytes), formatMiB(rep.freeBytes)));
    }

    auto writer = loader::PreparedWriter::open(dataFile, committed);
    if (!writer)
        return writer.error();

    // Workers decode; this thread appends in completion order and commits the index.
    std::mutex mu;
    std::condition_variable cv;
    std::deque<std::pair<const PlannedWindow *, Result<PreparedEntry>>> ready;
    size_t next = 0;
    bool stop = false;
    const int threads = std::max(1, req.threads);
    const size_t maxReady = size_t(2 * threads);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads && !todo.empty(); ++t) {
        pool.emplace_back([&] {
            at::set_num_threads(1);
            std::unique_lock lock(mu);
            for (;;) {
                cv.wait(lock, [&] { return stop || (next < todo.size() && ready.size() < maxReady); });
                if (stop || next >= todo.size())
                    return;
                const PlannedWindow *w = todo[next++];
                lock.unlock();
                Result<PreparedEntry> e = w->pipeline->prepareEntry(w->item, w->window);
                lock.lock();
                ready.emplace_back(w, std::move(e));
                cv.notify_all();
            }
        });
    }

    std::vector<std::pair<QString, PreparedRecord>> pending;
    QElapsedTimer sinceCommit;
    sinceCommit.start();
    auto commit = [&]() -> Status {
        if (pending.empty())
            return Ok{};
        if (auto st = (*writer)->sync(); !st)
            return st;
        if (auto st = store::addClipCacheRecords(ws.db(), row->id, pending, (*writer)->size()); !st)
            return st;
        pending.clear();
        sinceCommit.restart();
        return Ok{};
    };
    Status failure = Ok{}; // ok until a write fails
    size_t handled = 0;    // results taken from `ready`
    for (;;) {
        std::unique_lock lock(mu);
        const bool asked =
            (req.stopRequested && req.stopRequested()) || (req.maxEntries > 0 && rep.written >= req.maxEntries);
        if (!stop && (asked || !failure)) {
            stop = true;
            cv.notify_all();
        }
        if (ready.empty()) {
            // Every window a worker took is in `ready` or still being decoded.
            if (handled == next && (stop || next >= todo.size()))
                break;
            cv.wait_for(lock, std::chrono::milliseconds(200), [&] { return !ready.empty(); });
            continue;
        }
        auto [w, entry] = std::move(ready.front());
        ready.pop_front();
        ++handled;
        cv.notify_all();
        const bool stopping = stop;
        lock.unlock();
        if (stopping)
            continue; // decoded after the stop: left for the next prepare
        if (!entry) {
            ++rep.failed;
            if (rep.failures.size() < 5)
                rep.failures << entry.error().message;
        } else if (auto where = (*writer)->append(*entry); !where) {
            failure = where.error();
        } else {
            pending.emplace_back(w->key, *where);
            ++rep.written;
        }
        if (failure && (sinceCommit.elapsed() > 1000 || pending.size() >= 256))
            if (auto st = commit(); !st)
                failure = st.error();
        if (progress)
            progress(QStringLiteral("write"), qint64(handled), qint64(todo.size()), QFileInfo(w->item.path).fileName());
    }
    {
        std::lock_guard lock(mu);
        stop = true;
        cv.notify_all();
    }
    for (auto &t : pool)
        t.join();
    if (failure)
        if (auto st = commit(); !st)
            failure = st.error();
    if (!failure)
        return failure.error();

    rep.stopped = rep.present + rep.written + rep.failed < rep.planned;
    rep.complete = !rep.stopped;
    rep.bytesAfter = QFileInfo(dataFile).size();
    rep.seconds = timer.elapsed() / 1000.0;
    const QString message =
        rep.complete ? QStringLiteral("%1 windows, %2").arg(rep.present + rep.written).arg(formatMiB(rep.bytesAfter))
                     : QStringLiteral("stopped after %1 of %2 windows; run prepare again to continue")
                           .arg(rep.present + rep.written)
                           .arg(rep.planned);
    if (auto st = store::setClipCacheStatus(ws.db(), row->id,
                                            rep.complete ? QStringLiteral("complete") : QStringLiteral("building"),
                                            message, rep.planned);
        !st)
        return st.error();
    return rep;
}

} // namespace

Result<std::vector<PrepareCacheReport>> prepareClipCaches(const PrepareRequest &req, const PrepareProgress &progress)
{
    auto ws = store::Workspace::open(req.workspace);
    if (!ws)
        return ws.error();
    RunConfig cfg = req.config;
    auto data = loadDatasetView(**ws, cfg);
    if (!data)
        return data.error();
    const loader::LoaderOptions trainOpt = loaderOptions(cfg, loader::LoaderMode::Train, 0, 1);
    const loader::LoaderOptions evalOpt = loaderOptions(cfg, loader::LoaderMode::Eval, 0, 1);
    const SamplePipeline trainPipe(trainOpt, cfg.model());
    const SamplePipeline evalPipe(evalOpt, cfg.model());
    std::vector<CachePlan> plans; // training's first
    if (progress)
        progress(QStringLiteral("plan"), 0, 0, QStringLiteral("planning the windows of %1").arg(data->name));
    if (auto st = planMode(plans, QStringLiteral("train"), data->train, trainPipe, trainOpt); !st)
        return st.error();
    if (auto st = planMode(plans, QStringLiteral("eval"), data->eval, evalPipe, evalOpt); !st)
        return st.error();
    std::vector<PrepareCacheReport> out;
    for (CachePlan &plan : plans) {
        auto r = runPlan(**ws, data->datasetId, plan, req, progress);
        if (!r)
            return r.error();
        out.push_back(*r);
        if (r->stopped)
            break;
    }
    return out;
}

bool PreparedStatus::complete() const
{
    return !caches.empty() && std::all_of(caches.begin(), caches.end(), [](const PreparedState &c) {
        return c.status == QLatin1String("complete");
    });
}

Result<PreparedStatus> preparedCacheStatus(const QString &workspace, const RunConfig &config)
{
    PreparedStatus out;
    out.enabled = config.flag(QStringLiteral("data.prepared"));
    out.dataset = config.text(QStringLiteral("run.dataset"));
    if (out.dataset.isEmpty())
        return makeError(QStringLiteral("invalid"), QStringLiteral("no dataset chosen (run.dataset)"));
    auto ws = store::Workspace::open(workspace);
    if (!ws)
        return ws.error();
    auto dataset = store::findDataset((*ws)->db(), out.dataset);
    if (!dataset)
        return dataset.error();
    auto all = store::listClipCaches((*ws)->db(), dataset->id);
    if (!all)
        return all.error();
    const SamplePipeline pipes[] = {
        SamplePipeline(loaderOptions(config, loader::LoaderMode::Train, 0, 1), config.model()),
        SamplePipeline(loaderOptions(config, loader::LoaderMode::Eval, 0, 1), config.model())};
    const QString modes[] = {QStringLiteral("train"), QStringLiteral("eval")};
    for (int m = 0; m < 2; ++m) {
        const PreparedSpec spec = pipes[m].preparedSpec();
        if (m == 1 && out.caches.front().specHash == spec.hash()) {
            out.caches.front().modes = QStringLiteral("train+eval");
            break;
        }
        PreparedState st;
        st.modes = modes[m];
        st.specHash = spec.hash();
        for (const store::ClipCacheRow &r : *all) {
            if (r.specHash == st.specHash) {
                st.status = r.status;
                st.planned = r.planned;
                st.entries = r.entries;
                st.bytes = r.bytes;
                st.message = r.message;
            } else if (auto other = PreparedSpec::parse(r.spec)) {
                const QStringList d = other->differences(spec);
                if (st.otherSettings.isEmpty() || d.size() < st.otherSettings.size())
                    st.otherSettings = d;
            }
        }
        if (!st.status.isEmpty())
            st.otherSettings.clear();
        out.caches.push_back(st);
    }
    return out;
}

PreparedLookup findPreparedCache(store::Workspace &ws, qint64 datasetId, const loader::LoaderOptions &options,
                                 const model::ModelConfig &config)
{
    PreparedLookup out;
    const PreparedSpec spec = SamplePipeline(options, config).preparedSpec();
    auto row = store::findClipCache(ws.db(), datasetId, spec.hash());
    if (!row) {
        out.message = QStringLiteral("cannot read the prepared clip caches: %1; decoding").arg(row.error().message);
        return out;
    }
    if (!*row) {
        auto all = store::listClipCaches(ws.db(), datasetId);
        if (all && !all->empty()) {
            // Name the differences to the nearest cache (fewest differing settings).
            QStringList diffs;
            for (const store::ClipCacheRow &r : *all) {
                auto other = PreparedSpec::parse(r.spec);
                if (!other)
                    continue;
                const QStringList d = other->differences(spec);
                if (diffs.isEmpty() || d.size() < diffs.size())
                    diffs = d;
            }
            out.message =
                QStringLiteral("the prepared clip cache of this dataset was made for other settings (%1); "
                               "decoding. Run `prepare` with this run's config to make one")
                    .arg(diffs.isEmpty() ? QStringLiteral("another format") : diffs.join(QStringLiteral(", ")));
        }
        return out;
    }
    const store::ClipCacheRow &r = **row;
    if (r.status != QLatin1String("complete")) {
        out.message =
            r.status == QLatin1String("corrupt")
                ? QStringLiteral("the prepared clip cache is damaged (%1); decoding. Run `prepare` to rebuild it")
                      .arg(r.message)
                : QStringLiteral("the prepared clip cache is not complete (%1 of %2 windows); decoding. Run "
                                 "`prepare` to finish it")
                      .arg(r.entries)
                      .arg(r.planned);
        return out;
    }
    auto folder = ws.absolutePath(r.folder);
    if (!folder) {
        out.message = folder.error().message;
        return out;
    }
    auto index = store::loadClipCacheIndex(ws.db(), r.id);
    if (!index) {
        out.message =
            QStringLiteral("cannot read the prepared clip cache index: %1; decoding").arg(index.error().message);
        return out;
    }
    auto cache = loader::PreparedClipCache::open(dataFileOf(*folder), spec, std::move(*index));
    if (!cache) {
        if (cache.error().code == QLatin1String("corrupt"))
            (void)markPreparedCacheCorrupt(ws, r.id, cache.error().message);
        out.message = QStringLiteral("%1; decoding. Run `prepare` to rebuild it").arg(cache.error().message);
        return out;
    }
    out.cache = *cache;
    out.cacheId = r.id;
    out.message = QStringLiteral("reading the prepared clip cache %1 (%2 windows)").arg(r.folder).arg(r.entries);
    return out;
}

Result<PreparedBenchmark> benchPreparedCache(const QString &workspace, RunConfig cfg, int epochs)
{
    auto ws = store::Workspace::open(workspace);
    if (!ws)
        return ws.error();
    auto data = loadDatasetView(**ws, cfg);
    if (!data)
        return data.error();
    PreparedBenchmark out;
    auto pass = [&](loader::LoaderMode mode, const std::vector<LoaderItem> &items, bool cached,
                    double &clipsPerSecond) -> Status {
        loader::LoaderOptions o = loaderOptions(cfg, mode, 0, 1);
        o.cacheMiB = 0;
        if (cached) {
            PreparedLookup found = findPreparedCache(**ws, data->datasetId, o, cfg.model());
            if (!found.cache)
                return makeError(QStringLiteral("invalid"),
                                 found.message.isEmpty()
                                     ? QStringLiteral("no prepared clip cache for these settings: run prepare first")
                                     : found.message);
            o.prepared = found.cache;
            if (mode == loader::LoaderMode::Train)
                out.cacheBytes = QFileInfo(found.cache->dataFile()).size();
        }
        auto l = loader::ClipLoader::create(items, o, cfg.model());
        if (!l)
            return l.error();
        QElapsedTimer t;
        t.start();
        int n = 0;
        for (int e = 0; e < epochs; ++e) {
            (*l)->start(e);
            while (auto b = (*l)->next())
                n += b->size();
        }
        clipsPerSecond = n / std::max(1e-9, t.elapsed() / 1000.0);
        if ((*l)->failedItems() > 0)
            return makeError(
                QStringLiteral("data"),
                QStringLiteral("%1 samples failed: %2").arg((*l)->failedItems()).arg((*l)->lastErrors().value(0)));
        if (cached && mode == loader::LoaderMode::Train) {
            out.cachedHits = (*l)->cacheStats().preparedHits;
            out.cachedMisses = (*l)->cacheStats().preparedMisses;
        }
        out.workers = o.numWorkers;
        return Ok{};
    };
    out.items = int(data->train.size());
    for (const auto &[mode, items, cached, cps] :
         std::vector<std::tuple<loader::LoaderMode, const std::vector<LoaderItem> *, bool, double *>>{
             {loader::LoaderMode::Train, &data->train, false, &out.decodeClipsPerSecond},
             {loader::LoaderMode::Train, &data->train, true, &out.cachedClipsPerSecond},
             {loader::LoaderMode::Eval, &data->eval, false, &out.evalDecodeClipsPerSecond},
             {loader::LoaderMode::Eval, &data->eval, true, &out.evalCachedClipsPerSecond}})
        if (auto st = pass(mode, *items, cached, *cps); !st)
            return st.error();
    return out;
}

QString formatMiB(qint64 bytes) { return QStringLiteral("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1); }

Status markPreparedCacheCorrupt(store::Workspace &ws, qint64 cacheId, const QString &message)
{
    return store::setClipCacheStatus(ws.db(), cacheId, QStringLiteral("corrupt"), message);
}

} // namespace avt::train
