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
//   launcher->startFromRun("tiny-avc");                 // a stored run's config as the base
//   launcher->form()->setValue("optim.lr", "3e-4");     // what the user does in the form
//   launcher->setLadder(true);                          // 8 runs: tiny-avc-again-audio, ...
//   QList<launch::LaunchSpec> specs = launcher->plannedSpecs(); // what Queue would emit
//
// What a launched run receives: `train --name N --dataset D --set k=v ...`, where the --set lines
// are every key of the form's config that differs from the defaults of its model preset (so the
// --set lines alone reproduce a config started from a stored run, without its file; the Changes
// box shows only the keys changed against the base), then the planned run's ladder / sweep
// settings, then run.seed: the config `ablate` gives the same planned run. The form's run.name
// and run.seed are replaced by the plan's; --dataset repeats run.dataset (unless swept).
//
// Queue (and Write Slurm Scripts) stay disabled while the form is invalid, a planned run's config
// is refused by the engine or names a dataset the workspace lacks, a planned name is not a valid
// run name, is used twice, or exists in the workspace, or the Slurm time limit is not one Slurm
// reads; errorText() says which. GUI thread only.
#include "core/launch/launch_spec.h"
#include "widgets/train/placement_box.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QWidget;

namespace avt::widgets {

class ClipCachePanel;
class ConfigForm;

class LauncherView : public QWidget {
    Q_OBJECT
public:
    using Placement = PlacementBox::Placement;

    explicit LauncherView(QWidget *parent = nullptr);
    ~LauncherView() override;

    // Reads the workspace's datasets and runs in the background; workspaceLoaded() when done.
    void setWorkspace(const QString &folder);
    // One check box per CUDA device (index = position in names); none: only the CPU and Slurm.
    void setGpus(const QStringList &names);
    // The workbench shown in the command (default QCoreApplication::applicationFilePath()).
    void setProgram(const QString &program);
    // Makes that stored run the base (its config, run.name cleared); used by "duplicate with
    // changes". Before the workspace's runs are read, it waits for them.
    void startFromRun(const QString &runName);
    // Makes a model preset's defaults the base ("avt-tiny", ...).
    void startFromPreset(const QString &preset);

    ConfigForm *form() const { return m_form; }
    // The clip cache of the first planned run: its state and a Prepare button.
    ClipCachePanel *clipCache() const { return m_cache; }
    QTableWidget *runsTable() const { return m_runs; }
    // The runs the Queue button would queue (included rows only), in order.
    QList<launch::LaunchSpec> plannedSpecs() const;
    int gpuCount() const; // "any N free GPUs", else 0
    // The command of the first planned run, as the queue would run it (any-free GPUs shown as
    // the first ones); empty when nothing is planned.
    QString commandLine() const;
    QString diffText() const;  // the Changes box: "--set key=value" per changed key
    QString errorText() const; // why Queue is disabled ("" when it is not)
    bool canQueue() const;

    // Expansion controls (also for tests).
    void setPrefix(const QString &prefix);
    void setLadder(bool table4);
    void setSweep(int row, const QString &key, const QString &values); // row 0 or 1 (a grid); empty key: none
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
    QWidget *buildStartBox(QWidget *parent);
    QWidget *buildRunsBox(QWidget *parent);
    void baseChosen();
    void replan();
    void refresh();
    void datasetsLoaded(const QStringList &datasets);
    void showSweepRow(bool shown);
    QString plannedError(const QList<launch::LaunchSpec> &specs) const;
    QString commandFor(const QList<launch::LaunchSpec> &specs) const;
    QStringList commonOverrides(QString *error) const;

    QString m_workspace;
    int m_generation = 0;
    QList<StoredRun> m_storedRuns;
    QSet<QString> m_runNames;
    QString m_pendingRun;  // startFromRun before the runs were loaded
    QString m_programPath; // the workbench in the command (empty: this program)
    QString m_loadError;   // the workspace could not be read
    QString m_baseError;   // the chosen base could not be used
    QString m_sweepError;  // a sweep's values could not be read
    bool m_loaded = false;

    ConfigForm *m_form;
    QComboBox *m_base, *m_dataset;
    QPlainTextEdit *m_diff, *m_command;
    QLineEdit *m_prefix;
    QComboBox *m_ladder;
    QFormLayout *m_plan;
    QComboBox *m_sweepKey[2];
    QLineEdit *m_sweepValues[2];
    QWidget *m_sweepRow[2];
    QPushButton *m_addSweep;
    QSpinBox *m_seeds;
    QTableWidget *m_runs;
    PlacementBox *m_where;
    QLabel *m_error, *m_written;
    QPushButton *m_queueButton, *m_slurmButton;
    ClipCachePanel *m_cache = nullptr;
    bool m_replanning = false;
};

} // namespace avt::widgets
