#include "widgets/train/launcher_view.h"

#include "core/store/dataset_store.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/ablation.h"
#include "core/train/run_config.h"
#include "model/config/model_config.h"
#include "widgets/common/background.h"
#include "widgets/train/config_form.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QSysInfo>
#include <QTableWidget>
#include <QVBoxLayout>

namespace avt::widgets {

namespace {

enum RunColumn { ColName, ColLabel, ColSettings, ColSeed, ColCount };
constexpr int kSettingsRole = Qt::UserRole;
constexpr int kSeedRole = Qt::UserRole + 1;
constexpr int kPlannedNameRole = Qt::UserRole + 2;

QPlainTextEdit *codeBox(QWidget *parent, const QString &name, int lines)
{
    auto *box = new QPlainTextEdit(parent);
    box->setObjectName(name);
    box->setReadOnly(true);
    box->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    box->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    box->setMaximumHeight(box->fontMetrics().lineSpacing() * lines + 12);
    return box;
}

QString defaultPrefix(const QString &preset)
{
    return QStringLiteral("%1-%2").arg(preset, QDateTime::currentDateTime().toString(QStringLiteral("MMdd-hhmm")));
}

} // namespace

LauncherView::LauncherView(QWidget *parent) : QWidget(parent), m_form(new ConfigForm(this))
{
    buildUi();
    startFromPreset(QStringLiteral("avt-tiny"));
}

LauncherView::~LauncherView() = default;

void LauncherView::buildUi()
{
    auto *column = new QWidget(this);
    auto *col = new QVBoxLayout(column);

    // Start from.
    auto *baseBox = new QGroupBox(tr("Start from"), column);
    auto *baseLayout = new QVBoxLayout(baseBox);
    m_base = new QComboBox(baseBox);
    m_base->setObjectName(QStringLiteral("launcherBase"));
    m_base->setToolTip(tr("A model preset with the default settings, or a stored run's whole config (run again "
                          "with changes)"));
    baseLayout->addWidget(m_base);
    col->addWidget(baseBox);

    // Changes and command.
    auto *diffBox = new QGroupBox(tr("Changes against the base"), column);
    auto *diffLayout = new QVBoxLayout(diffBox);
    m_diff = codeBox(diffBox, QStringLiteral("launcherDiff"), 6);
    m_diff->setPlaceholderText(tr("No changes"));
    diffLayout->addWidget(m_diff);
    col->addWidget(diffBox);
    auto *cmdBox = new QGroupBox(tr("Command of the first run"), column);
    auto *cmdLayout = new QVBoxLayout(cmdBox);
    m_command = codeBox(cmdBox, QStringLiteral("launcherCommand"), 5);
    auto *copy = new QPushButton(tr("Copy"), cmdBox);
    copy->setToolTip(tr("Copy the command to run it in a terminal"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(commandLine()); });
    cmdLayout->addWidget(m_command);
    cmdLayout->addWidget(copy, 0, Qt::AlignRight);
    col->addWidget(cmdBox);

    // Runs to queue.
    auto *runsBox = new QGroupBox(tr("Runs to queue"), column);
    auto *runsLayout = new QVBoxLayout(runsBox);
    auto *plan = new QFormLayout;
    m_prefix = new QLineEdit(runsBox);
    m_prefix->setObjectName(QStringLiteral("launcherPrefix"));
    m_prefix->setToolTip(tr("Run name, or the prefix of the names of a ladder, sweep or seeds"));
    plan->addRow(tr("Name / prefix:"), m_prefix);
    m_ladder = new QComboBox(runsBox);
    m_ladder->addItem(tr("None"), QStringLiteral("none"));
    m_ladder->addItem(tr("Table 4 ladder (8 rungs)"), QStringLiteral("table4"));
    plan->addRow(tr("Ladder:"), m_ladder);
    for (int i = 0; i < 2; ++i) {
        auto *row = new QHBoxLayout;
        m_sweepKey[i] = new QComboBox(runsBox);
        m_sweepKey[i]->setEditable(true);
        m_sweepKey[i]->addItem(QString());
        m_sweepKey[i]->addItems(m_form->keys());
        m_sweepKey[i]->setMinimumContentsLength(16);
        m_sweepValues[i] = new QLineEdit(runsBox);
        m_sweepValues[i]->setPlaceholderText(tr("values, comma-separated"));
        row->addWidget(m_sweepKey[i], 1);
        row->addWidget(m_sweepValues[i], 1);
        plan->addRow(i == 0 ? tr("Sweep:") : tr("Grid with:"), row);
        connect(m_sweepKey[i], &QComboBox::currentTextChanged, this, &LauncherView::replan);
        connect(m_sweepValues[i], &QLineEdit::textChanged, this, &LauncherView::replan);
    }
    m_seeds = new QSpinBox(runsBox);
    m_seeds->setRange(1, 50);
    m_seeds->setToolTip(tr("Seeds per configuration: run.seed, run.seed + 1, ..."));
    plan->addRow(tr("Seeds:"), m_seeds);
    runsLayout->addLayout(plan);
    m_runs = new QTableWidget(0, ColCount, runsBox);
    m_runs->setObjectName(QStringLiteral("launcherRuns"));
    m_runs->setHorizontalHeaderLabels({tr("Run"), tr("Label"), tr("Settings"), tr("Seed")});
    m_runs->verticalHeader()->hide();
    m_runs->horizontalHeader()->setStretchLastSection(true);
    m_runs->setMinimumHeight(140);
    m_runs->setToolTip(tr("Untick a run to leave it out; double-click a name to change it"));
    runsLayout->addWidget(m_runs);
    col->addWidget(runsBox);
    connect(m_prefix, &QLineEdit::textChanged, this, &LauncherView::replan);
    connect(m_ladder, &QComboBox::currentIndexChanged, this, &LauncherView::replan);
    connect(m_seeds, &QSpinBox::valueChanged, this, &LauncherView::replan);
    connect(m_runs, &QTableWidget::itemChanged, this, [this] {
        if (!m_replanning)
            refresh();
    });

    // Where.
    auto *whereBox = new QGroupBox(tr("Where"), column);
    auto *where = new QVBoxLayout(whereBox);
    m_cpu = new QRadioButton(tr("This machine: CPU"), whereBox);
    m_gpus = new QRadioButton(tr("This machine: these GPUs"), whereBox);
    m_anyGpus = new QRadioButton(tr("This machine: any free GPUs"), whereBox);
    m_slurm = new QRadioButton(tr("Cluster: write a Slurm script"), whereBox);
    auto *group = new QButtonGroup(this);
    for (QRadioButton *b : {m_cpu, m_gpus, m_anyGpus, m_slurm})
        group->addButton(b);
    m_cpu->setChecked(true);
    where->addWidget(m_cpu);
    where->addWidget(m_gpus);
    m_gpuBox = new QWidget(whereBox);
    m_gpuLayout = new QHBoxLayout(m_gpuBox);
    m_gpuLayout->setContentsMargins(20, 0, 0, 0);
    m_noGpu = new QLabel(tr("No CUDA GPU found (nvidia-smi lists none)"), m_gpuBox);
    m_noGpu->setEnabled(false);
    m_gpuLayout->addWidget(m_noGpu);
    m_gpuLayout->addStretch(1);
    where->addWidget(m_gpuBox);
    auto *anyRow = new QHBoxLayout;
    anyRow->addWidget(m_anyGpus);
    m_anyCount = new QSpinBox(whereBox);
    m_anyCount->setRange(1, 64);
    m_anyCount->setSuffix(tr(" GPU(s)"));
    anyRow->addWidget(m_anyCount);
    anyRow->addStretch(1);
    where->addLayout(anyRow);
    auto *ranks = new QFormLayout;
    m_nproc = new QSpinBox(whereBox);
    m_nproc->setObjectName(QStringLiteral("launcherRanks"));
    m_nproc->setRange(1, 64);
    m_nproc->setToolTip(tr("Ranks per run on this machine (--nproc-per-node): Gloo on the CPU, NCCL on GPUs"));
    ranks->addRow(tr("Ranks per run:"), m_nproc);
    m_share = new QCheckBox(tr("May share GPUs with other queued runs"), whereBox);
    ranks->addRow(QString(), m_share);
    where->addLayout(ranks);
    where->addWidget(m_slurm);
    m_slurmBox = new QWidget(whereBox);
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
    col->addWidget(whereBox);
    for (QRadioButton *b : {m_cpu, m_gpus, m_anyGpus, m_slurm})
        connect(b, &QRadioButton::toggled, this, &LauncherView::refresh);
    for (QSpinBox *s : {m_nproc, m_anyCount})
        connect(s, &QSpinBox::valueChanged, this, &LauncherView::refresh);
    connect(m_share, &QCheckBox::toggled, this, &LauncherView::refresh);

    // Errors and the buttons.
    m_error = new QLabel(column);
    m_error->setObjectName(QStringLiteral("launcherError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c82828;"));
    col->addWidget(m_error);
    m_written = new QLabel(column);
    m_written->setWordWrap(true);
    m_written->setTextInteractionFlags(Qt::TextSelectableByMouse);
    col->addWidget(m_written);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_slurmButton = new QPushButton(tr("Write Slurm Scripts…"), column);
    m_queueButton = new QPushButton(column);
    m_queueButton->setObjectName(QStringLiteral("launcherQueue"));
    m_queueButton->setDefault(true);
    buttons->addWidget(m_slurmButton);
    buttons->addWidget(m_queueButton);
    col->addLayout(buttons);
    col->addStretch(1);
    connect(m_queueButton, &QPushButton::clicked, this, &LauncherView::queue);
    connect(m_slurmButton, &QPushButton::clicked, this, [this] { writeSlurmScripts(); });

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(column);
    scroll->setMinimumWidth(420);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_form);
    split->addWidget(scroll);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    for (const std::string &p : model::ModelConfig::presetNames())
        m_base->addItem(tr("Preset: %1").arg(QString::fromStdString(p)),
                        QStringList{QStringLiteral("preset"), QString::fromStdString(p)});
    connect(m_base, &QComboBox::currentIndexChanged, this, &LauncherView::baseChosen);
    connect(m_form, &ConfigForm::changed, this, &LauncherView::replan);
    setGpus({});
}

