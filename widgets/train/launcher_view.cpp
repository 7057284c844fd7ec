#include "widgets/train/launcher_view.h"

#include "core/store/dataset_store.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "core/train/ablation.h"
#include "core/train/run_config.h"
#include "model/config/model_config.h"
#include "widgets/common/background.h"
#include "widgets/train/cache_panel.h"
#include "widgets/train/config_form.h"
#include "widgets/train/placement_box.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace avt::widgets {

namespace {

enum RunColumn { ColName, ColLabel, ColSeed, ColSettings, ColCount };
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

    col->addWidget(buildStartBox(column));
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
    col->addWidget(buildRunsBox(column));
    m_where = new PlacementBox(column);
    connect(m_where, &PlacementBox::changed, this, &LauncherView::refresh);
    col->addWidget(m_where);
    m_cache = new ClipCachePanel(column);
    col->addWidget(m_cache);
    col->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(column);
    scroll->setFrameShape(QFrame::NoFrame);

    // Errors and the buttons, below the scrolled column so that they stay in sight.
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(scroll, 1);
    m_error = new QLabel(right);
    m_error->setObjectName(QStringLiteral("launcherError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c82828;"));
    rightLayout->addWidget(m_error);
    m_written = new QLabel(right);
    m_written->setObjectName(QStringLiteral("launcherWritten"));
    m_written->setWordWrap(true);
    m_written->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rightLayout->addWidget(m_written);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_slurmButton = new QPushButton(tr("Write Slurm Scripts…"), right);
    m_slurmButton->setObjectName(QStringLiteral("launcherWriteSlurm"));
    m_slurmButton->setToolTip(tr("Write runs/<name>/slurm.sbatch and torchrun.sh for each run"));
    m_queueButton = new QPushButton(right);
    m_queueButton->setObjectName(QStringLiteral("launcherQueue"));
    m_queueButton->setDefault(true);
    buttons->addWidget(m_slurmButton);
    buttons->addWidget(m_queueButton);
    rightLayout->addLayout(buttons);
    right->setMinimumWidth(440);
    connect(m_queueButton, &QPushButton::clicked, this, &LauncherView::queue);
    connect(m_slurmButton, &QPushButton::clicked, this, [this] { writeSlurmScripts(); });

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_form);
    split->addWidget(right);
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

// The base (a preset or a stored run) and the dataset.
QWidget *LauncherView::buildStartBox(QWidget *parent)
{
    auto *baseBox = new QGroupBox(tr("Start from"), parent);
    auto *baseLayout = new QVBoxLayout(baseBox);
    m_base = new QComboBox(baseBox);
    m_base->setObjectName(QStringLiteral("launcherBase"));
    m_base->setToolTip(tr("A model preset with the default settings, or a stored run's whole config (run again "
                          "with changes)"));
    m_dataset = new QComboBox(baseBox);
    m_dataset->setObjectName(QStringLiteral("launcherDataset"));
    m_dataset->setToolTip(tr("The workspace dataset the runs train on (run.dataset)"));
    m_dataset->setPlaceholderText(tr("Choose a dataset"));
    auto *baseForm = new QFormLayout;
    baseForm->addRow(tr("Base:"), m_base);
    baseForm->addRow(tr("Dataset:"), m_dataset);
    baseLayout->addLayout(baseForm);
    connect(m_dataset, &QComboBox::currentTextChanged, this, [this](const QString &name) {
        if (!name.isEmpty())
            m_form->setValue(QStringLiteral("run.dataset"), name);
    });
    return baseBox;
}

