#include "widgets/train/placement_box.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSysInfo>
#include <QVBoxLayout>

#include <algorithm>

namespace avt::widgets {

PlacementBox::PlacementBox(QWidget *parent) : QGroupBox(tr("Where"), parent)
{
    auto *where = new QVBoxLayout(this);
    m_cpu = new QRadioButton(tr("This machine: CPU"), this);
    m_gpus = new QRadioButton(tr("This machine: GPUs"), this);
    m_anyGpus = new QRadioButton(tr("Any free GPUs:"), this);
    m_slurm = new QRadioButton(tr("Cluster (Slurm)"), this);
    auto *group = new QButtonGroup(this);
    for (QRadioButton *b : {m_cpu, m_gpus, m_anyGpus, m_slurm})
        group->addButton(b);
    m_cpu->setChecked(true);
    where->addWidget(m_cpu);
    where->addWidget(m_gpus);
    m_gpuBox = new QWidget(this);
    m_gpuLayout = new QHBoxLayout(m_gpuBox);
    m_gpuLayout->setContentsMargins(20, 0, 0, 0);
    m_noGpu = new QLabel(tr("No CUDA GPU found"), m_gpuBox);
    m_noGpu->setEnabled(false);
    m_gpuLayout->addWidget(m_noGpu);
    m_gpuLayout->addStretch(1);
    where->addWidget(m_gpuBox);
    auto *anyRow = new QHBoxLayout;
    anyRow->addWidget(m_anyGpus);
    m_anyCount = new QSpinBox(this);
    m_anyCount->setObjectName(QStringLiteral("launcherAnyGpus"));
    m_anyCount->setRange(1, 64);
    m_anyCount->setSuffix(tr(" GPU(s)"));
    anyRow->addWidget(m_anyCount);
    anyRow->addStretch(1);
    where->addLayout(anyRow);
    auto *ranks = new QFormLayout;
    m_nproc = new QSpinBox(this);
    m_nproc->setObjectName(QStringLiteral("launcherRanks"));
    m_nproc->setRange(1, 64);
    m_nproc->setToolTip(tr("Ranks per run on this machine (--nproc-per-node): Gloo on the CPU, NCCL on GPUs"));
    ranks->addRow(tr("Ranks per run:"), m_nproc);
    m_share = new QCheckBox(tr("Share GPUs with other runs"), this);
    m_share->setObjectName(QStringLiteral("launcherShareGpus"));
    m_share->setToolTip(tr("Start even when another queued run holds these GPUs"));
    ranks->addRow(QString(), m_share);
    where->addLayout(ranks);
    where->addWidget(m_slurm);
    m_slurmBox = new QWidget(this);
    auto *slurm = new QFormLayout(m_slurmBox);
    slurm->setContentsMargins(20, 0, 0, 0);
    auto spin = [this](int lo, int hi, int value) {
        auto *s = new QSpinBox(m_slurmBox);
        s->setRange(lo, hi);
        s->setValue(value);
        return s;
    };
    const launch::SlurmOptions defaults;
    m_nodes = spin(1, 4096, defaults.nodes);
    m_tasks = spin(1, 64, defaults.tasksPerNode);
    m_gpusPerTask = spin(0, 16, defaults.gpusPerTask);
    m_cpusPerTask = spin(1, 256, defaults.cpusPerTask);
    m_time = new QLineEdit(defaults.time, m_slurmBox);
    m_partition = new QLineEdit(m_slurmBox);
    m_account = new QLineEdit(m_slurmBox);
    m_program = new QLineEdit(defaults.program, m_slurmBox);
    m_clusterWorkspace = new QLineEdit(m_slurmBox);
    m_clusterWorkspace->setPlaceholderText(tr("same as here"));
    m_rdzvHost = new QLineEdit(QSysInfo::machineHostName(), m_slurmBox);
    slurm->addRow(tr("Nodes:"), m_nodes);
    slurm->addRow(tr("Tasks (ranks) per node:"), m_tasks);
    slurm->addRow(tr("GPUs per task:"), m_gpusPerTask);
    slurm->addRow(tr("CPUs per task:"), m_cpusPerTask);
    slurm->addRow(tr("Time limit:"), m_time);
    slurm->addRow(tr("Partition:"), m_partition);
    slurm->addRow(tr("Account:"), m_account);
    slurm->addRow(tr("Workbench on the cluster:"), m_program);
    slurm->addRow(tr("Workspace on the cluster:"), m_clusterWorkspace);
    slurm->addRow(tr("torchrun rendezvous host:"), m_rdzvHost);
    where->addWidget(m_slurmBox);

    for (QRadioButton *b : {m_cpu, m_gpus, m_anyGpus, m_slurm})
        connect(b, &QRadioButton::toggled, this, &PlacementBox::update);
    connect(m_nproc, &QSpinBox::valueChanged, this, &PlacementBox::changed);
    connect(m_anyCount, &QSpinBox::valueChanged, this, [this](int count) {
        // One rank per GPU unless the user says otherwise (as with ticked GPUs).
        QSignalBlocker block(m_nproc);
        m_nproc->setValue(count);
        m_anyGpus->setChecked(true);
        update();
    });
    connect(m_share, &QCheckBox::toggled, this, &PlacementBox::changed);
    for (QLineEdit *e : {m_time, m_program, m_clusterWorkspace})
        connect(e, &QLineEdit::textChanged, this, &PlacementBox::changed);
    update();
}

void PlacementBox::update()
{
    const bool slurm = m_slurm->isChecked();
    m_slurmBox->setVisible(slurm);
    m_nproc->setEnabled(!slurm);
    m_share->setEnabled(m_gpus->isChecked() || m_anyGpus->isChecked());
    emit changed();
}

void PlacementBox::setGpus(const QStringList &names)
{
    m_gpuNames = names;
    qDeleteAll(m_gpuChecks);
    m_gpuChecks.clear();
    for (int i = 0; i < names.size(); ++i) {
        auto *c = new QCheckBox(names[i].section(QLatin1Char(':'), 0, 0), m_gpuBox);
        c->setToolTip(names[i]);
        m_gpuLayout->insertWidget(i, c);
        m_gpuChecks << c;
        connect(c, &QCheckBox::toggled, this, [this] {
            const qsizetype checked = checkedGpus().size();
            if (checked > 0) {
                QSignalBlocker block(m_nproc);
                m_nproc->setValue(int(checked));
                m_gpus->setChecked(true);
            }
            update();
        });
    }
    m_noGpu->setVisible(names.isEmpty());
    m_gpus->setEnabled(!names.isEmpty());
    m_anyGpus->setEnabled(!names.isEmpty());
    m_anyCount->setMaximum(std::max<int>(1, int(names.size())));
    if (names.isEmpty() && (m_gpus->isChecked() || m_anyGpus->isChecked()))
        m_cpu->setChecked(true);
    update();
}

PlacementBox::Placement PlacementBox::placement() const
{
    return m_gpus->isChecked()      ? Placement::Gpus
           : m_anyGpus->isChecked() ? Placement::AnyGpus
           : m_slurm->isChecked()   ? Placement::Slurm
                                    : Placement::Cpu;
}

void PlacementBox::setPlacement(Placement p)
{
    QRadioButton *b = p == Placement::Cpu       ? m_cpu
                      : p == Placement::Gpus    ? m_gpus
                      : p == Placement::AnyGpus ? m_anyGpus
                                                : m_slurm;
    if (b->isEnabled()) // no GPU placement without GPUs
        b->setChecked(true);
}

QList<int> PlacementBox::checkedGpus() const
{
    QList<int> gpus;
    for (int i = 0; i < m_gpuChecks.size(); ++i)
        if (m_gpuChecks[i]->isChecked())
            gpus << i;
    return gpus;
}

void PlacementBox::setGpuChecked(int gpu, bool checked)
{
    if (gpu >= 0 && gpu < m_gpuChecks.size())
        m_gpuChecks[gpu]->setChecked(checked);
}

int PlacementBox::ranks() const { return m_nproc->value(); }
void PlacementBox::setRanks(int nproc) { m_nproc->setValue(nproc); }

bool PlacementBox::shareGpus() const { return m_share->isChecked() && (m_gpus->isChecked() || m_anyGpus->isChecked()); }

int PlacementBox::anyCount() const { return m_anyGpus->isChecked() ? m_anyCount->value() : 0; }

launch::SlurmOptions PlacementBox::slurmOptions() const
{
    launch::SlurmOptions o;
    o.nodes = m_nodes->value();
    o.tasksPerNode = m_tasks->value();
    o.gpusPerTask = m_gpusPerTask->value();
    o.cpusPerTask = m_cpusPerTask->value();
    o.time = m_time->text().trimmed();
    o.partition = m_partition->text().trimmed();
    o.account = m_account->text().trimmed();
    o.program = m_program->text().trimmed();
    o.workspace = m_clusterWorkspace->text().trimmed();
    return o;
}

void PlacementBox::setSlurmOptions(const launch::SlurmOptions &o)
{
    m_nodes->setValue(o.nodes);
    m_tasks->setValue(o.tasksPerNode);
    m_gpusPerTask->setValue(o.gpusPerTask);
    m_cpusPerTask->setValue(o.cpusPerTask);
    m_time->setText(o.time);
    m_partition->setText(o.partition);
    m_account->setText(o.account);
    m_program->setText(o.program);
    m_clusterWorkspace->setText(o.workspace);
}

QString PlacementBox::rendezvousHost() const
{
    const QString host = m_rdzvHost->text().trimmed();
    return host.isEmpty() ? QStringLiteral("localhost") : host;
}

QString PlacementBox::error() const
{
    if (!m_slurm->isChecked())
        return QString();
    // Slurm's time formats: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S.
    static const QRegularExpression time(QStringLiteral("^(\\d+-)?\\d+(:\\d+){0,2}$"));
    if (!time.match(m_time->text().trimmed()).hasMatch())
        return tr("Time limit '%1': use HH:MM:SS or D-HH:MM:SS.").arg(m_time->text().trimmed());
    if (m_program->text().trimmed().isEmpty())
        return tr("Say where the workbench is on the cluster.");
    return QString();
}

} // namespace avt::widgets
