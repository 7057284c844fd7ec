#pragma once
// LauncherView: the Run Launcher. A researcher picks a base (a preset, or a stored run: "run
// again with changes"), edits the config in the ConfigForm (made from the key table), expands
// it into runs (the Table 4 ladder, sweeps over up to two keys as a grid, N seeds: the same
// names, settings and seeds as the headless `ablate` makes), reviews and edits that list, and
// chooses where the runs go: this machine's CPU, its GPUs (chosen, or any N free), or a Slurm
// cluster (a script per run written into the run's folder). The changes against the base and
// the exact command of the first run are shown live.
//
//   auto *launcher = new LauncherView(this);
//   launcher->setWorkspace(folder);                     // datasets and runs, read in the background
//   launcher->setGpus({"GPU 0: NVIDIA H100"});          // from TrainingView::gpusFound
//   connect(launcher, &LauncherView::queueRequested, queue, &RunQueue::enqueue);
//
// What a launched run receives: `train --name N --set k=v ...`, where the --set lines are every
// key of the form's config that differs from the defaults of its model preset (so a run started
// from another run's config reproduces that config), then the planned run's ladder / sweep
// settings, then run.seed. The form's run.name and run.seed are replaced by the plan's.
#include "core/launch/launch_spec.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableWidget;
class QWidget;

namespace avt::widgets {

class ConfigForm;

class LauncherView : public QWidget {
    Q_OBJECT
public:
    enum class Placement { Cpu, Gpus, AnyGpus, Slurm };

    explicit LauncherView(QWidget *parent = nullptr);
    ~LauncherView() override;

    void setWorkspace(const QString &folder);
    void setGpus(const QStringList &names);
    // Makes that stored run the base (its config, run.name cleared); used by "duplicate with changes".
    void startFromRun(const QString &runName);
    void startFromPreset(const QString &preset);

    ConfigForm *form() const { return m_form; }
    QTableWidget *runsTable() const { return m_runs; }
    // The runs the Queue button would queue (included rows only), in order.
    QList<launch::LaunchSpec> plannedSpecs() const;
    int gpuCount() const; // "any N free GPUs", else 0
    QString commandLine() const;
    QString diffText() const;
    QString errorText() const; // why Queue is disabled ("" when it is not)
    bool canQueue() const;

    // Expansion controls (also for tests).
    void setPrefix(const QString &prefix);
    void setLadder(bool table4);
    void setSweep(int row, const QString &key, const QString &values); // row 0 or 1; empty key: none
    void setSeeds(int seeds);
    void setPlacement(Placement placement);
    void setGpuChecked(int gpu, bool checked);
    void setRanks(int nproc);
    void setIncluded(int row, bool included);
    void renameRun(int row, const QString &name);
    launch::SlurmOptions slurmOptions() const;
    void setSlurmOptions(const launch::SlurmOptions &options);

    // Writes runs/<name>/slurm.sbatch and runs/<name>/torchrun.sh for each planned run;
    // returns the files written (an error shows in the view and returns nothing).
    QStringList writeSlurmScripts();
    // Emits queueRequested with plannedSpecs() when canQueue().
    void queue();

signals:
    void queueRequested(const QList<avt::launch::LaunchSpec> &specs, int gpuCount);
    void workspaceLoaded();

private:
    struct StoredRun {
        QString name;
        QJsonObject config;
    };
    void buildUi();
    void baseChosen();
    void replan();
    void refresh();
    QStringList commonOverrides(QString *error) const;

    QString m_workspace;
    int m_generation = 0;
    QList<StoredRun> m_storedRuns;
    QSet<QString> m_runNames;
    QStringList m_gpuNames;
    QString m_pendingRun; // startFromRun before the runs were loaded

    ConfigForm *m_form;
    QComboBox *m_base;
    QPlainTextEdit *m_diff, *m_command;
    QLineEdit *m_prefix;
    QComboBox *m_ladder;
    QComboBox *m_sweepKey[2];
    QLineEdit *m_sweepValues[2];
    QSpinBox *m_seeds;
    QTableWidget *m_runs;
    QRadioButton *m_cpu, *m_gpus, *m_anyGpus, *m_slurm;
    QWidget *m_gpuBox;
    QHBoxLayout *m_gpuLayout;
    QList<QCheckBox *> m_gpuChecks;
    QLabel *m_noGpu;
    QSpinBox *m_nproc, *m_anyCount;
    QCheckBox *m_share;
    QWidget *m_slurmBox;
    QSpinBox *m_nodes, *m_tasks, *m_gpusPerTask, *m_cpusPerTask;
    QLineEdit *m_time, *m_partition, *m_account, *m_program, *m_clusterWorkspace, *m_rdzvHost;
    QLabel *m_error, *m_written;
    QPushButton *m_queueButton, *m_slurmButton;
    bool m_replanning = false;
};

} // namespace avt::widgets