// The expansion into runs: name prefix, ladder, sweeps, seeds, and the list of runs.
QWidget *LauncherView::buildRunsBox(QWidget *parent)
{
    auto *runsBox = new QGroupBox(tr("Runs to queue"), parent);
    auto *runsLayout = new QVBoxLayout(runsBox);
    auto *plan = m_plan = new QFormLayout;
    m_prefix = new QLineEdit(runsBox);
    m_prefix->setObjectName(QStringLiteral("launcherPrefix"));
    m_prefix->setToolTip(tr("Run name, or the prefix of the names of a ladder, sweep or seeds"));
    plan->addRow(tr("Name / prefix:"), m_prefix);
    m_ladder = new QComboBox(runsBox);
    m_ladder->addItem(tr("None"), QStringLiteral("none"));
    m_ladder->addItem(tr("Table 4 ladder (8 rungs)"), QStringLiteral("table4"));
    plan->addRow(tr("Ladder:"), m_ladder);
    // Up to two swept keys: the second makes a grid with the first.
    for (int i = 0; i < 2; ++i) {
        m_sweepRow[i] = new QWidget(runsBox);
        auto *row = new QHBoxLayout(m_sweepRow[i]);
        row->setContentsMargins(0, 0, 0, 0);
        m_sweepKey[i] = new QComboBox(m_sweepRow[i]);
        m_sweepKey[i]->setObjectName(QStringLiteral("launcherSweepKey%1").arg(i));
        m_sweepKey[i]->setEditable(true);
        m_sweepKey[i]->addItem(QString());
        m_sweepKey[i]->addItems(m_form->keys());
        m_sweepKey[i]->setMinimumContentsLength(14);
        m_sweepKey[i]->setToolTip(tr("The config key to sweep"));
        m_sweepValues[i] = new QLineEdit(m_sweepRow[i]);
        m_sweepValues[i]->setObjectName(QStringLiteral("launcherSweepValues%1").arg(i));
        m_sweepValues[i]->setPlaceholderText(tr("values, comma-separated"));
        row->addWidget(m_sweepKey[i], 1);
        row->addWidget(m_sweepValues[i], 1);
        if (i == 0) {
            plan->addRow(tr("Sweep:"), m_sweepRow[i]);
            m_addSweep = new QPushButton(tr("Add Sweep Key"), runsBox);
            m_addSweep->setToolTip(tr("Sweep a second key: every combination of the two (a grid)"));
            plan->addRow(QString(), m_addSweep);
            connect(m_addSweep, &QPushButton::clicked, this, [this] { showSweepRow(true); });
        } else {
            auto *remove = new QPushButton(tr("Remove"), m_sweepRow[i]);
            remove->setToolTip(tr("Sweep the first key only"));
            row->addWidget(remove);
            plan->addRow(tr("Grid with:"), m_sweepRow[i]);
            connect(remove, &QPushButton::clicked, this, [this] { showSweepRow(false); });
        }
        connect(m_sweepKey[i], &QComboBox::currentTextChanged, this, &LauncherView::replan);
        connect(m_sweepValues[i], &QLineEdit::textChanged, this, &LauncherView::replan);
    }
    plan->setRowVisible(m_sweepRow[1], false);
    m_seeds = new QSpinBox(runsBox);
    m_seeds->setRange(1, 50);
    m_seeds->setToolTip(tr("Seeds per configuration: run.seed, run.seed + 1, ..."));
    plan->addRow(tr("Seeds:"), m_seeds);
    runsLayout->addLayout(plan);
    m_runs = new QTableWidget(0, ColCount, runsBox);
    m_runs->setObjectName(QStringLiteral("launcherRuns"));
    m_runs->setHorizontalHeaderLabels({tr("Run"), tr("Label"), tr("Seed"), tr("Settings")});
    m_runs->verticalHeader()->hide();
    m_runs->horizontalHeader()->setStretchLastSection(true);
    m_runs->setMinimumHeight(140);
    m_runs->setWordWrap(false);
    m_runs->verticalHeader()->setDefaultSectionSize(m_runs->fontMetrics().height() + 8);
    m_runs->setToolTip(tr("Untick a run to leave it out; double-click a name to change it"));
    runsLayout->addWidget(m_runs);
    connect(m_prefix, &QLineEdit::textChanged, this, &LauncherView::replan);
    connect(m_ladder, &QComboBox::currentIndexChanged, this, &LauncherView::replan);
    connect(m_seeds, &QSpinBox::valueChanged, this, &LauncherView::replan);
    connect(m_runs, &QTableWidget::itemChanged, this, [this] {
        if (!m_replanning)
            refresh();
    });
    return runsBox;
}

