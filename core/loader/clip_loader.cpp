// ATen before Qt: QtCore defines `slots` as a macro, a name ATen uses.
#include <ATen/ATen.h>

#include "core/loader/clip_loader.h"
#include "core/loader/prepared_cache.h"

#include "core/loader/sample_pipeline.h"
#include "core/loader/sampler.h"
#include "model/config/model_config.h"

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <dlfcn.h>
#include <map>
#include <mutex>
#include <thread>

namespace avt::loader {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kMaxErrors = 20;

// ATen's intra-op parallelism (OpenMP in these builds) reads the calling thread's own thread
// count, so setting it to 1 in a worker thread keeps fbank and resizes serial there without
// touching the process-wide setting. Looked up at run time so builds without OpenMP work.
void serialIntraOpInThisThread()
{
    using SetThreads = void (*)(int);
    static const auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
    if (set)
        set(1);
}

// Memory for batch tensors, handed back when the consumer drops a batch and reused for the next
// one. A batch of avt-base frames is 9.6 MB per clip, so batches pass glibc's largest mmap
// threshold (32 MiB) and each one would otherwise be a fresh mmap() whose pages the kernel
// zeroes and faults in again. Holds at most kKeep free buffers.
class BatchMemory : public std::enable_shared_from_this<BatchMemory> {
public:
    ~BatchMemory()
    {
        for (auto &[bytes, p] : m_free)
            std::free(p);
    }
    // An uninitialised float tensor of `sizes` whose memory returns here when freed.
    at::Tensor floats(at::IntArrayRef sizes)
    {
        std::int64_t n = 1;
        for (std::int64_t d : sizes)
            n *= d;
        const size_t bytes = size_t(n) * sizeof(float);
        void *p = nullptr;
        {
            std::lock_guard lock(m_mutex);
            for (auto it = m_free.begin(); it != m_free.end(); ++it)
                if (it->first == bytes) {
                    p = it->second;
                    m_free.erase(it);
                    break;
                }
        }
        if (!p)
            p = std::aligned_alloc(64, (bytes + 63) / 64 * 64);
        if (!p)
            throw std::bad_alloc();
        std::shared_ptr<BatchMemory> self = shared_from_this();
        return at::from_blob(
            p, sizes, [self, bytes](void *q) { self->giveBack(q, bytes); }, at::TensorOptions().dtype(at::kFloat));
    }

private:
    static constexpr size_t kKeep = 4;
    void giveBack(void *p, size_t bytes)
    {
        std::lock_guard lock(m_mutex);
        if (m_free.size() >= kKeep) {
            std::free(p);
            return;
        }
        m_free.emplace_back(bytes, p);
    }
    std::mutex m_mutex;
    std::vector<std::pair<size_t, void *>> m_free;
};

} // namespace

// The loader's state and threads (clip_loader.h describes the behaviour).
class LoaderEngine {
public:
    LoaderEngine(std::vector<LoaderItem> items, const LoaderOptions &options, const model::ModelConfig &config)
        : m_items(std::move(items)), m_opt(options), m_pipeline(options, config)
    {
        m_train = options.mode == LoaderMode::Train;
        m_views = m_train ? 1 : options.temporalViews * options.spatialViews;
        m_samples = int(m_items.size()) * m_views;
        m_batches = loader::batchesPerEpoch(m_samples, options.batchSize, options.worldSize, m_train);
        if (config.hasVideo())
            m_videoShape = {3, config.video.frames, config.video.size, config.video.size};
        for (int i = 0; i < options.numWorkers; ++i)
            m_threads.emplace_back([this] { workerLoop(); });
    }

