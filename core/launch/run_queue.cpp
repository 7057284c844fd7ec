#include "core/launch/run_queue.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <set>

namespace avt::launch {

namespace {

constexpr EntryState kStates[] = {EntryState::Pending, EntryState::Running, EntryState::Finished,
                                  EntryState::Failed,  EntryState::Stopped, EntryState::Interrupted};

QString str(const char *s) { return QString::fromLatin1(s); }

bool isDone(EntryState s) { return s != EntryState::Pending && s != EntryState::Running; }

} // namespace

QString stateName(EntryState s)
{
    switch (s) {
    case EntryState::Pending: return str("pending");
    case EntryState::Running: return str("running");
    case EntryState::Finished: return str("finished");
    case EntryState::Failed: return str("failed");
    case EntryState::Stopped: return str("stopped");
    case EntryState::Interrupted: return str("interrupted");
    }
    return QString();
}

bool parseStateName(const QString &text, EntryState *out)
{
    for (EntryState s : kStates)
        if (stateName(s) == text) {
            *out = s;
            return true;
        }
    return false;
}

QJsonObject QueueEntry::toJson() const
{
    QJsonArray held;
    for (int g : heldGpus)
        held.append(g);
    return {{str("id"), id},
            {str("spec"), spec.toJson()},
            {str("gpu_count"), gpuCount},
            {str("state"), stateName(state)},
            {str("pid"), pid},
            {str("host"), host},
            {str("held_gpus"), held},
            {str("started_at"), startedAt},
            {str("message"), message}};
}

Result<QueueEntry> QueueEntry::fromJson(const QJsonObject &o)
{
    QueueEntry e;
    e.id = o.value(str("id")).toString();
    auto spec = LaunchSpec::fromJson(o.value(str("spec")).toObject());
    if (!spec)
        return spec.error();
    e.spec = *spec;
    e.gpuCount = std::clamp(o.value(str("gpu_count")).toInt(), 0, 1024);
    if (!parseStateName(o.value(str("state")).toString(), &e.state))
        return makeError(
            str("queue"),
            QStringLiteral("launch '%1': unknown state '%2'").arg(e.spec.name, o.value(str("state")).toString()));
    e.pid = qint64(o.value(str("pid")).toDouble());
    e.host = o.value(str("host")).toString();
    for (const auto v : o.value(str("held_gpus")).toArray())
        e.heldGpus << v.toInt();
    e.startedAt = o.value(str("started_at")).toString();
    e.message = o.value(str("message")).toString();
    if (e.id.isEmpty())
        return makeError(str("queue"), QStringLiteral("launch '%1' has no id").arg(e.spec.name));
    return e;
}

Result<QueueState> QueueState::load(const QString &path)
{
    QueueState q;
    QFile f(path);
    if (!f.exists())
        return q;
    if (!f.open(QIODevice::ReadOnly))
        return makeError(str("queue"), QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (!doc.isObject())
        return makeError(
            str("queue"),
            QStringLiteral("%1: not a queue file (%2 at byte %3)").arg(path, err.errorString()).arg(err.offset));
    const QJsonObject o = doc.object();
    q.m_slots = std::clamp(o.value(str("slots")).toInt(1), 1, 1024);
    q.m_paused = o.value(str("paused")).toBool();
    q.m_nextId = std::max<qint64>(1, qint64(o.value(str("next_id")).toDouble()));
    const QJsonArray entries = o.value(str("entries")).toArray();
    for (int i = 0; i < entries.size(); ++i) {
        auto e = QueueEntry::fromJson(entries[i].toObject());
        if (!e)
            return makeError(str("queue"),
                             QStringLiteral("%1: entry %2: %3").arg(path).arg(i + 1).arg(e.error().message));
        if (q.find(e->id))
            return makeError(str("queue"),
                             QStringLiteral("%1: entry %2: id '%3' twice").arg(path).arg(i + 1).arg(e->id));
        q.m_entries.append(*e);
    }
    return q;
}

Status QueueState::save(const QString &path) const
{
    QJsonArray entries;
    for (const QueueEntry &e : m_entries)
        entries.append(e.toJson());
    const QJsonObject o{
        {str("slots"), m_slots}, {str("paused"), m_paused}, {str("next_id"), m_nextId}, {str("entries"), entries}};
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return makeError(str("queue"), QStringLiteral("%1: cannot write: %2").arg(path, f.errorString()));
    f.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!f.commit())
        return makeError(str("queue"), QStringLiteral("%1: cannot write: %2").arg(path, f.errorString()));
    return Ok{};
}

const QueueEntry *QueueState::find(const QString &id) const
{
    for (const QueueEntry &e : m_entries)
        if (e.id == id)
            return &e;
    return nullptr;
}

QueueEntry *QueueState::find(const QString &id)
{
    for (QueueEntry &e : m_entries)
        if (e.id == id)
            return &e;
    return nullptr;
}

Result<QString> QueueState::add(const LaunchSpec &spec, int gpuCount)
{
    for (const QueueEntry &e : m_entries)
        if (!isDone(e.state) && e.spec.name == spec.name)
            return makeError(
                str("queue"),
                QStringLiteral("run '%1' is already in the queue (%2)").arg(spec.name, stateName(e.state)));
    QueueEntry e;
    e.id = QStringLiteral("q%1").arg(m_nextId++);
    e.spec = spec;
    e.gpuCount = spec.gpus.isEmpty() ? std::max(0, gpuCount) : int(spec.gpus.size());
    m_entries.append(e);
    return e.id;
}

bool QueueState::remove(const QString &id)
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].id == id) {
            if (m_entries[i].state == EntryState::Running)
                return false;
            m_entries.removeAt(i);
            return true;
        }
    return false;
}

