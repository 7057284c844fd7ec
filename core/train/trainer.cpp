#include "core/train/trainer.h"

#include "core/distributed/process_group.h"
#include "core/loader/clip_loader.h"
#include "core/store/database.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/checkpoint.h"
#include "core/train/prepare.h"
#include "core/train/run_model.h"
#include "core/train/schedule.h"
#include "core/train/train_setup.h"
#include "core/util/json_file.h"
#include "model/avt/avt_model.h"
#include "model/losses/losses.h"
#include "model/runtime/cpu_threads.h"

#include <torch/torch.h>

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace avt::train {

namespace {

std::atomic_bool g_stopRequested{false};

// Fault injection for the failure tests (never set in normal use):
//   AVT_FAULT_EXIT=RANK:STEP   that rank exits with status 3 before optimiser step STEP
//   AVT_FAULT_NAN=STEP         the loss of optimiser step STEP becomes NaN
//   AVT_FAULT_INF_GRAD=STEP    one gradient of optimiser step STEP becomes infinite (finite loss)
//   AVT_FAULT_STORE=STEP       from optimiser step STEP on, the store refuses writes (read-only)
//   AVT_FAULT_SLOW_EVAL=SEC    rank 0's evaluations take SEC seconds longer
struct Faults {
    int exitRank = -1;
    qint64 exitStep = -1;
    qint64 nanStep = -1;
    qint64 infGradStep = -1;
    qint64 storeStep = -1;
    int slowEvalSeconds = 0;
    static Faults fromEnvironment()
    {
        Faults f;
        const QString exit = qEnvironmentVariable("AVT_FAULT_EXIT");
        if (exit.contains(QLatin1Char(':'))) {
            f.exitRank = exit.section(QLatin1Char(':'), 0, 0).toInt();
            f.exitStep = exit.section(QLatin1Char(':'), 1).toLongLong();
        }
        if (qEnvironmentVariableIsSet("AVT_FAULT_NAN"))
            f.nanStep = qEnvironmentVariable("AVT_FAULT_NAN").toLongLong();
        if (qEnvironmentVariableIsSet("AVT_FAULT_INF_GRAD"))
            f.infGradStep = qEnvironmentVariable("AVT_FAULT_INF_GRAD").toLongLong();
        if (qEnvironmentVariableIsSet("AVT_FAULT_STORE"))
            f.storeStep = qEnvironmentVariable("AVT_FAULT_STORE").toLongLong();
        f.slowEvalSeconds = qEnvironmentVariableIntValue("AVT_FAULT_SLOW_EVAL");
        return f;
    }
};

void onStopSignal(int) { g_stopRequested.store(true); }

// Keeps a running run's heartbeat fresh in the store (how runs on other hosts are told from
// interrupted ones): every 60 s, on its own thread and database connection, so that long steps or
// a long evaluation never make a live run look dead (kStaleHeartbeatSeconds is 15 minutes).
// Advisory: a write that fails (the store busy) is simply made again a minute later.
class Heartbeat {
public:
    Heartbeat(const QString &databasePath, qint64 runId)
        : m_thread([this, databasePath, runId] { beat(databasePath, runId); })
    {}
    ~Heartbeat()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }

private:
    void beat(const QString &databasePath, qint64 runId)
    {
        store::Database db;
        if (!db.open(databasePath))
            return;
        std::unique_lock<std::mutex> lock(m_mutex);
        while (!m_stop) {
            (void)store::touchRun(db, runId);
            m_wake.wait_for(lock, std::chrono::seconds(60), [this] { return m_stop; });
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread; // last: starts once the members above exist
};

// Progress output of rank 0: JSON lines (--progress json) or a bar / plain lines.
class Reporter {
public:
    Reporter(Progress::Mode mode, bool active) : m_mode(mode), m_active(active) {}
    bool json() const { return m_mode == Progress::Mode::Json; }
    void emit(const QJsonObject &o)
    {
        if (!m_active)
            return;
        if (json()) {
            const QByteArray line = compactJsonBytes(o) + '\n';
            std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
            std::fflush(stdout);
        }
    }
    void line(const QString &text)
    {
        if (m_active && !json() && m_mode != Progress::Mode::Quiet) {
            std::fprintf(stderr, "%s\n", qPrintable(text));
            std::fflush(stderr);
        }
    }
    // Something the user must see whatever the mode: a line on stderr (and an event in JSON).
    void warn(const QString &text)
    {
        if (!m_active)
            return;
        emit({{QStringLiteral("event"), QStringLiteral("warning")}, {QStringLiteral("message"), text}});
        std::fprintf(stderr, "warning: %s\n", qPrintable(text));
        std::fflush(stderr);
    }

private:
    Progress::Mode m_mode;
    bool m_active;
};

struct Session {
    TrainRequest req;
    RunConfig cfg;
    bool rank0 = true;
    std::unique_ptr<store::Workspace> ws;
    qint64 runId = 0;
    QString runName, runDir, checkpointDir;
    DatasetView data;
    at::Device device = at::kCPU;
    model::AvtModel model{nullptr};
    at::Tensor temperature; // learned tau, or undefined
    std::unique_ptr<torch::optim::AdamW> optimizer;
    std::unique_ptr<dist::ProcessGroup> pg;
    std::unique_ptr<loader::ClipLoader> loader;
    std::shared_ptr<const loader::PreparedClipCache> evalPrepared; // data.prepared: for evaluations
    qint64 trainCacheId = 0, evalCacheId = 0;
    TrainerState state;
    WarmupCosine schedule;
    Faults faults = Faults::fromEnvironment();
    QElapsedTimer clock;
    std::unique_ptr<Heartbeat> heartbeat; // rank 0, while the run is open
    bool stopAgreed = false;              // a stop was asked on some rank (known to all after a step's sums)
    QString lastCheckpoint, bestCheckpoint;
    QString initFile; // run.init, resolved; empty when the run starts from scratch
    QString cpu;      // CPU threads in effect (model::CpuThreads::summary)
    InitReport init;
};

QString relative(Session &s, const QString &path) { return s.ws->relativePath(path); }

// A write to the store that fails stops the run (never rows silently lost): the exception ends
// trainLoop on rank 0, runTraining reports it, and the launcher stops the other ranks.
void mustStore(const Status &st, const QString &what)
{
    if (!st)
        throw std::runtime_error(QStringLiteral("cannot store %1: %2").arg(what, st.error().message).toStdString());
}

Status openRun(Session &s)
{
    auto ws = store::Workspace::open(s.req.workspace);
    if (!ws)
        return ws.error();
    s.ws = std::move(*ws);
    if (!s.req.resumeRun.isEmpty()) {
        auto run = store::findRun(s.ws->db(), s.req.resumeRun);
        if (!run)
            return run.error();
        auto cfg = RunConfig::fromJson(run->config, QStringLiteral("run '%1'").arg(run->name));
        if (!cfg)
            return cfg.error();
        s.cfg = *cfg;
        // Only what does not change the computation so far may be overridden on resume.
        for (const QString &a : s.req.overrides) {
            const QString key = a.section(QLatin1Char('='), 0, 0).trimmed();
            if (key != QLatin1String("optim.epochs") && !key.startsWith(QLatin1String("data.workers"))
                && !key.startsWith(QLatin1String("data.prefetch")) && key != QLatin1String("run.checkpoint_every"))
                return makeError(QStringLiteral("config"),
                                 QStringLiteral("%1 cannot change when resuming (only optim.epochs, data.workers, "
                                                "data.prefetch, run.checkpoint_every)")
                                     .arg(key));
            if (auto st = s.cfg.set(key, a.section(QLatin1Char('='), 1)); !st)
                return st;
        }
        s.runId = run->id;
        s.runName = run->name;
    } else {
        s.cfg = s.req.config;
        s.runName = s.cfg.text(QStringLiteral("run.name"));
        if (s.runName.isEmpty())
            s.runName = QStringLiteral("%1-%2-%3")
                            .arg(s.cfg.preset(), QString::fromStdString(s.cfg.model().fusion.mode),
                                 QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss")));
        if (auto named = s.cfg.set(QStringLiteral("run.name"), s.runName); !named)
            return named.error();
    }
    auto view = loadDatasetView(*s.ws, s.cfg);
    if (!view)
        return view.error();
    s.data = std::move(*view);
    if (auto st = s.cfg.validate(); !st)
        return st;
    s.runDir = s.ws->dir().filePath(QStringLiteral("runs/") + s.runName);
    s.checkpointDir = s.runDir + QStringLiteral("/checkpoints");
    if (s.rank0) {
        if (!QDir().mkpath(s.checkpointDir))
            return makeError(QStringLiteral("io"), QStringLiteral("%1: cannot create the folder").arg(s.checkpointDir));
        // The config is in the store too; this copy beside the checkpoints is for people and
        // scripts. Written before the run is recorded, so a folder that cannot take it stops the
        // run with nothing stored (it would fail at its first checkpoint anyway).
        if (auto st = writeJsonFile(s.runDir + QStringLiteral("/config.json"), s.cfg.toJson()); !st)
            return st;
        if (s.runId == 0) {
            store::RunInfo info;
            info.name = s.runName;
            info.datasetId = s.data.datasetId;
            info.config = s.cfg.toJson();
            info.status = QStringLiteral("running");
            info.host = store::hostName();
            info.pid = qint64(::getpid());
            info.worldSize = s.req.env.worldSize;
            info.version = QStringLiteral(AVT_VERSION);
            auto id = store::createRun(s.ws->db(), info);
            if (!id)
                return id.error();
            s.runId = *id;
        } else if (auto st = store::claimRun(s.ws->db(), s.runName, qint64(::getpid()), store::hostName()); !st) {
            return st; // another live process runs it: locked
        }
        s.heartbeat = std::make_unique<Heartbeat>(s.ws->databasePath(), s.runId);
    }
    return Ok{};
}

Status buildModel(Session &s)
{
    const QString dev = s.cfg.text(QStringLiteral("run.device"));
    if (dev == QLatin1String("cuda") && !torch::cuda::is_available())
        return makeError(QStringLiteral("config"),
                         QStringLiteral("run.device: cuda asked for, but this LibTorch sees no CUDA device"));
    if (dev == QLatin1String("cuda") || (dev == QLatin1String("auto") && torch::cuda::is_available()))
        s.device = at::Device(at::kCUDA, s.req.env.localRank);
    const qint64 threads = s.cfg.integer(QStringLiteral("run.threads"));
    int want = 0; // 0: keep LibTorch's count
    if (threads > 0)
        want = int(threads);
    else if (s.req.env.worldSize > 1)
        want = std::max(1, at::get_num_threads() / std::max(1, s.req.env.worldSize));
    // Also keeps a pthreads OpenBLAS from competing with LibTorch's threads (cpu_threads.h).
    s.cpu = QString::fromStdString(model::applyCpuThreads(want).summary());
    torch::manual_seed(uint64_t(s.cfg.integer(QStringLiteral("run.seed"))));
    try {
        s.model = model::AvtModel(s.cfg.model());
    } catch (const std::exception &e) {
        return makeError(QStringLiteral("config"),
                         QStringLiteral("model: %1").arg(QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
    // Starting weights (not on resume: the run's own checkpoint holds everything).
    if (const QString init = s.cfg.text(QStringLiteral("run.init")); !init.isEmpty() && s.req.resumeRun.isEmpty()) {
        s.initFile = QFileInfo(init).absoluteFilePath();
        auto report = initModelWeights(s.initFile, *s.model);
        if (!report)
            return makeError(report.error().code, QStringLiteral("run.init: %1").arg(report.error().message));
        s.init = *report;
    }
    s.model->to(s.device);
    if (s.cfg.flag(QStringLiteral("losses.learn_temperature")))
        s.temperature = torch::full({}, s.cfg.real(QStringLiteral("losses.temperature")),
                                    torch::dtype(torch::kFloat32).device(s.device))
                            .requires_grad_(true);

    // Weight decay on matrices and kernels only; biases, norms and learned tokens go without.
    std::vector<at::Tensor> decay, noDecay;
    for (const auto &p : s.model->named_parameters()) {
        const std::string &name = p.key();
        const bool plain = p.value().dim() <= 1 || name.find("token") != std::string::npos
                           || name.find("pos_embed") != std::string::npos
                           || name.find("bottleneck") != std::string::npos;
        (plain ? noDecay : decay).push_back(p.value());
    }
    if (s.temperature.defined())
        noDecay.push_back(s.temperature);
    auto options = torch::optim::AdamWOptions(s.cfg.real(QStringLiteral("optim.lr")))
                       .betas({s.cfg.real(QStringLiteral("optim.beta1")), s.cfg.real(QStringLiteral("optim.beta2"))})
                       .weight_decay(s.cfg.real(QStringLiteral("optim.weight_decay")));
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(options));
    auto plainOptions = options;
    plainOptions.weight_decay(0.0);
    groups.emplace_back(noDecay, std::make_unique<torch::optim::AdamWOptions>(plainOptions));
    s.optimizer = std::make_unique<torch::optim::AdamW>(groups, options);

    if (s.req.env.distributed()) {
        auto pg = dist::ProcessGroup::create(s.req.env, s.device.is_cuda(),
                                             int(s.cfg.integer(QStringLiteral("dist.timeout_s"))));
        if (!pg)
            return pg.error();
        s.pg = std::move(*pg);
        s.pg->broadcastParameters(s.model->parameters());
    }
    return Ok{};
}

// Resumes from the newest checkpoint that loads. A damaged one (a truncated file, a disk that
// filled up) is set aside as step-N.pt.damaged with a warning and the previous kept one is used;
// temporary files left by a process killed between writing and renaming a checkpoint are removed.
Status restore(Session &s, Reporter &rep)
{
    if (s.req.resumeRun.isEmpty())
        return Ok{};
    if (s.rank0)
        for (const QString &tmp : QDir(s.checkpointDir).entryList({QStringLiteral("*.pt.tmp")}, QDir::Files)) {
            QFile::remove(QDir(s.checkpointDir).filePath(tmp));
            rep.warn(QStringLiteral("removed %1, a checkpoint that was never finished").arg(tmp));
        }
    const QStringList found = listCheckpoints(s.checkpointDir);
    if (found.isEmpty())
        return Ok{}; // stopped before its first checkpoint: start from the beginning
    std::optional<TrainerState> loaded;
    QString from;
    for (const QString &path : found) {
        auto st = loadCheckpoint(path, *s.model, s.optimizer.get());
        if (st) {
            loaded = *st;
            from = path;
            break;
        }
        rep.warn(QStringLiteral("%1 cannot be read (%2); trying the one before it")
                     .arg(relative(s, path), st.error().message));
        if (s.rank0)
            QFile::rename(path, path + QStringLiteral(".damaged"));
    }
    if (!loaded)
        return makeError(
            QStringLiteral("corrupt"),
            QStringLiteral("none of the %1 checkpoints of run %2 can be read").arg(found.size()).arg(s.runName));
    if (from != found.first())
        rep.warn(QStringLiteral("resuming from %1 (step %2)").arg(relative(s, from)).arg(loaded->step));
    s.state = *loaded;
    if (s.state.rngState.defined()) {
        at::Generator gen = at::detail::getDefaultCPUGenerator();
        gen.set_state(s.state.rngState);
    }
    if (s.temperature.defined() && s.state.temperature.defined())
        s.temperature.data().copy_(s.state.temperature);
    s.lastCheckpoint = from;
    if (QFile::exists(s.checkpointDir + QStringLiteral("/best.pt")))
        s.bestCheckpoint = s.checkpointDir + QStringLiteral("/best.pt");
    if (s.rank0) // the metrics past the checkpoint are replayed: the old ones must go
        return store::truncateMetrics(s.ws->db(), s.runId, s.state.step);
    return Ok{};
}

Status writeCheckpoint(Session &s, Reporter &rep, bool best)
{
    if (!s.rank0)
        return Ok{};
    s.state.rngState = at::detail::getDefaultCPUGenerator().get_state();
    s.state.temperature = s.temperature;
    const QString path = s.checkpointDir + QStringLiteral("/step-%1.pt").arg(s.state.step, 8, 10, QLatin1Char('0'));
    if (auto st = saveCheckpoint(path, *s.model, s.optimizer.get(), s.state); !st)
        return st;
    pruneCheckpoints(s.checkpointDir, int(s.cfg.integer(QStringLiteral("run.keep_last"))));
    s.lastCheckpoint = path;
    if (best) {
        const QString bestPath = s.checkpointDir + QStringLiteral("/best.pt");
        if (auto st = saveCheckpoint(bestPath, *s.model, nullptr, s.state); !st)
            return st;
        s.bestCheckpoint = bestPath;
    }
    mustStore(store::updateRunCheckpoints(s.ws->db(), s.runId, relative(s, s.lastCheckpoint),
                                          s.bestCheckpoint.isEmpty() ? QString() : relative(s, s.bestCheckpoint)),
              QStringLiteral("the checkpoint of step %1").arg(s.state.step));
    rep.emit({{QStringLiteral("event"), QStringLiteral("checkpoint")},
              {QStringLiteral("step"), s.state.step},
              {QStringLiteral("path"), relative(s, path)},
              {QStringLiteral("best"), best}});
    return Ok{};
}

void setLearningRate(torch::optim::AdamW &opt, double lr)
{
    for (auto &group : opt.param_groups())
        static_cast<torch::optim::AdamWOptions &>(group.options()).lr(lr);
}

// Loss terms of one batch (already scaled for accumulation by the caller).
model::LossTerms forwardLosses(Session &s, const loader::Batch &b, model::AvtInputs &in)
{
    if (b.audio.defined())
        in.audio = b.audio.to(s.device);
    if (b.video.defined())
        in.video = b.video.to(s.device);
    if (b.audioMask.defined())
        in.audioMask = b.audioMask.to(s.device);
    if (b.videoMask.defined())
        in.videoMask = b.videoMask.to(s.device);
    const bool reconstruct = s.cfg.real(QStringLiteral("losses.masked")) > 0;
    const model::AvtOutputs out = s.model->forward(in, reconstruct);
    model::LossWeights w;
    w.avc = s.cfg.real(QStringLiteral("losses.avc"));
    w.avm = s.cfg.real(QStringLiteral("losses.avm"));
    w.masked = s.cfg.real(QStringLiteral("losses.masked"));
    w.smoothing = s.cfg.real(QStringLiteral("losses.label_smoothing"));
    w.temperature = s.cfg.real(QStringLiteral("losses.temperature"));
    // AVM negatives: a generator per step, so a resumed run draws the same pairs.
    at::Generator gen = at::detail::createCPUGenerator(uint64_t(s.cfg.integer(QStringLiteral("run.seed"))) * 1000003ULL
                                                       + uint64_t(s.state.step));
    const at::Tensor labels = b.labels.to(s.device);
    const at::Tensor nouns =
        b.nounLabels.defined() && s.cfg.model().head.nounClasses > 0 ? b.nounLabels.to(s.device) : at::Tensor();
    model::LossTerms terms = model::computeLosses(*s.model, in, out, labels, w, nouns, s.temperature, gen);
    const double clsWeight = s.cfg.real(QStringLiteral("losses.cls"));
    if (b.labelsB.defined() && b.mixLambda < 1.0) {
        // Mixup: the classification term is the lambda-weighted CE of both label sets.
        const at::Tensor other = model::classificationLoss(out.logits, b.labelsB.to(s.device), w.smoothing);
        const at::Tensor mixed = b.mixLambda * terms.cls + (1.0 - b.mixLambda) * other;
        terms.total = terms.total - terms.cls + mixed;
        terms.cls = mixed;
    }
    if (clsWeight != 1.0 && terms.cls.defined())
        terms.total = terms.total + (clsWeight - 1.0) * terms.cls;
    return terms;
}

struct StepMetrics {
    double loss = 0, cls = 0, avc = 0, avm = 0, masked = 0;
    int batches = 0;
    void add(const model::LossTerms &t)
    {
        auto v = [](const at::Tensor &x) { return x.defined() ? x.item<double>() : 0.0; };
        loss += v(t.total);
        cls += v(t.cls);
        avc += v(t.avc);
        avm += v(t.avm);
        masked += v(t.masked);
        ++batches;
    }
};

void recordMetrics(Session &s, const QString &split, const QList<QPair<QString, double>> &values)
{
    if (!s.rank0)
        return;
    if (s.faults.storeStep >= 0 && s.state.step >= s.faults.storeStep)
        (void)s.ws->db().execScript(QStringLiteral("PRAGMA query_only = ON;"));
    QList<store::MetricRow> rows;
    const double wall = double(s.clock.elapsed()) / 1000.0;
    for (const auto &v : values)
        rows.append({s.state.step, s.state.epoch, split, v.first, v.second, wall});
    mustStore(store::insertMetrics(s.ws->db(), s.runId, rows),
              QStringLiteral("the %1 metrics of step %2").arg(split).arg(s.state.step));
}

// Evaluates on rank 0 (the other ranks wait for it); returns whether top-1 improved.
bool evaluateEpoch(Session &s, Reporter &rep, TrainSummary &sum)
{
    bool improved = false;
    if (s.rank0) {
        if (s.faults.slowEvalSeconds > 0)
            std::this_thread::sleep_for(std::chrono::seconds(s.faults.slowEvalSeconds));
        auto r = evaluate(*s.model, s.data.eval, s.cfg, s.device, {}, s.evalPrepared);
        if (!r) {
            rep.line(QStringLiteral("evaluation skipped: %1").arg(r.error().message));
        } else {
            sum.lastEval = *r;
            sum.evaluated = true;
            QList<QPair<QString, double>> m{{QStringLiteral("top1"), r->top1}, {QStringLiteral("top5"), r->top5}};
            if (r->actionTop1 >= 0)
                m += {{QStringLiteral("noun_top1"), r->nounTop1}, {QStringLiteral("action_top1"), r->actionTop1}};
            recordMetrics(s, s.cfg.text(QStringLiteral("run.eval_split")), m);
            mustStore(store::replacePredictions(s.ws->db(), s.runId, r->predictions),
                      QStringLiteral("the predictions of step %1").arg(s.state.step));
            improved = r->top1 > s.state.bestMetric;
            if (improved)
                s.state.bestMetric = r->top1;
            rep.emit({{QStringLiteral("event"), QStringLiteral("eval")},
                      {QStringLiteral("epoch"), s.state.epoch},
                      {QStringLiteral("step"), s.state.step},
                      {QStringLiteral("top1"), r->top1},
                      {QStringLiteral("top5"), r->top5},
                      {QStringLiteral("clips"), r->clips}});
            rep.line(QStringLiteral("epoch %1: %2 top-1 %3% top-5 %4% (%5 clips)")
                         .arg(s.state.epoch + 1)
                         .arg(s.cfg.text(QStringLiteral("run.eval_split")))
                         .arg(r->top1, 0, 'f', 2)
                         .arg(r->top5, 0, 'f', 2)
                         .arg(r->clips));
        }
    }
    // The other ranks wait for rank 0 on the rendezvous store, bounded by dist.eval_timeout_s: an
    // evaluation longer than the collective timeout (dist.timeout_s) is no failure.
    if (s.pg) {
        const std::string tag = "evaluation at step " + std::to_string(s.state.step);
        if (s.rank0)
            s.pg->rankZeroDone(tag);
        else
            s.pg->waitForRankZero(tag, int(s.cfg.integer(QStringLiteral("dist.eval_timeout_s"))));
        // Then a short barrier, so that rank 0 (which holds the store) does not end the run while
        // a rank has yet to see the tag.
        s.pg->barrier();
    }
    return improved;
}

// One optimiser step over `accumulate` batches. Returns false at the end of the epoch.
// What stopped a step: nothing, a non-finite loss, or non-finite gradients of a finite loss.
enum class BadStep { None, Loss, Gradients };

// Sets *bad when the (rank-averaged) loss or the averaged gradients are not finite; every rank
// sees the same sums and the same gradients, so all of them stop at the same step.
bool trainStep(Session &s, StepMetrics &m, double *waitSeconds, BadStep *bad)
{
    const int accumulate = int(s.cfg.integer(QStringLiteral("optim.accumulate")));
    const double lr = s.schedule.at(s.state.step);
    setLearningRate(*s.optimizer, lr);
    s.optimizer->zero_grad();
    StepMetrics local;
    int consumed = 0;
    for (int a = 0; a < accumulate; ++a) {
        const double w0 = s.loader->waitSeconds();
        auto batch = s.loader->next();
        *waitSeconds += s.loader->waitSeconds() - w0;
        if (!batch)
            break;
        ++consumed;
        if (s.faults.exitRank == s.req.env.rank && s.faults.exitStep == s.state.step)
            std::_Exit(3);
        model::AvtInputs in;
        model::LossTerms terms = forwardLosses(s, *batch, in);
        if (s.faults.nanStep == s.state.step)
            terms.total = terms.total * std::numeric_limits<double>::quiet_NaN();
        (terms.total / double(accumulate)).backward();
        if (s.faults.infGradStep == s.state.step)
            for (const at::Tensor &p : s.model->parameters())
                if (p.grad().defined()) {
                    torch::NoGradGuard g;
                    p.grad().view(-1)[0].fill_(std::numeric_limits<double>::infinity());
                    break;
                }
        local.add(terms);
    }
    if (consumed == 0)
        return false;
    s.state.nextBatch += consumed;
    std::vector<double> sums{local.loss,
                             local.cls,
                             local.avc,
                             local.avm,
                             local.masked,
                             double(local.batches),
                             std::isfinite(local.loss) ? 0.0 : 1.0,
                             g_stopRequested.load() ? 1.0 : 0.0};
    if (s.pg) {
        s.pg->averageGradients(s.model->parameters());
        if (s.temperature.defined())
            s.pg->averageGradients({s.temperature});
        sums = s.pg->sum(sums);
    }
    // A stop (SIGTERM / SIGINT) asked of any rank is seen by all at the same step, so that they
    // stop together and the checkpoint is the same for all.
    s.stopAgreed = s.stopAgreed || sums[7] > 0;
    if (sums[6] > 0) {
        *bad = BadStep::Loss;
        return true;
    }
    // A finite loss can still give non-finite gradients (an overflow in backward); one AdamW step
    // on them would put NaN into every weight. The norm is taken in any case (clipping to an
    // infinite bound changes nothing).
    const double clip = s.cfg.real(QStringLiteral("optim.clip_grad"));
    const double norm = torch::nn::utils::clip_grad_norm_(s.model->parameters(),
                                                          clip > 0 ? clip : std::numeric_limits<double>::infinity());
    if (!std::isfinite(norm)) {
        *bad = BadStep::Gradients;
        return true;
    }
    s.optimizer->step();
    if (s.temperature.defined()) {
        torch::NoGradGuard g;
        s.temperature.clamp_(0.001, 0.5);
    }
    ++s.state.step;
    m.loss += sums[0];
    m.cls += sums[1];
    m.avc += sums[2];
    m.avm += sums[3];
    m.masked += sums[4];
    m.batches += int(sums[5]);
    return true;
}

void logTrainMetrics(Session &s, Reporter &rep, StepMetrics &m, double stepSeconds, double waitSeconds)
{
    if (m.batches == 0)
        return;
    const double n = m.batches;
    const double lr = s.schedule.at(std::max<qint64>(0, s.state.step - 1));
    QList<QPair<QString, double>> values{{QStringLiteral("loss"), m.loss / n},
                                         {QStringLiteral("lr"), lr},
                                         {QStringLiteral("data_wait_s"), waitSeconds},
                                         {QStringLiteral("step_s"), stepSeconds}};
    if (s.cfg.real(QStringLiteral("losses.cls")) > 0)
        values.append({QStringLiteral("loss.cls"), m.cls / n});
    if (s.cfg.real(QStringLiteral("losses.avc")) > 0)
        values.append({QStringLiteral("loss.avc"), m.avc / n});
    if (s.cfg.real(QStringLiteral("losses.avm")) > 0)
        values.append({QStringLiteral("loss.avm"), m.avm / n});
    if (s.cfg.real(QStringLiteral("losses.masked")) > 0)
        values.append({QStringLiteral("loss.masked"), m.masked / n});
    recordMetrics(s, QStringLiteral("train"), values);
    QJsonObject ev{{QStringLiteral("event"), QStringLiteral("step")},
                   {QStringLiteral("epoch"), s.state.epoch},
                   {QStringLiteral("step"), s.state.step},
                   {QStringLiteral("batch"), s.state.nextBatch},
                   {QStringLiteral("batches"), s.loader->batchesPerEpoch()},
                   {QStringLiteral("lr"), lr}};
    for (const auto &v : values)
        ev.insert(v.first, v.second);
    rep.emit(ev);
    m = StepMetrics{};
}

// data.prepared: finds the prepared clip caches for training and evaluation (prepare.h) and
// says which are read and why others are not.
void usePreparedCaches(Session &s, Reporter &rep, loader::LoaderOptions &trainOpt)
{
    if (!s.cfg.flag(QStringLiteral("data.prepared")) || !s.ws)
        return;
    auto say = [&](const PreparedLookup &found, const QString &what) {
        if (found.message.isEmpty())
            return;
        if (!found.cache) {
            rep.warn(what + found.message);
            return;
        }
        rep.emit(
            {{QStringLiteral("event"), QStringLiteral("data")}, {QStringLiteral("message"), what + found.message}});
        rep.line(what + found.message);
    };
    PreparedLookup train = findPreparedCache(*s.ws, s.data.datasetId, trainOpt, s.cfg.model());
    say(train, QStringLiteral("training: "));
    if (train.cache) {
        trainOpt.prepared = train.cache;
        s.trainCacheId = train.cacheId;
    }
    if (!s.rank0)
        return;
    const loader::LoaderOptions evalOpt = loaderOptions(s.cfg, loader::LoaderMode::Eval, 0, 1);
    PreparedLookup eval = findPreparedCache(*s.ws, s.data.datasetId, evalOpt, s.cfg.model());
    say(eval, QStringLiteral("evaluation: "));
    if (eval.cache) {
        s.evalPrepared = eval.cache;
        s.evalCacheId = eval.cacheId;
    }
}

// A damaged record read this epoch: the sample was decoded instead; say so and mark the
// cache so that the next run does not read it and `prepare` rebuilds it.
void checkPreparedCache(Session &s, Reporter &rep)
{
    if (!s.loader || s.trainCacheId == 0)
        return;
    const loader::CacheStats st = s.loader->cacheStats();
    if (st.preparedCorrupt == 0)
        return;
    rep.warn(QStringLiteral("prepared clip cache: %1 damaged record(s) decoded instead (%2); marked for rebuilding "
                            "by the next `prepare`")
                 .arg(st.preparedCorrupt)
                 .arg(st.lastPreparedError));
    if (s.ws)
        (void)markPreparedCacheCorrupt(*s.ws, s.trainCacheId, st.lastPreparedError);
    s.trainCacheId = 0;
}

Result<TrainSummary> trainLoop(Session &s, Reporter &rep)
{
    TrainSummary sum;
    sum.run = s.runName;
    loader::LoaderOptions trainOpt =
        loaderOptions(s.cfg, loader::LoaderMode::Train, s.req.env.rank, s.req.env.worldSize);
    usePreparedCaches(s, rep, trainOpt);
    auto created = loader::ClipLoader::create(s.data.train, trainOpt, s.cfg.model());
    if (!created)
        return created.error();
    s.loader = std::move(*created);
    const int perEpoch = s.loader->batchesPerEpoch();
    if (perEpoch == 0)
        return makeError(QStringLiteral("data"),
                         QStringLiteral("no training batch: %1 usable clips in split '%2' for batch %3 x %4 ranks")
                             .arg(s.data.train.size())
                             .arg(s.cfg.text(QStringLiteral("run.train_split")))
                             .arg(s.cfg.integer(QStringLiteral("optim.batch")))
                             .arg(s.req.env.worldSize));
    const int epochs = int(s.cfg.integer(QStringLiteral("optim.epochs")));
    const int accumulate = int(s.cfg.integer(QStringLiteral("optim.accumulate")));
    s.schedule = {s.cfg.real(QStringLiteral("optim.lr")), s.cfg.real(QStringLiteral("optim.min_lr")),
                  s.cfg.integer(QStringLiteral("optim.warmup_steps")),
                  qint64(epochs) * ((perEpoch + accumulate - 1) / accumulate)};
    const qint64 every = s.cfg.integer(QStringLiteral("run.checkpoint_every"));
    const qint64 logEvery = s.cfg.integer(QStringLiteral("run.log_every"));
    s.model->train();
    QElapsedTimer loopTimer;
    loopTimer.start();
    StepMetrics window;
    double windowWait = 0, totalWait = 0;
    QElapsedTimer windowTimer;
    windowTimer.start();
    bool stopped = false;
    while (s.state.epoch < epochs && !stopped) {
        s.loader->start(s.state.epoch, s.state.nextBatch);
        BadStep bad = BadStep::None;
        while (!stopped) {
            double wait = 0;
            if (!trainStep(s, window, &wait, &bad))
                break;
            windowWait += wait;
            totalWait += wait;
            if (bad != BadStep::None) {
                sum.status = QStringLiteral("failed");
                sum.message =
                    QStringLiteral("the %1 became NaN or infinite at step %2 (epoch %3); the last good checkpoint is "
                                   "kept: %4")
                        .arg(bad == BadStep::Loss ? QStringLiteral("loss")
                                                  : QStringLiteral("gradients (of a finite loss)"))
                        .arg(s.state.step + 1)
                        .arg(s.state.epoch + 1)
                        .arg(s.lastCheckpoint.isEmpty() ? QStringLiteral("none") : relative(s, s.lastCheckpoint));
                sum.trainSeconds = double(loopTimer.elapsed()) / 1000.0;
                return sum;
            }
            sum.lastLoss = window.batches ? window.loss / window.batches : sum.lastLoss;
            if (s.state.step % logEvery == 0) {
                const int steps = int(std::min<qint64>(logEvery, s.state.step));
                logTrainMetrics(s, rep, window, double(windowTimer.elapsed()) / 1000.0 / std::max(1, steps),
                                windowWait / std::max(1, steps));
                windowWait = 0;
                windowTimer.restart();
            }
            const bool askStop = s.stopAgreed || (s.req.maxSteps > 0 && s.state.step >= s.req.maxSteps);
            const bool endOfEpoch = s.state.nextBatch >= perEpoch;
            if ((every > 0 && s.state.step % every == 0 && !endOfEpoch) || (askStop && !endOfEpoch))
                if (auto st = writeCheckpoint(s, rep, false); !st)
                    return st.error();
            if (askStop && !endOfEpoch)
                stopped = true;
        }
        if (stopped)
            break;
        // End of the epoch: evaluate, then checkpoint the position at the next epoch's start.
        checkPreparedCache(s, rep);
        s.state.epoch++;
        s.state.nextBatch = 0;
        bool best = false;
        if (s.cfg.flag(QStringLiteral("run.eval_each_epoch")) || s.state.epoch == epochs) {
            s.state.epoch--; // metrics of this evaluation belong to the epoch just trained
            best = evaluateEpoch(s, rep, sum);
            s.state.epoch++;
        }
        if (auto st = writeCheckpoint(s, rep, best); !st)
            return st.error();
        if (s.stopAgreed || (s.req.maxSteps > 0 && s.state.step >= s.req.maxSteps))
            stopped = s.state.epoch < epochs;
    }
    if (stopped && s.stopAgreed) {
        // Every rank's own log says where it stopped (they must agree).
        std::fprintf(stderr, "rank %d: stopping at step %lld (a stop was asked)\n", s.req.env.rank,
                     static_cast<long long>(s.state.step));
        std::fflush(stderr);
    }
    sum.status = stopped ? QStringLiteral("stopped") : QStringLiteral("finished");
    sum.steps = s.state.step;
    sum.epochs = s.state.epoch;
    sum.trainSeconds = double(loopTimer.elapsed()) / 1000.0;
    sum.dataWaitSeconds = totalWait;
    sum.failedClips = s.loader->failedItems();
    sum.preparedHits = s.loader->cacheStats().preparedHits;
    sum.preparedMisses = s.loader->cacheStats().preparedMisses;
    sum.checkpoint = s.lastCheckpoint.isEmpty() ? QString() : relative(s, s.lastCheckpoint);
    if (s.rank0)
        recordMetrics(s, QStringLiteral("train"),
                      {{QStringLiteral("data_wait_total_s"), totalWait},
                       {QStringLiteral("train_total_s"), sum.trainSeconds},
                       {QStringLiteral("failed_clips"), double(sum.failedClips)}});
    return sum;
}

} // namespace

bool stopRequested() { return g_stopRequested.load(); }

void installStopHandlers()
{
    std::signal(SIGTERM, onStopSignal);
    std::signal(SIGINT, onStopSignal);
}

Result<TrainSummary> runTraining(const TrainRequest &request)
{
    Session s;
    s.req = request;
    s.rank0 = request.env.rank == 0;
    s.clock.start();
    Reporter rep(request.progress, s.rank0);
    auto fail = [&](const Error &e) -> Result<TrainSummary> {
        if (s.rank0 && s.ws && s.runId > 0)
            (void)store::updateRunStatus(s.ws->db(), s.runId, QStringLiteral("failed"), e.message);
        return e;
    };
    if (auto st = openRun(s); !st)
        return fail(st.error());
    if (auto st = buildModel(s); !st)
        return fail(st.error());
    if (auto st = restore(s, rep); !st)
        return fail(st.error());
    rep.emit({{QStringLiteral("event"), QStringLiteral("start")},
              {QStringLiteral("run"), s.runName},
              {QStringLiteral("epoch"), s.state.epoch},
              {QStringLiteral("step"), s.state.step},
              {QStringLiteral("parameters"), qint64(model::countParameters(*s.model))},
              {QStringLiteral("train_clips"), int(s.data.train.size())},
              {QStringLiteral("eval_clips"), int(s.data.eval.size())},
              {QStringLiteral("world_size"), request.env.worldSize},
              {QStringLiteral("init"), s.initFile},
              {QStringLiteral("init_loaded"), s.init.loaded},
              {QStringLiteral("init_kept"), int(s.init.kept.size() + s.init.mismatched.size())},
              {QStringLiteral("device"), QString::fromStdString(s.device.str())},
              {QStringLiteral("cpu_threads"), s.cpu}});
    rep.line(QStringLiteral("run %1: %2 parameters, %3 train / %4 eval clips, %5 classes, world size %6%7")
                 .arg(s.runName)
                 .arg(model::countParameters(*s.model))
                 .arg(s.data.train.size())
                 .arg(s.data.eval.size())
                 .arg(s.data.classes)
                 .arg(request.env.worldSize)
                 .arg(s.state.step > 0 ? QStringLiteral(", resumed at step %1").arg(s.state.step) : QString()));
    rep.line(QStringLiteral("  device %1; %2").arg(QString::fromStdString(s.device.str()), s.cpu));
    if (!s.initFile.isEmpty())
        rep.line(QStringLiteral("  starting weights from %1: %2").arg(s.initFile, s.init.summary()));
    Result<TrainSummary> sum = makeError(QStringLiteral("internal"), QString());
    try {
        sum = trainLoop(s, rep);
    } catch (const std::exception &e) {
        return fail(
            makeError(QStringLiteral("train"), QStringLiteral("training stopped on rank %1: %2")
                                                   .arg(request.env.rank)
                                                   .arg(QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 1))));
    }
    if (!sum)
        return fail(sum.error());
    if (s.rank0)
        if (auto st = store::updateRunStatus(s.ws->db(), s.runId, sum->status, sum->message); !st)
            return fail(st.error()); // the run would look like it is still running
    rep.emit({{QStringLiteral("event"), QStringLiteral("finished")},
              {QStringLiteral("run"), s.runName},
              {QStringLiteral("status"), sum->status},
              {QStringLiteral("steps"), sum->steps},
              {QStringLiteral("data_wait_s"), sum->dataWaitSeconds},
              {QStringLiteral("train_s"), sum->trainSeconds},
              {QStringLiteral("prepared_hits"), sum->preparedHits},
              {QStringLiteral("prepared_misses"), sum->preparedMisses}});
    return sum;
}

} // namespace avt::train
