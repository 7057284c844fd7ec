#include "widgets/train/run_queue.h"

#include "core/launch/process_control.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "widgets/common/background.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QTimer>

namespace avt::widgets {

using launch::EntryState;
using launch::QueueEntry;

namespace {

struct Watched {
    QString id, name;
    qint64 pid = 0;
    QString host;
};

struct Seen {
    QString id;
    bool alive = true;
    bool stored = false; // the run exists in the store
    QString status;      // the store's (stored status, not effective)
    QString message;     // the store's message, or the launch log's last error line
};

struct Attach {
    QString name, host;
    qint64 pid = 0;
    QString startedAt;
};

// The last line of the launch log that the engine wrote as an error ("avt-workbench train: ...").
QString lastErrorLine(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    const qint64 size = f.size();
    f.seek(std::max<qint64>(0, size - 16384));
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        const QString line = QString::fromUtf8(*it).trimmed();
        if (line.startsWith(QLatin1String("avt-workbench")) || line.startsWith(QLatin1String("error")))
            return line;
    }
    // Else the last line that is not the queue's own "--- <time>: <command>" header.
    for (auto it = lines.rbegin(); it != lines.rend(); ++it)
        if (!it->trimmed().isEmpty() && !it->startsWith("--- "))
            return QString::fromUtf8(*it).trimmed();
    return QString();
}

QString nowUtc() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODate); }

} // namespace

struct RunQueue::PollResult {
    int generation = 0;
    QList<Seen> seen;
    bool listed = false;
    QSet<QString> knownRuns;
    QList<Attach> attach;
    QString error;
};

RunQueue::RunQueue(QObject *parent)
    : QObject(parent), m_program(QCoreApplication::applicationFilePath()), m_timer(new QTimer(this))
{
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &RunQueue::poll);
}

RunQueue::~RunQueue() = default;

void RunQueue::setWorkspace(const QString &folder)
{
    ++m_generation;
    m_workspace = folder;
    m_knownRuns.clear();
    m_listedOnce = false;
    m_state = {};
    if (folder.isEmpty()) {
        m_timer->stop();
        emit changed();
        return;
    }
    auto loaded = launch::QueueState::load(launch::queueFile(folder));
    if (!loaded) {
        // A damaged queue file is kept aside (never overwritten): the user can read it.
        const QString path = launch::queueFile(folder);
        const QString aside = path + QStringLiteral(".damaged");
        QFile::remove(aside);
        QFile::rename(path, aside);
        emit error(tr("%1 (kept as %2; the queue starts empty)").arg(loaded.error().message, aside));
    } else {
        m_state = *loaded;
    }
    m_timer->start();
    emit changed();
    poll();
}

void RunQueue::setGpus(const QList<int> &gpus)
{
    m_gpus = gpus;
    startPending();
}

void RunQueue::setPollInterval(int ms) { m_timer->setInterval(ms); }