bool QueueState::move(const QString &id, int delta)
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].id == id) {
            const int to = std::clamp(i + delta, 0, int(m_entries.size()) - 1);
            if (to == i)
                return false;
            m_entries.move(i, to);
            return true;
        }
    return false;
}

int QueueState::runningCount() const
{
    return int(std::count_if(m_entries.begin(), m_entries.end(),
                             [](const QueueEntry &e) { return e.state == EntryState::Running; }));
}

QList<Start> QueueState::nextStarts(const QList<int> &gpusFound) const
{
    QList<Start> starts;
    if (m_paused)
        return starts;
    int running = runningCount();
    std::set<int> held;
    for (const QueueEntry &e : m_entries)
        if (e.state == EntryState::Running && !e.spec.shareGpus)
            held.insert(e.heldGpus.begin(), e.heldGpus.end());
    for (const QueueEntry &e : m_entries) {
        if (e.state != EntryState::Pending)
            continue;
        if (running >= m_slots)
            break;
        Start s{e.id, {}};
        if (!e.spec.gpus.isEmpty()) {
            const bool free = e.spec.shareGpus || std::none_of(e.spec.gpus.begin(), e.spec.gpus.end(), [&](int g) {
                                  return held.count(g) > 0;
                              });
            if (!free)
                break;
            s.gpus = e.spec.gpus;
        } else if (e.gpuCount > 0) {
            for (int g : gpusFound)
                if (int(s.gpus.size()) < e.gpuCount && (e.spec.shareGpus || !held.count(g)))
                    s.gpus << g;
            if (int(s.gpus.size()) < e.gpuCount)
                break; // not enough free GPUs (or fewer on this machine): it waits, in order
        }
        if (!e.spec.shareGpus)
            held.insert(s.gpus.begin(), s.gpus.end());
        starts << s;
        ++running;
    }
    return starts;
}

void QueueState::markRunning(const QString &id, qint64 pid, const QString &host, const QList<int> &gpus,
                             const QString &startedAt)
{
    if (QueueEntry *e = find(id)) {
        e->state = EntryState::Running;
        e->pid = pid;
        e->host = host;
        e->heldGpus = gpus;
        e->startedAt = startedAt;
        e->message.clear();
    }
}

void QueueState::markDone(const QString &id, EntryState state, const QString &message)
{
    if (QueueEntry *e = find(id)) {
        e->state = state;
        e->heldGpus.clear();
        e->message = message;
    }
}

bool QueueState::requeue(const QString &id, bool resume)
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].id == id) {
            if (!isDone(m_entries[i].state))
                return false;
            QueueEntry e = m_entries.takeAt(i);
            e.state = EntryState::Pending;
            e.pid = 0;
            e.message.clear();
            if (resume) {
                e.spec.resume = true;
                // Resume refuses keys that change the computation: the run's config is stored.
                e.spec.overrides.clear();
                e.spec.configFile.clear();
            }
            m_entries.append(e);
            return true;
        }
    return false;
}

QString queueFile(const QString &workspace) { return QDir(workspace).filePath(QStringLiteral("queue.json")); }

} // namespace avt::launch