// Where the runs go: this machine's CPU or GPUs, or a Slurm cluster.
void LauncherView::setWorkspace(const QString &folder)
{
    m_workspace = folder;
    const int generation = ++m_generation;
    m_loaded = false;
    m_loadError.clear();
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
                     if (auto d = store::listDatasets((*ws)->db()); !d)
                         l.error = d.error().message;
                     else
                         for (const store::DatasetInfo &info : *d)
                             l.datasets << info.name;
                     if (auto r = store::listRuns((*ws)->db()); !r)
                         l.error = r.error().message;
                     else
                         for (const store::RunInfo &run : *r)
                             l.runs.append({run.name, run.config});
                     return l;
                 }),
                 [this, generation](const Loaded &l) {
                     if (generation != m_generation)
                         return;
                     m_loaded = true;
                     m_loadError = l.error;
                     m_storedRuns = l.runs;
                     m_runNames.clear();
                     for (const StoredRun &r : l.runs)
                         m_runNames.insert(r.name);
                     const QStringList chosen = m_base->currentData().toStringList();
                     {
                         QSignalBlocker block(m_base);
                         while (m_base->count() > int(model::ModelConfig::presetNames().size()))
                             m_base->removeItem(m_base->count() - 1);
                         for (const StoredRun &r : l.runs)
                             m_base->addItem(tr("Run: %1").arg(r.name), QStringList{QStringLiteral("run"), r.name});
                         m_base->setCurrentIndex(std::max(0, m_base->findData(chosen)));
                     }
                     datasetsLoaded(l.datasets);
                     if (m_base->currentData().toStringList() != chosen)
                         baseChosen(); // that run is not in this workspace
                     if (!m_pendingRun.isEmpty())
                         startFromRun(std::exchange(m_pendingRun, QString()));
                     refresh();
                     emit workspaceLoaded();
                 });
}

void LauncherView::datasetsLoaded(const QStringList &datasets)
{
    m_form->setDatasets(datasets);
    {
        QSignalBlocker block(m_dataset);
        m_dataset->clear();
        m_dataset->addItems(datasets);
        m_dataset->setCurrentIndex(m_dataset->findText(m_form->value(QStringLiteral("run.dataset"))));
    }
    if (datasets.isEmpty() || !m_form->value(QStringLiteral("run.dataset")).isEmpty())
        return;
    // No dataset chosen yet: the first one, as part of the base while nothing was changed.
    if (m_form->overrides().isEmpty())
        baseChosen();
    else
        m_form->setValue(QStringLiteral("run.dataset"), datasets.first());
}

void LauncherView::setGpus(const QStringList &names) { m_where->setGpus(names); }