void LauncherView::setWorkspace(const QString &folder)
{
    m_workspace = folder;
    const int generation = ++m_generation;
    m_written->clear();
    struct Loaded {
        QStringList datasets;
        QList<StoredRun> runs;
        QString error;
    };
    whenFinished(this, runInBackground([folder] {
                     Loaded l;
                     auto ws = store::Workspace::open(folder);
                     if (!ws) {
                         l.error = ws.error().message;
                         return l;
                     }
                     if (auto d = store::listDatasets((*ws)->db()))
                         for (const store::DatasetInfo &info : *d)
                             l.datasets << info.name;
                     if (auto r = store::listRuns((*ws)->db()))
                         for (const store::RunInfo &run : *r)
                             l.runs.append({run.name, run.config});
                     return l;
                 }),
                 [this, generation](const Loaded &l) {
                     if (generation != m_generation)
                         return;
                     m_form->setDatasets(l.datasets);
                     m_storedRuns = l.runs;
                     m_runNames.clear();
                     for (const StoredRun &r : l.runs)
                         m_runNames.insert(r.name);
                     {
                         QSignalBlocker block(m_base);
                         while (m_base->count() > int(model::ModelConfig::presetNames().size()))
                             m_base->removeItem(m_base->count() - 1);
                         for (const StoredRun &r : l.runs)
                             m_base->addItem(tr("Run: %1").arg(r.name), QStringList{QStringLiteral("run"), r.name});
                     }
                     if (!l.datasets.isEmpty() && m_form->value(QStringLiteral("run.dataset")).isEmpty())
                         m_form->setValue(QStringLiteral("run.dataset"), l.datasets.first());
                     if (!l.error.isEmpty())
                         m_error->setText(l.error);
                     if (!m_pendingRun.isEmpty())
                         startFromRun(std::exchange(m_pendingRun, QString()));
                     refresh();
                     emit workspaceLoaded();
                 });
}

