#pragma once
// TrainingView: the run queue and the live monitor in one view. The queue's table lists every
// launch (pending, running, done) with where it runs; buttons reorder, remove, pause the queue,
// set the slots, and stop, kill, resume or duplicate a run. The selected run shows in the
// RunMonitor below. The view also finds this machine's GPUs (nvidia-smi -L, in a child
// process) and tells the queue and whoever listens (the launcher).
//
//   auto *view = new TrainingView(this);
//   view->setWorkspace(folder);
//   connect(launcher, &LauncherView::queueRequested, view->queue(), &RunQueue::enqueue);
//   connect(view, &TrainingView::duplicateRequested, launcher, &LauncherView::startFromRun);
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace avt::widgets {

class RunMonitor;
class RunQueue;

class TrainingView : public QWidget {
    Q_OBJECT
public:
    explicit TrainingView(QWidget *parent = nullptr);
    ~TrainingView() override;

    void setWorkspace(const QString &folder);
    RunQueue *queue() const { return m_queue; }
    RunMonitor *monitor() const { return m_monitor; }
    QTableWidget *table() const { return m_table; }
    // The selected entry's id (empty when none). Until the user picks a row, the selection (and
    // the monitor) follows the first running launch.
    QString currentId() const;
    void selectRun(const QString &runName);
    // Looks for GPUs now (done once when the view is made). Tests set them instead.
    void detectGpus();
    void setGpus(const QStringList &names);
    QStringList gpus() const { return m_gpuNames; }

signals:
    void gpusFound(const QStringList &names);
    // "Duplicate with changes": the launcher starts from this run's config.
    void duplicateRequested(const QString &runName);

private:
    void rebuild();
    void updateButtons();
    void act(bool (RunQueue::*action)(const QString &));

    RunQueue *m_queue;
    RunMonitor *m_monitor;
    QTableWidget *m_table;
    QPushButton *m_up, *m_down, *m_remove, *m_stop, *m_kill, *m_resume, *m_duplicate;
    QCheckBox *m_paused;
    QSpinBox *m_slots;
    QLabel *m_summary, *m_error;
    QStringList m_gpuNames;
    bool m_follow = true;     // the monitor follows the first running launch until the user picks a row
    bool m_selecting = false; // a selection made by rebuild(), not by the user
};

} // namespace avt::widgets