void RunQueue::poll()
{
    if (m_workspace.isEmpty() || m_polling)
        return;
    m_polling = true;
    QList<Watched> watched;
    for (const QueueEntry &e : m_state.entries())
        if (e.state == EntryState::Running)
            watched.append({e.id, e.spec.name, e.pid, e.host});
    QSet<QString> queuedNames;
    for (const QueueEntry &e : m_state.entries())
        if (e.state == EntryState::Pending || e.state == EntryState::Running)
            queuedNames.insert(e.spec.name);
    // The whole run list (for attaching and for the names taken) every fifth poll.
    const bool list = !m_listedOnce || (m_polls++ % 5) == 0;
    const QString workspace = m_workspace;
    const int generation = m_generation;
    whenFinished(this, runInBackground([workspace, watched, queuedNames, list, generation] {
                     PollResult r;
                     r.generation = generation;
                     auto ws = store::Workspace::open(workspace);
                     if (!ws) {
                         r.error = ws.error().message;
                         return r;
                     }
                     const QString host = store::hostName();
                     for (const Watched &w : watched) {
                         Seen s;
                         s.id = w.id;
                         auto run = store::findRun((*ws)->db(), w.name);
                         if (run) {
                             s.stored = true;
                             s.status = run->status;
                             s.message = run->message;
                         }
                         if (w.host == host)
                             s.alive = launch::processAlive(w.pid);
                         else
                             s.alive = run && store::runProcessAlive(*run); // by its heartbeat
                         // A run that ended without a word in the store: its log says why.
                         if (!s.alive && s.message.isEmpty() && s.status != QLatin1String("finished"))
                             s.message = lastErrorLine(launch::launchErrorFile(workspace, w.name));
                         r.seen.append(s);
                     }
                     if (list) {
                         auto runs = store::listRuns((*ws)->db());
                         if (runs) {
                             r.listed = true;
                             for (const store::RunInfo &run : *runs) {
                                 r.knownRuns.insert(run.name);
                                 if (run.status == QLatin1String("running") && !queuedNames.contains(run.name)
                                     && store::effectiveStatus(run) == QLatin1String("running"))
                                     r.attach.append({run.name, run.host, run.pid, run.startedAt});
                             }
                         }
                     }
                     return r;
                 }),
                 [this](const PollResult &r) {
                     m_polling = false;
                     if (r.generation == m_generation)
                         merge(r);
                 });
}

void RunQueue::merge(const PollResult &r)
{
    if (!r.error.isEmpty()) {
        emit error(r.error);
        return;
    }
    bool dirty = false;
    for (const Seen &s : r.seen) {
        const QueueEntry *e = m_state.find(s.id);
        if (!e || e->state != EntryState::Running || s.alive)
            continue;
        EntryState state = EntryState::Interrupted;
        QString message = s.message;
        if (!s.stored) {
            state = EntryState::Failed; // ended before the run was created (a bad name, dataset, option)
            if (message.isEmpty())
                message = tr("the process ended before the run was created");
        } else if (s.status == QLatin1String("finished")) {
            state = EntryState::Finished;
        } else if (s.status == QLatin1String("stopped")) {
            state = EntryState::Stopped;
        } else if (s.status == QLatin1String("failed")) {
            state = EntryState::Failed;
        } else {
            message = tr("the process ended without finishing (killed, or it crashed); resume continues from the "
                         "last checkpoint");
        }
        m_state.markDone(s.id, state, message);
        emit ended(s.id, state, message);
        dirty = true;
    }
    if (r.listed) {
        m_knownRuns = r.knownRuns;
        m_listedOnce = true;
        for (const Attach &a : r.attach) {
            bool known = false;
            for (const QueueEntry &e : m_state.entries())
                known =
                    known
                    || ((e.state == EntryState::Running || e.state == EntryState::Pending) && e.spec.name == a.name);
            if (known)
                continue;
            launch::LaunchSpec spec;
            spec.workspace = m_workspace;
            spec.name = a.name;
            auto id = m_state.add(spec);
            if (!id)
                continue;
            m_state.markRunning(*id, a.pid, a.host, {}, a.startedAt);
            m_state.find(*id)->message = tr("attached: started outside this queue");
            dirty = true;
        }
    }
    if (dirty)
        save();
    startPending();
    if (dirty)
        emit changed();
}

