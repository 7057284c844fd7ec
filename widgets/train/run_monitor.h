#pragma once
// A live view of one training run (a separate `avt-workbench --batch train ... --progress json`
// process writing to the workspace's run store):
//
//   auto *monitor = new RunMonitor(parent);
//   monitor->setWorkspace(folder);
//   monitor->setRun(QStringLiteral("tiny-1"));   // polls at once, then every pollInterval()
//   connect(monitor, &RunMonitor::statusChanged, this, [](const QString &status) { ... });
//
// What it shows: the run's status as effectiveStatus() reports it (a run stored as running
// whose process is gone is "interrupted") and, for failed / stopped / interrupted runs, why;
// epoch and step against their totals; throughput, data-wait share and ETA from the latest
// train records; the last checkpoint; the train loss terms and the learning rate against step;
// every evaluation metric against epoch; the tail of each log file of the run
// (runs/<name>/logs/launch.log and rank<N>.log).
//
// Figures, from the last kRecentRecords train records of step_s and data_wait_s (each record is a
// per-optimiser-step average over run.log_every steps, core/train/trainer.cpp):
//   mean step time  t = mean(step_s);   data-wait share = mean(data_wait_s) / t
//   clips/s         = optim.batch (per rank) × optim.accumulate × world size / t
//   total steps     = optim.epochs × ceil(batches per epoch / optim.accumulate), batches per
//                     epoch from the latest "step" progress event of launch.jsonl
//   ETA             = (total steps - current step) × t, only while the run is running.
//
// Reading: each poll runs on backgroundPool() (widgets/common/background.h) and reads only what
// is new: metric rows with a step above the last one read of each (split, metric) (a series
// whose stored count or last step went down, as after a resume truncated it, is read again
// whole), the bytes of launch.jsonl after the last complete line read, and the bytes of each log
// after its last complete line (its last kLogTailLines lines when it is new, was rewritten or
// grew by more than a tail's worth). The GUI thread merges the result (appending points to the
// plots and lines to the logs) and never touches a file or the store. Polls never overlap: a
// timer tick while one is in flight is skipped; refresh() then polls again as soon as it ends.
// A new run or workspace drops the results of polls still in flight for the old one.
//
// GUI thread only. The store connection is opened once per workspace and used by one poll at a
// time (polls never overlap; SQLite allows a connection to move between threads that way).
#include <QString>
#include <QWidget>

#include <memory>

class QCustomPlot;

namespace avt::widgets {

class RunMonitor : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDefaultPollMs = 1000;
    static constexpr int kRecentRecords = 5; // step_s / data_wait_s records behind the figures
    static constexpr int kLogTailLines =
        200; // lines read of a log seen for the first time // lines read of a log seen for the first time
    static constexpr int kLogMaxLines = 1000; // lines kept per log view

    explicit RunMonitor(QWidget *parent = nullptr);
    ~RunMonitor() override;

    // The workspace folder (it must exist; it is not created). Forgets the run's state.
    void setWorkspace(const QString &folder);
    QString workspace() const;
    // The run to follow (empty: none, polling stops). Clears the plots, logs and figures.
    void setRun(const QString &runName);
    QString run() const;
    // Poll period in milliseconds (default kDefaultPollMs). Polls run while a run is set.
    void setPollInterval(int ms);
    int pollInterval() const;
    // Polls now (or right after the poll in flight).
    void refresh();

    // What is shown (for tests and for the run queue beside it).
    QCustomPlot *lossPlot() const; // graphs named after the metrics: "loss", "loss.cls", ..., "lr" (yAxis2)
    QCustomPlot *evalPlot() const; // graphs "<split>/<metric>" ("test/top1") against epoch (1-based)
    QString statusText() const;    // effective status: "running", "finished", "interrupted", ...; "" unknown
    QString messageText() const;   // why it failed / stopped / was interrupted, a warning or a read error
    double etaSeconds() const;     // negative when unknown (not running, totals or step time unknown)
    double clipsPerSecond() const; // 0 when unknown
    double dataWaitShare() const;  // 0 .. 1; negative when unknown

Q_SIGNALS:
    void updated();                            // after each poll's result is merged
    void statusChanged(const QString &status); // the effective status changed (untranslated)

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace avt::widgets