    ~LoaderEngine()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
            ++m_generation;
        }
        m_workCv.notify_all();
        for (std::thread &t : m_threads)
            t.join();
    }

    const LoaderOptions &options() const { return m_opt; }
    int sampleCount() const { return m_samples; }
    int batchesPerEpoch() const { return m_batches; }
    const SamplePipeline &pipeline() const { return m_pipeline; }

    SampleRef sample(int index) const
    {
        SampleRef r;
        r.item = index / m_views;
        r.view = index % m_views;
        r.temporalView = r.view / m_opt.spatialViews;
        r.spatialView = m_train ? 0 : r.view % m_opt.spatialViews;
        if (m_train)
            r.temporalView = 0;
        return r;
    }

    RankBatch plan(int epoch, int batch) const
    {
        const auto order = epochOrder(m_samples, m_opt.seed, epoch, m_train && m_opt.shuffle);
        return rankBatch(order, batch, m_opt.batchSize, m_opt.rank, m_opt.worldSize);
    }

    void start(int epoch, int firstBatch)
    {
        {
            std::lock_guard lock(m_mutex);
            ++m_generation;
            m_epoch = epoch;
            m_order = epochOrder(m_samples, m_opt.seed, epoch, m_train && m_opt.shuffle);
            m_nextReturn = std::clamp(firstBatch, 0, m_batches);
            m_takeBatch = m_nextReturn;
            m_takePos = 0;
            m_pending.clear();
            m_started = true;
        }
        m_workCv.notify_all();
    }

    std::optional<Batch> next()
    {
        for (;;) {
            std::unique_lock lock(m_mutex);
            if (!m_started || m_nextReturn >= m_batches)
                return std::nullopt;
            std::optional<Batch> b;
            if (m_threads.empty()) {
                b = loadWhole(lock);
            } else {
                Pending &p = ensurePending(m_nextReturn);
                if (!p.result) {
                    const auto t0 = Clock::now();
                    m_readyCv.wait(lock, [&] { return bool(m_pending[m_nextReturn].result) || m_stop; });
                    m_waitSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
                }
                if (!m_pending[m_nextReturn].result)
                    return std::nullopt; // shutting down
                b = std::move(*m_pending[m_nextReturn].result);
                m_pending.erase(m_nextReturn);
            }
            ++m_nextReturn;
            lock.unlock();
            m_workCv.notify_all();
            if (b->size() > 0)
                return b;
        }
    }

    double waitSeconds() const
    {
        std::lock_guard lock(m_mutex);
        return m_waitSeconds;
    }
    int failedItems() const
    {
        std::lock_guard lock(m_mutex);
        return m_failed;
    }
    QStringList lastErrors() const
    {
        std::lock_guard lock(m_mutex);
        return QStringList(m_errors.begin(), m_errors.end());
    }