void RunQueue::startPending()
{
    if (m_workspace.isEmpty())
        return;
    bool dirty = false;
    for (const launch::Start &s : m_state.nextStarts(m_gpus)) {
        QueueEntry *e = m_state.find(s.id);
        if (!e)
            continue;
        launch::LaunchSpec spec = e->spec;
        spec.workspace = m_workspace;
        spec.gpus = s.gpus;
        if (spec.nproc > 1) {
            QList<int> taken;
            for (const QueueEntry &o : m_state.entries())
                if (o.state == EntryState::Running && o.spec.masterPort > 0)
                    taken << o.spec.masterPort;
            spec.masterPort = launch::freePort(taken);
        }
        launch::DetachedLaunch l;
        l.program = m_program;
        l.arguments = QStringList{QStringLiteral("--batch")} + launch::trainArguments(spec);
        l.environment = launch::launchEnvironment(spec);
        if (spec.gpus.isEmpty() && !m_gpus.isEmpty())
            l.environment.insert(QStringLiteral("CUDA_VISIBLE_DEVICES"), QString()); // CPU chosen on a GPU machine
        l.stdoutFile = launch::launchOutputFile(m_workspace, spec.name);
        l.stderrFile = launch::launchErrorFile(m_workspace, spec.name);
        l.workingDirectory = m_workspace;
        const QString header = tr("--- %1: %2 %3\n").arg(nowUtc(), l.program, l.arguments.join(QLatin1Char(' ')));
        QDir().mkpath(QFileInfo(l.stderrFile).absolutePath());
        if (QFile log(l.stderrFile); log.open(QIODevice::Append))
            log.write(header.toUtf8());
        auto pid = launch::startDetached(l);
        e->spec.masterPort = spec.masterPort;
        if (!pid) {
            m_state.markDone(s.id, EntryState::Failed, pid.error().message);
            emit error(pid.error().message);
        } else {
            m_state.markRunning(s.id, *pid, store::hostName(), s.gpus, nowUtc());
            emit started(s.id, *pid);
        }
        dirty = true;
    }
    if (dirty) {
        save();
        emit changed();
    }
}

QStringList RunQueue::enqueue(const QList<launch::LaunchSpec> &specs, int gpuCount)
{
    QStringList ids, refused;
    for (launch::LaunchSpec spec : specs) {
        spec.workspace = m_workspace;
        if (!spec.resume && m_knownRuns.contains(spec.name)) {
            refused << tr("%1: a run of this name exists in the workspace").arg(spec.name);
            continue;
        }
        auto id = m_state.add(spec, gpuCount);
        if (!id)
            refused << id.error().message;
        else
            ids << *id;
    }
    if (!refused.isEmpty())
        emit error(tr("Not queued: %1").arg(refused.join(QStringLiteral("; "))));
    if (!ids.isEmpty()) {
        save();
        emit changed();
        startPending();
    }
    return ids;
}

void RunQueue::setSlotCount(int count)
{
    m_state.setSlotCount(count);
    save();
    emit changed();
    startPending();
}

void RunQueue::setPaused(bool paused)
{
    m_state.setPaused(paused);
    save();
    emit changed();
    startPending();
}

bool RunQueue::remove(const QString &id)
{
    if (!m_state.remove(id))
        return false;
    save();
    emit changed();
    startPending();
    return true;
}

bool RunQueue::move(const QString &id, int delta)
{
    if (!m_state.move(id, delta))
        return false;
    save();
    emit changed();
    startPending();
    return true;
}

bool RunQueue::stop(const QString &id)
{
    const QueueEntry *e = m_state.find(id);
    if (!e || e->state != EntryState::Running)
        return false;
    if (auto st = launch::requestStop(e->pid); !st) {
        emit error(st.error().message);
        return false;
    }
    m_state.find(id)->message = tr("stopping: a checkpoint, then exit");
    emit changed();
    return true;
}

bool RunQueue::kill(const QString &id)
{
    const QueueEntry *e = m_state.find(id);
    if (!e || e->state != EntryState::Running)
        return false;
    if (auto st = launch::killProcess(e->pid); !st) {
        emit error(st.error().message);
        return false;
    }
    poll();
    return true;
}

bool RunQueue::resume(const QString &id)
{
    const QueueEntry *e = m_state.find(id);
    if (!e || e->state == EntryState::Running || e->state == EntryState::Pending || e->state == EntryState::Finished)
        return false;
    if (!m_state.requeue(id, true))
        return false;
    save();
    emit changed();
    startPending();
    return true;
}

void RunQueue::save()
{
    if (m_workspace.isEmpty())
        return;
    if (auto st = m_state.save(launch::queueFile(m_workspace)); !st)
        emit error(st.error().message);
}

} // namespace avt::widgets