void LauncherView::setGpus(const QStringList &names)
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
            int checked = 0;
            for (QCheckBox *g : m_gpuChecks)
                checked += g->isChecked();
            if (checked > 0) {
                QSignalBlocker block(m_nproc);
                m_nproc->setValue(checked);
                m_gpus->setChecked(true);
            }
            refresh();
        });
    }
    m_noGpu->setVisible(names.isEmpty());
    m_gpus->setEnabled(!names.isEmpty());
    m_anyGpus->setEnabled(!names.isEmpty());
    m_anyCount->setMaximum(std::max<int>(1, int(names.size())));
    if (names.isEmpty() && (m_gpus->isChecked() || m_anyGpus->isChecked()))
        m_cpu->setChecked(true);
    refresh();
}

void LauncherView::startFromPreset(const QString &preset)
{
    const int i = m_base->findData(QStringList{QStringLiteral("preset"), preset});
    if (i >= 0 && i != m_base->currentIndex())
        m_base->setCurrentIndex(i);
    else
        baseChosen();
}

void LauncherView::startFromRun(const QString &runName)
{
    const int i = m_base->findData(QStringList{QStringLiteral("run"), runName});
    if (i < 0) {
        m_pendingRun = runName; // the runs are still being read
        return;
    }
    if (i != m_base->currentIndex())
        m_base->setCurrentIndex(i);
    else
        baseChosen();
}