private:
    struct Slot {
        std::optional<LoadedSample> sample;
        bool done = false;
    };
    struct Pending {
        RankBatch plan;
        std::vector<Slot> parts;
        int remaining = 0;
        std::optional<Batch> result;
        at::Tensor video; // [B, 3, T_v, S, S]: the workers write each sample's frames into its row
    };

    Pending &ensurePending(int batch)
    {
        auto it = m_pending.find(batch);
        if (it != m_pending.end())
            return it->second;
        Pending p;
        p.plan = rankBatch(m_order, batch, m_opt.batchSize, m_opt.rank, m_opt.worldSize);
        p.parts.resize(p.plan.samples.size());
        p.video = batchVideo(p.plan.samples.size());
        p.remaining = int(p.parts.size());
        if (p.remaining == 0)
            p.result = collate({}, {}, batch, 0, {});
        return m_pending.emplace(batch, std::move(p)).first->second;
    }

    // A failure message, kept for lastErrors(); lock held.
    void recordFailure(const QString &message)
    {
        ++m_failed;
        m_errors.push_back(message);
        while (int(m_errors.size()) > kMaxErrors)
            m_errors.pop_front();
    }

    // The batch's video tensor, rows written by the workers (undefined for audio-only models).
    at::Tensor batchVideo(size_t rows) const
    {
        if (!m_videoShape.empty() && rows > 0) {
            std::vector<std::int64_t> sizes{std::int64_t(rows)};
            sizes.insert(sizes.end(), m_videoShape.begin(), m_videoShape.end());
            return m_batchMemory->floats(sizes);
        }
        return {};
    }

    std::optional<LoadedSample> loadOne(int sampleIndex, int epoch, QString &error, const at::Tensor &videoRow) const
    {
        const SampleRef ref = sample(sampleIndex);
        auto r = m_pipeline.load(m_items[size_t(ref.item)], ref, itemSeed(m_opt.seed, epoch, sampleIndex), videoRow);
        if (!r) {
            error = r.error().message;
            return std::nullopt;
        }
        return std::move(*r);
    }

    // numWorkers == 0: load the whole batch in the calling thread.
    std::optional<Batch> loadWhole(std::unique_lock<std::mutex> &lock)
    {
        const int batch = m_nextReturn, epoch = m_epoch;
        const RankBatch plan = rankBatch(m_order, batch, m_opt.batchSize, m_opt.rank, m_opt.worldSize);
        lock.unlock();
        std::vector<Slot> parts(plan.samples.size());
        const at::Tensor video = batchVideo(parts.size());
        std::vector<QString> errors;
        for (size_t i = 0; i < parts.size(); ++i) {
            QString error;
            parts[i].sample = loadOne(plan.samples[i], epoch, error, video.defined() ? video[i] : at::Tensor());
            if (!error.isEmpty())
                errors.push_back(error);
        }
        Batch b = collate(plan, parts, batch, epoch, video);
        lock.lock();
        for (const QString &e : errors)
            recordFailure(e);
        return b;
    }

    void workerLoop()
    {
        serialIntraOpInThisThread();
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_workCv.wait(lock, [&] { return m_stop || hasTask(); });
            if (m_stop)
                return;
            const int generation = m_generation, epoch = m_epoch, batch = m_takeBatch, pos = m_takePos;
            Pending &p = ensurePending(batch);
            const int sampleIndex = p.plan.samples[size_t(pos)];
            const at::Tensor videoRow = p.video.defined() ? p.video[pos] : at::Tensor();
            if (++m_takePos >= int(p.parts.size())) {
                m_takePos = 0;
                ++m_takeBatch;
            }
            lock.unlock();
            QString error;
            std::optional<LoadedSample> s = loadOne(sampleIndex, epoch, error, videoRow);
            lock.lock();
            if (generation != m_generation)
                continue; // start() or the destructor dropped this epoch's work
            if (!error.isEmpty())
                recordFailure(error);
            Pending &q = m_pending[batch];
            q.parts[size_t(pos)].sample = std::move(s);
            q.parts[size_t(pos)].done = true;
            if (--q.remaining > 0)
                continue;
            // This worker finished the batch: collate outside the lock.
            std::vector<Slot> parts = std::move(q.parts);
            const RankBatch plan = q.plan;
            const at::Tensor video = std::move(q.video);
            lock.unlock();
            Batch b = collate(plan, parts, batch, epoch, video);
            lock.lock();
            if (generation != m_generation)
                continue;
            m_pending[batch].result = std::move(b);
            m_readyCv.notify_all();
        }
    }

    // Lock held: a sample of a batch within the prefetch window is waiting for a worker.
    bool hasTask()
    {
        if (!m_started)
            return false;
        const int limit = std::min(m_batches, m_nextReturn + m_opt.prefetchBatches);
        while (m_takeBatch < limit) {
            Pending &p = ensurePending(m_takeBatch);
            if (m_takePos < int(p.parts.size()))
                return true;
            m_takePos = 0; // an empty batch (cannot happen with batchSize >= 1)
            ++m_takeBatch;
        }
        return false;
    }

    // video: the batch's video tensor whose rows the samples were written into (or undefined).
    Batch collate(const RankBatch &plan, const std::vector<Slot> &parts, int index, int epoch,
                  const at::Tensor &video) const;

    std::vector<LoaderItem> m_items;
    LoaderOptions m_opt;
    SamplePipeline m_pipeline;
    std::shared_ptr<BatchMemory> m_batchMemory = std::make_shared<BatchMemory>();
    std::vector<std::int64_t> m_videoShape; // [3, T_v, S, S], empty for audio-only models
    bool m_train = true;
    int m_views = 1;
    int m_samples = 0;
    int m_batches = 0;

    mutable std::mutex m_mutex;
    std::condition_variable m_workCv;
    std::condition_variable m_readyCv;
    bool m_stop = false;
    bool m_started = false;
    int m_generation = 0;
    int m_epoch = 0;
    std::vector<int> m_order;
    int m_nextReturn = 0;
    int m_takeBatch = 0;
    int m_takePos = 0;
    std::map<int, Pending> m_pending;
    double m_waitSeconds = 0.0;
    int m_failed = 0;
    std::deque<QString> m_errors;
    std::vector<std::thread> m_threads;
};

