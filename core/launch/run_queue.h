#pragma once
// The workbench's run queue as data: launches waiting, running and done, the number of runs
// that may go at once (slots), and which GPUs each running launch holds. What to start next
// is decided here (nextStarts), the processes are started elsewhere (process_control.h, the
// GUI's queue controller). The queue is saved to <workspace>/queue.json after every change, so
// that a closed workbench finds its pending launches again; running runs are found again
// through the run store (pid, host, heartbeat), whatever the file says.
//
//   QueueState q = *QueueState::load(path);       // empty when the file does not exist
//   q.add(spec);                                   // pending, at the end
//   for (const Start &s : q.nextStarts(gpusFound)) { ... q.markRunning(s.id, pid, s.gpus, port); }
//   q.save(path);
//
// Scheduling: in queue order, a pending launch starts while fewer than slotCount() launches run and
// the queue is not paused. A launch on GPUs (spec.gpus non-empty, or gpuCount > 0 with gpus
// left to choose: "any free") gets GPUs no running launch holds, unless it shares; when they are
// not free it waits, and so do the launches behind it (no overtaking: the order is the user's).
#include "core/launch/launch_spec.h"
#include "core/util/result.h"

#include <QList>
#include <QString>

namespace avt::launch {

enum class EntryState { Pending, Running, Finished, Failed, Stopped, Interrupted };
QString stateName(EntryState s); // "pending", "running", ...
bool parseStateName(const QString &text, EntryState *out);

struct QueueEntry {
    QString id; // unique in the queue
    LaunchSpec spec;
    int gpuCount = 0; // GPUs wanted when spec.gpus is empty ("any free"); 0: CPU
    EntryState state = EntryState::Pending;
    qint64 pid = 0;      // the launched process (the launcher for multi-rank runs)
    QString host;        // where it was launched
    QList<int> heldGpus; // while running
    QString startedAt;   // UTC ISO 8601
    QString message;     // why it failed / stopped, as the run store or the process said

    QJsonObject toJson() const;
    static Result<QueueEntry> fromJson(const QJsonObject &o);
};

struct Start {
    QString id;
    QList<int> gpus; // the GPUs it gets (CUDA_VISIBLE_DEVICES)
};

class QueueState {
public:
    static Result<QueueState> load(const QString &path); // a missing file: an empty queue
    Status save(const QString &path) const;              // atomic (QSaveFile)

    QList<QueueEntry> entries() const { return m_entries; }
    const QueueEntry *find(const QString &id) const;
    QueueEntry *find(const QString &id);
    int slotCount() const { return m_slots; }
    void setSlotCount(int count) { m_slots = qMax(1, count); }
    bool paused() const { return m_paused; }
    void setPaused(bool paused) { m_paused = paused; }

    // Adds a pending launch at the end; returns its id. Refused when its run name is already
    // queued (pending or running) under another entry.
    Result<QString> add(const LaunchSpec &spec, int gpuCount = 0);
    bool remove(const QString &id);          // pending or done entries only
    bool move(const QString &id, int delta); // among all entries, clamped
    int runningCount() const;

    // The launches to start now, given the GPUs of this machine, in queue order.
    QList<Start> nextStarts(const QList<int> &gpusFound) const;
    void markRunning(const QString &id, qint64 pid, const QString &host, const QList<int> &gpus,
                     const QString &startedAt);
    void markDone(const QString &id, EntryState state, const QString &message);
    // Requeues a done entry (resume: spec.resume = true) at the end.
    bool requeue(const QString &id, bool resume);

private:
    QList<QueueEntry> m_entries;
    int m_slots = 1;
    bool m_paused = false;
    qint64 m_nextId = 1;
};

// <workspace>/queue.json
QString queueFile(const QString &workspace);

} // namespace avt::launch