void LauncherView::baseChosen()
{
    const QStringList data = m_base->currentData().toStringList();
    train::RunConfig base;
    if (data.value(0) == QLatin1String("run")) {
        for (const StoredRun &r : m_storedRuns)
            if (r.name == data.value(1)) {
                auto cfg = train::RunConfig::fromJson(r.config, QStringLiteral("run '%1'").arg(r.name));
                if (!cfg) {
                    m_error->setText(cfg.error().message);
                    return;
                }
                base = *cfg;
            }
        (void)base.set(QStringLiteral("run.name"), QString());
    } else if (!data.isEmpty()) {
        (void)base.set(QStringLiteral("model.preset"), data.value(1));
    }
    const QString dataset = m_form->value(QStringLiteral("run.dataset"));
    if (base.text(QStringLiteral("run.dataset")).isEmpty() && !dataset.isEmpty())
        (void)base.set(QStringLiteral("run.dataset"), dataset);
    m_form->setBase(base);
    {
        QSignalBlocker block(m_prefix);
        m_prefix->clear();
        m_prefix->setPlaceholderText(data.value(0) == QLatin1String("run") ? data.value(1) + QStringLiteral("-again")
                                                                           : defaultPrefix(base.preset()));
    }
    replan();
}

QStringList LauncherView::commonOverrides(QString *error) const
{
    auto cfg = m_form->config();
    if (!cfg) {
        *error = cfg.error().message;
        return {};
    }
    // Against the defaults of the config's own preset: the smallest --set list that gives this
    // config to `train`, whatever the base was.
    train::RunConfig defaults;
    (void)defaults.set(QStringLiteral("model.preset"), cfg->preset());
    const QMap<QString, QString> mine = train::flattenJson(cfg->toJson());
    const QMap<QString, QString> theirs = train::flattenJson(defaults.toJson());
    QStringList out;
    if (cfg->preset() != train::RunConfig().preset())
        out << QStringLiteral("model.preset=") + cfg->preset();
    QStringList order = m_form->keys();
    for (auto it = mine.begin(); it != mine.end(); ++it)
        if (!order.contains(it.key()))
            order << it.key();
    for (const QString &key : order) {
        if (key == QLatin1String("model.preset") || key == QLatin1String("run.name") || key == QLatin1String("run.seed")
            || !mine.contains(key))
            continue;
        if (mine.value(key) != theirs.value(key))
            out << key + QLatin1Char('=') + mine.value(key);
    }
    return out;
}

void LauncherView::replan()
{
    QString prefix = m_prefix->text().trimmed();
    if (prefix.isEmpty())
        prefix = m_form->value(QStringLiteral("run.name")).trimmed();
    if (prefix.isEmpty())
        prefix = m_prefix->placeholderText();
    const QList<train::Rung> rungs = train::ladderRungs(m_ladder->currentData().toString());
    QList<train::Sweep> sweeps;
    QString sweepError;
    for (int i = 0; i < 2; ++i) {
        const QString key = m_sweepKey[i]->currentText().trimmed(), values = m_sweepValues[i]->text().trimmed();
        if (key.isEmpty() || values.isEmpty())
            continue;
        auto sweep = train::parseSweep(key + QLatin1Char('=') + values);
        if (!sweep)
            sweepError = sweep.error().message;
        else
            sweeps << *sweep;
    }
    bool seedOk = false;
    const qint64 firstSeed = m_form->value(QStringLiteral("run.seed")).toLongLong(&seedOk);
    const QList<train::PlannedRun> plan =
        train::planRuns(prefix, rungs, sweeps, m_seeds->value(), seedOk ? firstSeed : 1);
    // Keep the user's renames and unticks of runs planned again under the same name.
    QHash<QString, QString> renamed;
    QSet<QString> excluded;
    for (int r = 0; r < m_runs->rowCount(); ++r) {
        const QTableWidgetItem *item = m_runs->item(r, ColName);
        const QString planned = item->data(kPlannedNameRole).toString();
        if (item->text() != planned)
            renamed.insert(planned, item->text());
        if (item->checkState() != Qt::Checked)
            excluded.insert(planned);
    }
    m_replanning = true;
    m_runs->setRowCount(int(plan.size()));
    for (int r = 0; r < plan.size(); ++r) {
        const train::PlannedRun &p = plan[r];
        auto *name = new QTableWidgetItem(renamed.value(p.name, p.name));
        name->setData(kPlannedNameRole, p.name);
        name->setData(kSettingsRole, p.settings);
        name->setData(kSeedRole, p.seed);
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemIsUserCheckable);
        name->setCheckState(excluded.contains(p.name) ? Qt::Unchecked : Qt::Checked);
        m_runs->setItem(r, ColName, name);
        const QStringList texts{QString(), p.label, p.settings.join(QLatin1Char(' ')), QString::number(p.seed)};
        for (int c = ColLabel; c < ColCount; ++c) {
            auto *item = new QTableWidgetItem(texts[c]);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            m_runs->setItem(r, c, item);
        }
    }
    m_runs->resizeColumnsToContents();
    m_replanning = false;
    if (!sweepError.isEmpty())
        m_error->setText(sweepError);
    refresh();
    if (!sweepError.isEmpty()) {
        m_error->setText(sweepError);
        m_queueButton->setEnabled(false);
        m_slurmButton->setEnabled(false);
    }
}