void LauncherView::setProgram(const QString &program)
{
    m_programPath = program;
    if (m_cache)
        m_cache->setProgram(program);
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
    if (i < 0 && !m_loaded) {
        m_pendingRun = runName; // the runs are still being read
        return;
    }
    if (i < 0) {
        m_baseError = tr("No run named '%1' in this workspace.").arg(runName);
        refresh();
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
    m_baseError.clear();
    train::RunConfig base;
    if (data.value(0) == QLatin1String("run")) {
        for (const StoredRun &r : m_storedRuns)
            if (r.name == data.value(1)) {
                auto cfg = train::RunConfig::fromJson(r.config, tr("run '%1'").arg(r.name));
                if (!cfg) {
                    m_baseError = cfg.error().message; // the form keeps the previous base
                    refresh();
                    return;
                }
                base = *cfg;
            }
        (void)base.set(QStringLiteral("run.name"), QString());
    } else if (!data.isEmpty()) {
        (void)base.set(QStringLiteral("model.preset"), data.value(1));
    }
    // A preset base trains on the dataset chosen (a stored run keeps its own).
    QString dataset = m_form->value(QStringLiteral("run.dataset"));
    if (dataset.isEmpty() && m_dataset->count() > 0)
        dataset = m_dataset->itemText(0);
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
        // The plan gives the name and the seed.
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
    m_sweepError.clear();
    for (int i = 0; i < 2; ++i) {
        const QString key = m_sweepKey[i]->currentText().trimmed(), values = m_sweepValues[i]->text().trimmed();
        if (key.isEmpty() || values.isEmpty())
            continue;
        auto sweep = train::parseSweep(key + QLatin1Char('=') + values);
        if (!sweep)
            m_sweepError = sweep.error().message;
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
        const QStringList texts{QString(), p.label, QString::number(p.seed), p.settings.join(QLatin1Char(' '))};
        for (int c = ColLabel; c < ColCount; ++c) {
            auto *item = new QTableWidgetItem(texts[c]);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            if (c == ColSettings)
                item->setToolTip(p.settings.join(QLatin1Char('\n')));
            m_runs->setItem(r, c, item);
        }
    }
    m_runs->resizeColumnsToContents();
    m_replanning = false;
    refresh();
}

void LauncherView::showSweepRow(bool shown)
{
    if (!shown) {
        QSignalBlocker blockKey(m_sweepKey[1]), blockValues(m_sweepValues[1]);
        m_sweepKey[1]->setCurrentIndex(0);
        m_sweepValues[1]->clear();
    }
    m_plan->setRowVisible(m_sweepRow[1], shown);
    m_plan->setRowVisible(m_addSweep, !shown);
    replan();
}

QList<launch::LaunchSpec> LauncherView::plannedSpecs() const
{
    QString error;
    const QStringList common = commonOverrides(&error);
    QList<launch::LaunchSpec> specs;
    if (!error.isEmpty())
        return specs;
    const QString dataset = m_form->value(QStringLiteral("run.dataset")).trimmed();
    const QList<int> gpus = m_where->checkedGpus();
    const bool onGpus = m_where->placement() == Placement::Gpus;
    for (int r = 0; r < m_runs->rowCount(); ++r) {
        const QTableWidgetItem *item = m_runs->item(r, ColName);
        if (item->checkState() != Qt::Checked)
            continue;
        launch::LaunchSpec s;
        s.workspace = m_workspace;
        s.name = item->text().trimmed();
        const QStringList settings = item->data(kSettingsRole).toStringList();
        // The --set lines alone give the whole config; --dataset repeats run.dataset for the
        // queue and the reader, and is left out when a sweep sets run.dataset (`train` applies
        // it after the --set lines).
        const bool swept = std::any_of(settings.begin(), settings.end(),
                                       [](const QString &kv) { return kv.startsWith(QLatin1String("run.dataset=")); });
        s.dataset = swept ? QString() : dataset;
        s.overrides = common + settings;
        s.overrides << QStringLiteral("run.seed=%1").arg(item->data(kSeedRole).toLongLong());
        s.nproc = m_where->ranks();
        if (onGpus)
            s.gpus = gpus;
        s.shareGpus = m_where->shareGpus();
        specs << s;
    }
    return specs;
}

int LauncherView::gpuCount() const { return m_where->anyCount(); }

QString LauncherView::commandLine() const { return commandFor(plannedSpecs()); }

QString LauncherView::commandFor(const QList<launch::LaunchSpec> &specs) const
{
    if (specs.isEmpty())
        return QString();
    launch::LaunchSpec first = specs.first();
    // Any free GPUs: the queue picks them; show which the first free ones would be.
    for (int i = 0; i < std::min<int>(m_where->anyCount(), int(m_where->gpuNames().size())); ++i)
        first.gpus << i;
    return launch::shellCommand(m_programPath.isEmpty() ? QCoreApplication::applicationFilePath() : m_programPath,
                                first);
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
    {
        QSignalBlocker block(m_dataset);
        m_dataset->setCurrentIndex(m_dataset->findText(m_form->value(QStringLiteral("run.dataset"))));
    }
    const bool slurm = m_where->placement() == Placement::Slurm;
    const QList<launch::LaunchSpec> specs = plannedSpecs();
    const QString error = plannedError(specs);
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_command->setPlainText(commandFor(specs));
    m_queueButton->setText(tr("Queue %n Run(s)", nullptr, int(specs.size())));
    m_queueButton->setVisible(!slurm);
    m_slurmButton->setVisible(slurm);
    m_queueButton->setEnabled(error.isEmpty() && !slurm);
    m_slurmButton->setEnabled(error.isEmpty() && slurm);
    // The cache the first run would read; it can be prepared before the runs are queued (a name
    // that is taken does not matter to it).
    if (!m_cache)
        return;
    launch::LaunchSpec first = specs.value(0);
    first.workspace = m_workspace;
    QString clusterCommand;
    if (slurm && !specs.isEmpty()) {
        // What the Slurm scripts run reads the cluster's workspace: prepare it there.
        const launch::SlurmOptions o = slurmOptions();
        launch::LaunchSpec remote = first;
        if (!o.workspace.isEmpty())
            remote.workspace = o.workspace;
        QStringList words{launch::shellQuote(o.program.isEmpty() ? QStringLiteral("avt-workbench") : o.program),
                          QStringLiteral("--batch")};
        const QStringList args = launch::prepareArguments(remote);
        for (const QString &a : args.mid(0, args.size() - 2)) // not --progress json
            words << launch::shellQuote(a);
        clusterCommand = words.join(QLatin1Char(' '));
    }
    m_cache->setClusterCommand(clusterCommand);
    m_cache->setSpec(first, !m_workspace.isEmpty() && m_loaded && m_loadError.isEmpty() && m_baseError.isEmpty()
                                && m_form->isValid() && m_sweepError.isEmpty() && !specs.isEmpty());
}

QString LauncherView::plannedError(const QList<launch::LaunchSpec> &specs) const
{
    if (m_workspace.isEmpty())
        return tr("Open a workspace to queue runs.");
    if (!m_loadError.isEmpty())
        return m_loadError;
    if (!m_loaded)
        return tr("Reading the workspace…");
    if (!m_baseError.isEmpty())
        return m_baseError;
    if (!m_form->isValid())
        return m_form->firstError();
    if (!m_sweepError.isEmpty())
        return m_sweepError;
    if (specs.isEmpty()) // (an invalid form, the only way commonOverrides() fails, is handled above)
        return tr("No run is ticked.");
    QSet<QString> names;
    for (const launch::LaunchSpec &s : specs) {
        if (auto st = train::checkRunName(s.name); !st)
            return st.error().message;
        if (names.contains(s.name))
            return tr("Two runs are named '%1': rename one.").arg(s.name);
        if (m_runNames.contains(s.name))
            return tr("A run named '%1' exists in the workspace: choose another name or prefix.").arg(s.name);
        names.insert(s.name);
        // Each run's whole config, as `train` will build it, is checked before anything starts.
        train::RunConfig c;
        Status st = c.applyOverrides(s.overrides);
        if (st && !s.dataset.isEmpty())
            st = c.set(QStringLiteral("run.dataset"), s.dataset);
        if (st)
            st = c.validate();
        if (!st)
            return tr("%1: %2").arg(s.name, st.error().message);
        const QString dataset = c.text(QStringLiteral("run.dataset"));
        if (dataset.isEmpty())
            return tr("Choose the dataset the runs train on (import one into the workspace first).");
        if (m_dataset->findText(dataset) < 0)
            return tr("%1: the workspace has no dataset named '%2'.").arg(s.name, dataset);
    }
    if (const QString where = m_where->error(); !where.isEmpty())
        return where;
    if (m_where->placement() == Placement::Gpus && specs.first().gpus.isEmpty())
        return tr("Tick the GPUs the runs should use.");
    return QString();
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
    if (row == 1 && !key.isEmpty())
        showSweepRow(true);
    m_sweepKey[row]->setCurrentText(key);
    m_sweepValues[row]->setText(values);
}
void LauncherView::setSeeds(int seeds) { m_seeds->setValue(seeds); }
void LauncherView::setPlacement(Placement p) { m_where->setPlacement(p); }
void LauncherView::setGpuChecked(int gpu, bool checked) { m_where->setGpuChecked(gpu, checked); }
void LauncherView::setRanks(int nproc) { m_where->setRanks(nproc); }
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

launch::SlurmOptions LauncherView::slurmOptions() const { return m_where->slurmOptions(); }
void LauncherView::setSlurmOptions(const launch::SlurmOptions &o) { m_where->setSlurmOptions(o); }

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
        const QString host = m_where->rendezvousHost();
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
                m_written->setText(tr("Cannot write %1: %2").arg(path, f.errorString()));
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
