#pragma once
// PlacementBox: the Run Launcher's "Where" box. This machine's CPU; its GPUs (a check box per
// GPU, ranks following the ticks); any N free GPUs (the queue picks them); or a Slurm cluster
// (nodes, tasks per node, GPUs and CPUs per task, time limit, partition, account, the workbench
// and the workspace on the cluster, the torchrun rendezvous host). Ranks per run and "share GPUs"
// apply to this machine. changed() follows every edit. GUI thread only.
//
//   auto *where = new PlacementBox(this);
//   where->setGpus({"GPU 0: NVIDIA H100"});
//   connect(where, &PlacementBox::changed, this, &LauncherView::refresh);
//   if (where->placement() == PlacementBox::Placement::Gpus) spec.gpus = where->checkedGpus();
#include "core/launch/launch_spec.h"

#include <QGroupBox>
#include <QList>
#include <QStringList>

class QCheckBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace avt::widgets {

class PlacementBox : public QGroupBox {
    Q_OBJECT
public:
    enum class Placement { Cpu, Gpus, AnyGpus, Slurm };

    explicit PlacementBox(QWidget *parent = nullptr);

    // One check box per CUDA device (index = position in names); none: only the CPU and Slurm.
    void setGpus(const QStringList &names);
    QStringList gpuNames() const { return m_gpuNames; }

    Placement placement() const;
    void setPlacement(Placement placement); // a GPU placement without GPUs is ignored
    QList<int> checkedGpus() const;
    void setGpuChecked(int gpu, bool checked);
    int ranks() const; // --nproc-per-node on this machine
    void setRanks(int nproc);
    bool shareGpus() const; // "share" ticked and a GPU placement chosen
    int anyCount() const;   // "any N free GPUs": N, else 0
    launch::SlurmOptions slurmOptions() const;
    void setSlurmOptions(const launch::SlurmOptions &options);
    QString rendezvousHost() const; // for torchrun.sh ("localhost" when empty)
    // Why the chosen placement cannot be used ("" when it can): a time limit Slurm does not
    // read, no workbench path on the cluster.
    QString error() const;

signals:
    void changed();

private:
    void update();

    QStringList m_gpuNames;
    QRadioButton *m_cpu, *m_gpus, *m_anyGpus, *m_slurm;
    QWidget *m_gpuBox, *m_slurmBox;
    QHBoxLayout *m_gpuLayout;
    QList<QCheckBox *> m_gpuChecks;
    QLabel *m_noGpu;
    QSpinBox *m_nproc, *m_anyCount;
    QCheckBox *m_share;
    QSpinBox *m_nodes, *m_tasks, *m_gpusPerTask, *m_cpusPerTask;
    QLineEdit *m_time, *m_partition, *m_account, *m_program, *m_clusterWorkspace, *m_rdzvHost;
};

} // namespace avt::widgets