Batch LoaderEngine::collate(const RankBatch &plan, const std::vector<Slot> &parts, int index, int epoch,
                            const at::Tensor &batchVideo) const
{
    Batch b;
    b.epoch = epoch;
    b.index = index;
    std::vector<at::Tensor> audio, video, amask, vmask;
    std::vector<std::int64_t> labels, nouns;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (!parts[i].sample) {
            ++b.failed;
            continue;
        }
        const LoadedSample &s = *parts[i].sample;
        const int sampleIndex = plan.samples[i];
        const SampleRef ref = sample(sampleIndex);
        const LoaderItem &item = m_items[size_t(ref.item)];
        if (s.audio.defined())
            audio.push_back(s.audio);
        if (s.video.defined())
            video.push_back(s.video);
        if (s.audioMask.defined())
            amask.push_back(s.audioMask);
        if (s.videoMask.defined())
            vmask.push_back(s.videoMask);
        labels.push_back(item.label);
        nouns.push_back(item.nounLabel);
        b.clipIds.push_back(item.clipId);
        b.views.push_back(ref.view);
        b.sampleIndices.push_back(sampleIndex);
        b.windowStarts.push_back(s.windowStart);
        b.padding.push_back(plan.padding[i]);
    }
    if (b.clipIds.empty())
        return b;
    const auto i64 = at::TensorOptions().dtype(at::kLong);
    b.labels = at::tensor(labels, i64);
    b.nounLabels = at::tensor(nouns, i64);
    if (!audio.empty())
        b.audio = at::stack(audio); // [B, T_a, F]
    if (!video.empty()) {
        // The samples wrote their frames into the rows of batchVideo: with no failure it is the
        // batch as it is; otherwise the rows of the samples that loaded are gathered.
        bool inPlace = batchVideo.defined() && video.size() == size_t(batchVideo.size(0));
        for (size_t i = 0; inPlace && i < video.size(); ++i)
            inPlace = video[i].data_ptr() == batchVideo[std::int64_t(i)].data_ptr();
        if (inPlace) {
            b.video = batchVideo; // [B, 3, T_v, S, S]
        } else {
            std::vector<std::int64_t> sizes{std::int64_t(video.size())};
            for (std::int64_t d : video.front().sizes())
                sizes.push_back(d);
            b.video = m_batchMemory->floats(sizes);
            at::stack_out(b.video, video);
        }
    }
    if (!amask.empty())
        b.audioMask = at::stack(amask); // [B, Na]
    if (!vmask.empty())
        b.videoMask = at::stack(vmask); // [B, Nv]
    if (m_train && m_opt.augment.mixupAlpha > 0.0) {
        // Global batch number: this rank's batches are numbered like the global ones.
        SampleRng rng(subSeed(itemSeed(m_opt.seed, epoch, -1 - index), 0x4D1C5EEDull));
        const double lambda = rng.beta(m_opt.augment.mixupAlpha, m_opt.augment.mixupAlpha);
        b.mixLambda = lambda;
        const float l = float(lambda);
        if (b.audio.defined())
            b.audio = l * b.audio + (1.0f - l) * b.audio.flip({0});
        if (b.video.defined())
            b.video = l * b.video + (1.0f - l) * b.video.flip({0});
        b.labelsB = b.labels.flip({0});
        b.nounLabelsB = b.nounLabels.flip({0});
    }
    return b;
}