QList<launch::LaunchSpec> LauncherView::plannedSpecs() const
{
    QString error;
    const QStringList common = commonOverrides(&error);
    QList<launch::LaunchSpec> specs;
    if (!error.isEmpty())
        return specs;
    QList<int> gpus;
    for (int i = 0; i < m_gpuChecks.size(); ++i)
        if (m_gpuChecks[i]->isChecked())
            gpus << i;
    for (int r = 0; r < m_runs->rowCount(); ++r) {
        const QTableWidgetItem *item = m_runs->item(r, ColName);
        if (item->checkState() != Qt::Checked)
            continue;
        launch::LaunchSpec s;
        s.workspace = m_workspace;
        s.name = item->text().trimmed();
        s.overrides = common + item->data(kSettingsRole).toStringList();
        s.overrides << QStringLiteral("run.seed=%1").arg(item->data(kSeedRole).toLongLong());
        s.nproc = m_nproc->value();
        if (m_gpus->isChecked())
            s.gpus = gpus;
        s.shareGpus = m_share->isChecked() && (m_gpus->isChecked() || m_anyGpus->isChecked());
        specs << s;
    }
    return specs;
}

int LauncherView::gpuCount() const { return m_anyGpus->isChecked() ? m_anyCount->value() : 0; }

QString LauncherView::commandLine() const
{
    const QList<launch::LaunchSpec> specs = plannedSpecs();
    if (specs.isEmpty())
        return QString();
    launch::LaunchSpec first = specs.first();
    if (m_anyGpus->isChecked()) // the queue picks them; show which the first free ones would be
        for (int i = 0; i < std::min<int>(m_anyCount->value(), int(m_gpuNames.size())); ++i)
            first.gpus << i;
    return launch::shellCommand(QCoreApplication::applicationFilePath(), first);
}

QString LauncherView::diffText() const { return m_diff->toPlainText(); }
QString LauncherView::errorText() const { return m_error->text(); }
bool LauncherView::canQueue() const { return m_queueButton->isEnabled(); }

void LauncherView::refresh()
{
    if (m_replanning)
        return;
    QStringList diff;
    for (const QString &o : m_form->overrides())
        diff << QStringLiteral("--set ") + launch::shellQuote(o);
    m_diff->setPlainText(diff.join(QLatin1Char('\n')));
    m_slurmBox->setVisible(m_slurm->isChecked());
    m_nproc->setEnabled(!m_slurm->isChecked());
    m_share->setEnabled(m_gpus->isChecked() || m_anyGpus->isChecked());

    QString error;
    const QStringList common = commonOverrides(&error);
    const QList<launch::LaunchSpec> specs = error.isEmpty() ? plannedSpecs() : QList<launch::LaunchSpec>();
    if (error.isEmpty() && specs.isEmpty())
        error = tr("No run is ticked.");
    QSet<QString> names;
    for (const launch::LaunchSpec &s : specs) {
        if (!error.isEmpty())
            break;
        if (auto st = train::checkRunName(s.name); !st)
            error = st.error().message;
        else if (names.contains(s.name))
            error = tr("Two runs are named '%1'.").arg(s.name);
        else if (m_runNames.contains(s.name))
            error = tr("A run named '%1' exists in the workspace: choose another name or prefix.").arg(s.name);
        names.insert(s.name);
        if (error.isEmpty()) {
            // Each run's whole config, as `train` will build it, is checked before anything starts.
            train::RunConfig c;
            Status st = c.applyOverrides(s.overrides);
            if (st)
                st = c.validate();
            if (!st)
                error = tr("%1: %2").arg(s.name, st.error().message);
        }
    }
    if (error.isEmpty() && m_gpus->isChecked() && specs.first().gpus.isEmpty())
        error = tr("Tick the GPUs the runs should use.");
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_command->setPlainText(error.isEmpty() || !specs.isEmpty() ? commandLine() : QString());
    const bool ok = error.isEmpty();
    m_queueButton->setText(tr("Queue %n Run(s)", nullptr, int(specs.size())));
    m_queueButton->setVisible(!m_slurm->isChecked());
    m_slurmButton->setVisible(m_slurm->isChecked());
    m_queueButton->setEnabled(ok && !m_slurm->isChecked() && !m_workspace.isEmpty());
    m_slurmButton->setEnabled(ok && m_slurm->isChecked() && !m_workspace.isEmpty());
    (void)common;
}

