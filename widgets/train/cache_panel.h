#pragma once
// ClipCachePanel: the Run Launcher's "Clip cache" box. For the config of the first planned run it
// shows what training would read, from the store (core/train/prepare.h preparedCacheStatus, in
// the background, a moment after the last edit): per mode (training, evaluation) a complete
// prepared cache with its windows and size, one still being written (resumable), a damaged one,
// or none for these settings, naming how the nearest other cache of the dataset differs. Prepare
// runs the `prepare` verb with exactly that config (launch::prepareArguments) in a child process
// (BatchJob): progress bar, Cancel (the cache stays resumable), and the status read again after.
//
//   auto *panel = new ClipCachePanel(this);
//   panel->setSpec(launcher->plannedSpecs().value(0), true);   // on every edit; debounced
//   connect(panel, &ClipCachePanel::statusChanged, ...);       // statusText() is new
//   panel->prepare();                                          // what the button does
//
// GUI thread only; nothing here blocks it (the store is read on a worker thread, prepare runs in
// a child process).
#include "core/launch/launch_spec.h"

#include <QGroupBox>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace avt::widgets {

class BatchJob;

class ClipCachePanel : public QGroupBox {
    Q_OBJECT
public:
    // How long after the last setSpec() the store is read.
    static constexpr int kSettleMs = 250;

    explicit ClipCachePanel(QWidget *parent = nullptr);
    ~ClipCachePanel() override;

    // The run whose cache is shown and prepared: its workspace, dataset, config file and --set
    // lines. usable false (no workspace, the form refuses a value, nothing planned): the panel
    // says so and Prepare is disabled. Unchanged specs are not read again.
    void setSpec(const launch::LaunchSpec &spec, bool usable);
    // The executable Prepare starts (default: this program).
    void setProgram(const QString &program);
    // Runs that go to a cluster read the cluster's workspace: the `prepare` command to run there
    // (shown below the status, selectable); empty hides it.
    void setClusterCommand(const QString &command);
    QString clusterCommand() const;

    QString statusText() const;
    // Every mode of the shown config has a complete cache (as of the last read).
    bool isReady() const { return m_ready; }
    bool isPreparing() const;
    // Starts `prepare` for the current spec (false when it cannot start: nothing usable, or a
    // prepare already runs).
    bool prepare();
    void cancel();
    BatchJob *job() const { return m_job; }

signals:
    void statusChanged();
    void prepareFinished(bool ok, const QString &message);

private:
    void readStatus();
    void updateButtons();
    void onProgress(qint64 done, qint64 total, const QString &message);
    void onFinished(bool ok, const QString &message);

    launch::LaunchSpec m_spec;
    bool m_usable = false;
    bool m_ready = false;
    bool m_stopping = false;
    QString m_key; // what the last read was for
    int m_generation = 0;
    BatchJob *m_job;
    QTimer *m_settle;
    QLabel *m_status, *m_progress, *m_cluster;
    QProgressBar *m_bar;
    QPushButton *m_prepare, *m_cancel;
};

} // namespace avt::widgets