std::uint64_t itemSeed(std::uint64_t seed, int epoch, int sampleIndex)
{
    std::uint64_t h = mix64(seed);
    h = mix64(h ^ (std::uint64_t(std::uint32_t(epoch)) * 0x9E3779B97F4A7C15ULL));
    return mix64(h ^ (std::uint64_t(std::uint32_t(sampleIndex)) * 0xC2B2AE3D27D4EB4FULL + 1));
}

Result<std::unique_ptr<ClipLoader>> ClipLoader::create(std::vector<LoaderItem> items, const LoaderOptions &options,
                                                       const model::ModelConfig &config)
{
    if (auto ok = options.validate(); !ok)
        return ok.error();
    if (const std::string why = config.validate(); !why.empty())
        return makeError(QStringLiteral("invalid"), QStringLiteral("model config: ") + QString::fromStdString(why));
    if (!config.hasAudio() && !config.hasVideo())
        return makeError(QStringLiteral("invalid"), QStringLiteral("model config uses neither audio nor video"));
    if (items.empty() && options.mode == LoaderMode::Train)
        return makeError(QStringLiteral("invalid"), QStringLiteral("loader: no items to train on"));
    for (size_t i = 0; i < items.size(); ++i)
        if (items[i].path.isEmpty())
            return makeError(QStringLiteral("invalid"), QStringLiteral("loader: item %1 has no path").arg(i));
    if (config.hasVideo() && options.masking.video == VideoMasking::Tube && config.video.embedGrid().size() != 3)
        return makeError(QStringLiteral("invalid"), QStringLiteral("loader: tube masking needs a 3-D video grid"));
    auto engine = std::make_unique<LoaderEngine>(std::move(items), options, config);
    if (options.prepared) {
        const PreparedSpec want = engine->pipeline().preparedSpec();
        if (options.prepared->spec().hash() != want.hash())
            return makeError(QStringLiteral("invalid"),
                             QStringLiteral("loader: the prepared clip cache %1 was made for other settings (%2)")
                                 .arg(options.prepared->dataFile(),
                                      options.prepared->spec().differences(want).join(QStringLiteral(", "))));
    }
    return std::unique_ptr<ClipLoader>(new ClipLoader(std::move(engine)));
}

ClipLoader::ClipLoader(std::unique_ptr<LoaderEngine> engine) : m_engine(std::move(engine)) {}
ClipLoader::~ClipLoader() = default;

const LoaderOptions &ClipLoader::options() const { return m_engine->options(); }
int ClipLoader::sampleCount() const { return m_engine->sampleCount(); }
int ClipLoader::batchesPerEpoch() const { return m_engine->batchesPerEpoch(); }
std::vector<int> ClipLoader::batchSamples(int epoch, int batch) const { return m_engine->plan(epoch, batch).samples; }
SampleRef ClipLoader::sample(int sampleIndex) const { return m_engine->sample(sampleIndex); }
void ClipLoader::start(int epoch, int firstBatch) { m_engine->start(epoch, firstBatch); }
std::optional<Batch> ClipLoader::next() { return m_engine->next(); }
double ClipLoader::waitSeconds() const { return m_engine->waitSeconds(); }
int ClipLoader::failedItems() const { return m_engine->failedItems(); }
QStringList ClipLoader::lastErrors() const { return m_engine->lastErrors(); }
int ClipLoader::segmentationsComputed() const { return m_engine->pipeline().segmentationsComputed(); }
int ClipLoader::segmentationCacheHits() const { return m_engine->pipeline().segmentationCacheHits(); }
CacheStats ClipLoader::cacheStats() const { return m_engine->pipeline().cacheStats(); }

} // namespace avt::loader
