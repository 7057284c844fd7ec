#pragma once
// RunQueue: the workbench's run queue at work. It keeps launch::QueueState (queue.json in the
// workspace), starts pending launches as detached `avt-workbench --batch train ...` processes
// while slots and GPUs allow, watches them, and records how they ended from the run store.
// Runs outlive the workbench: a queue opened again finds its running launches by pid, and
// runs the store says are running that the queue does not know (started from a terminal, or
// from a workbench whose queue file is gone) are attached as entries too. A run stored as
// running whose process is gone shows as interrupted.
//
//   auto *queue = new RunQueue(this);
//   queue->setWorkspace(folder);                  // loads queue.json, polls every second
//   queue->enqueue(specs, gpuCount);              // from the launcher; refused names are reported
//   queue->stop(id);  queue->kill(id);  queue->resume(id);
//   connect(queue, &RunQueue::changed, view, &...::refresh);
//
// Polls read the store and /proc in the background pool; the GUI thread only merges results,
// starts processes (fork/exec) and writes the small queue file.
#include "core/launch/run_queue.h"

#include <QObject>
#include <QSet>

class QTimer;

namespace avt::widgets {

class RunQueue : public QObject {
    Q_OBJECT
public:
    explicit RunQueue(QObject *parent = nullptr);
    ~RunQueue() override;

    void setWorkspace(const QString &folder);
    QString workspace() const { return m_workspace; }
    // The executable runs are started with; default QCoreApplication::applicationFilePath().
    void setProgram(const QString &program) { m_program = program; }
    QString program() const { return m_program; }
    // GPUs of this machine (indices as CUDA numbers them); the queue assigns from these.
    void setGpus(const QList<int> &gpus);
    QList<int> gpus() const { return m_gpus; }
    void setPollInterval(int ms);

    QList<launch::QueueEntry> entries() const { return m_state.entries(); }
    const launch::QueueEntry *entry(const QString &id) const { return m_state.find(id); }
    int slotCount() const { return m_state.slotCount(); }
    bool paused() const { return m_state.paused(); }

    // Adds launches at the end. Each name must be new (not a stored run, not queued), unless
    // the spec resumes. Returns the ids added; the refused ones are reported by error().
    QStringList enqueue(const QList<launch::LaunchSpec> &specs, int gpuCount = 0);
    void setSlotCount(int count);
    void setPaused(bool paused);
    bool remove(const QString &id);
    bool move(const QString &id, int delta);
    // Graceful stop (SIGTERM: checkpoint, then exit) / kill (SIGKILL to its process group).
    bool stop(const QString &id);
    bool kill(const QString &id);
    // Queues a stopped, failed or interrupted run again to continue from its last checkpoint.
    bool resume(const QString &id);
    // Polls now (the timer does it every interval).
    void poll();

signals:
    void changed();
    void error(const QString &message);
    // A launch started (pid) or ended (state).
    void started(const QString &id, qint64 pid);
    void ended(const QString &id, launch::EntryState state, const QString &message);

private:
    struct PollResult;
    void merge(const PollResult &result);
    void startPending();
    void save();

    QString m_workspace;
    QString m_program;
    QList<int> m_gpus;
    launch::QueueState m_state;
    QTimer *m_timer;
    bool m_polling = false;
    int m_generation = 0; // bumped by setWorkspace: late results of another workspace are dropped
    int m_polls = 0;
    bool m_listedOnce = false;
    QSet<QString> m_knownRuns; // run names in the store, from the last listing
};

} // namespace avt::widgets