void LauncherView::queue()
{
    refresh();
    if (!canQueue())
        return;
    emit queueRequested(plannedSpecs(), gpuCount());
}

void LauncherView::setPrefix(const QString &prefix) { m_prefix->setText(prefix); }
void LauncherView::setLadder(bool table4) { m_ladder->setCurrentIndex(table4 ? 1 : 0); }
void LauncherView::setSweep(int row, const QString &key, const QString &values)
{
    if (row < 0 || row > 1)
        return;
    m_sweepKey[row]->setCurrentText(key);
    m_sweepValues[row]->setText(values);
}
void LauncherView::setSeeds(int seeds) { m_seeds->setValue(seeds); }
void LauncherView::setPlacement(Placement p)
{
    (p == Placement::Cpu       ? m_cpu
     : p == Placement::Gpus    ? m_gpus
     : p == Placement::AnyGpus ? m_anyGpus
                               : m_slurm)
        ->setChecked(true);
}
void LauncherView::setGpuChecked(int gpu, bool checked)
{
    if (gpu >= 0 && gpu < m_gpuChecks.size())
        m_gpuChecks[gpu]->setChecked(checked);
}
void LauncherView::setRanks(int nproc) { m_nproc->setValue(nproc); }
void LauncherView::setIncluded(int row, bool included)
{
    if (row >= 0 && row < m_runs->rowCount())
        m_runs->item(row, ColName)->setCheckState(included ? Qt::Checked : Qt::Unchecked);
}
void LauncherView::renameRun(int row, const QString &name)
{
    if (row >= 0 && row < m_runs->rowCount())
        m_runs->item(row, ColName)->setText(name);
}

launch::SlurmOptions LauncherView::slurmOptions() const
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

void LauncherView::setSlurmOptions(const launch::SlurmOptions &o)
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

QStringList LauncherView::writeSlurmScripts()
{
    refresh();
    if (!m_slurmButton->isEnabled())
        return {};
    const launch::SlurmOptions o = slurmOptions();
    QStringList written;
    for (launch::LaunchSpec s : plannedSpecs()) {
        s.nproc = 1; // Slurm places the ranks
        s.gpus.clear();
        const QString dir = QDir(m_workspace).filePath(QStringLiteral("runs/") + s.name);
        const QString host =
            m_rdzvHost->text().trimmed().isEmpty() ? QStringLiteral("localhost") : m_rdzvHost->text().trimmed();
        const QList<QPair<QString, QString>> files{
            {dir + QStringLiteral("/slurm.sbatch"), launch::slurmScript(s, o)},
            {dir + QStringLiteral("/torchrun.sh"),
             QStringLiteral(
                 "#!/bin/bash\n# Written by AVT Workbench for run '%1': run it on each of the %2 node(s).\n%3\n")
                 .arg(s.name)
                 .arg(o.nodes)
                 .arg(launch::torchrunCommand(s, o, host))}};
        for (const auto &[path, text] : files) {
            QFile f(path);
            if (!QDir().mkpath(dir) || !f.open(QIODevice::WriteOnly | QIODevice::Truncate)
                || f.write(text.toUtf8()) != text.toUtf8().size()) {
                m_error->setText(tr("Cannot write %1: %2").arg(path, f.errorString()));
                m_error->show();
                return {};
            }
            f.setPermissions(f.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther);
            written << path;
        }
    }
    m_written->setText(tr("Written: %1. Submit with sbatch on the cluster.")
                           .arg(QDir::toNativeSeparators(written.join(QStringLiteral(", ")))));
    return written;
}

} // namespace avt::widgets
