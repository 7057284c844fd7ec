#include "widgets/compare/compare_view.h"

#include "core/store/workspace.h"
#include "widgets/common/background.h"
#include "widgets/compare/config_diff_tab.h"
#include "widgets/compare/curve_plot.h"
#include "widgets/compare/evaluation_tab.h"
#include "widgets/compare/ladder_tab.h"
#include "widgets/compare/run_colours.h"
#include "widgets/compare/runs_filter_model.h"
#include "widgets/compare/runs_model.h"
#include "widgets/compare/summary_tab.h"
#include "widgets/compare/table_export.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSet>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace avt::widgets {

namespace {

constexpr int kMaxAutoConfigColumns = 16;

// Keys with a column of their own (or the name) are never config columns.
bool hasOwnColumn(const QString &key)
{
    return key == QLatin1String("run.name") || key == QLatin1String("run.dataset")
           || key == QLatin1String("model.preset");
}

// Metric columns when none were chosen: all of a few, else the evaluation metrics and the
// training loss.
QStringList defaultMetrics(const QStringList &ids)
{
    if (ids.size() <= 4)
        return ids;
    QStringList out;
    for (const QString &id : ids)
        if (compare::metricSplit(id) != QLatin1String("train") || id == QLatin1String("train/loss"))
            out.append(id);
    return out.isEmpty() ? ids.mid(0, 4) : out;
}

// What the worker prepares: the records and what would take the GUI thread long to compute
// from a thousand of them.
struct Loaded {
    QList<compare::RunRecord> records;
    QStringList differing;           // config keys that differ among all runs
    QList<compare::RunGroup> seeds;  // all runs with seeds collapsed
    std::vector<QString> configText; // the filter's text of each run
};
using LoadResult = std::shared_ptr<Result<Loaded>>;
using StepValues = std::shared_ptr<Result<QHash<int, QHash<QString, double>>>>;

} // namespace

CompareView::CompareView(QWidget *parent)
    : QWidget(parent), m_model(new RunsModel(this)), m_proxy(new RunsFilterModel(this)), m_filter(new QLineEdit(this)),
      m_regex(new QCheckBox(tr("Regex"), this)), m_status(new QComboBox(this)), m_dataset(new QComboBox(this)),
      m_group(new QComboBox(this)), m_colour(new QComboBox(this)), m_values(new QComboBox(this)),
      m_step(new QSpinBox(this)), m_columns(new QToolButton(this)), m_export(new QToolButton(this)),
      m_tree(new QTreeView(this)), m_count(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_curves(new CurvePlot(this)), m_configDiff(new ConfigDiffTab(this)), m_summary(new SummaryTab(this)),
      m_evaluation(new EvaluationTab(this)), m_ladder(new LadderTab(this)), m_selectionTimer(new QTimer(this))
{
    m_proxy->setRunsModel(m_model);
    m_selectionTimer->setSingleShot(true);
    m_selectionTimer->setInterval(0);
    connect(m_selectionTimer, &QTimer::timeout, this, &CompareView::pushSelection);
    connect(m_model, &RunsModel::checkedChanged, this, &CompareView::scheduleSelection);
    connect(m_model, &RunsModel::checkedChanged, this, &CompareView::updateCount);

    buildFilterBar();
    buildTabs();

    m_tree->setObjectName(QStringLiteral("runsTree"));
    m_tree->setModel(m_proxy);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(-1, Qt::AscendingOrder); // the records' order until a header is clicked
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionsMovable(true);
    m_tree->header()->setResizeContentsPrecision(200);
    m_tree->setToolTip(tr("Tick runs to plot and compare them; click a header to sort"));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QGridLayout;
    bar->addWidget(m_filter, 0, 0, 1, 4);
    bar->addWidget(m_regex, 0, 4);
    bar->addWidget(m_status, 0, 5);
    bar->addWidget(m_dataset, 0, 6);
    bar->addWidget(new QLabel(tr("Group:"), left), 1, 0);
    bar->addWidget(m_group, 1, 1);
    bar->addWidget(new QLabel(tr("Colour:"), left), 1, 2);
    bar->addWidget(m_colour, 1, 3);
    auto *values = new QHBoxLayout;
    values->addWidget(m_values);
    values->addWidget(m_step);
    bar->addLayout(values, 1, 4, 1, 2);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_columns);
    buttons->addWidget(m_export);
    bar->addLayout(buttons, 1, 6);
    bar->setColumnStretch(1, 1);
    bar->setColumnStretch(3, 1);
    leftLayout->addLayout(bar);
    leftLayout->addWidget(m_tree, 1);
    leftLayout->addWidget(m_count);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("compareSplitter"));
    split->addWidget(left);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({800, 900});
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(split);
    updateCount();
}

CompareView::~CompareView() = default;

void CompareView::buildFilterBar()
{
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter: words of the name, key=value of the config"));
    m_filter->setToolTip(tr("Words must all match: a word with '=' matches a config entry (mode=avt), other "
                            "words the run name. With Regex: a regular expression on the name or a "
                            "key=value line of the config."));
    m_regex->setObjectName(QStringLiteral("regexCheck"));
    m_regex->setToolTip(tr("Read the filter as a regular expression"));
    m_status->setObjectName(QStringLiteral("statusCombo"));
    m_dataset->setObjectName(QStringLiteral("datasetCombo"));
    m_group->setObjectName(QStringLiteral("groupCombo"));
    m_group->setToolTip(tr("Collapse runs into groups: seeds of one configuration, or runs sharing a config value"));
    m_colour->setObjectName(QStringLiteral("colourCombo"));
    m_colour->setToolTip(tr("Colour runs by their name, or runs with the same config value alike"));
    for (QComboBox *box : {m_status, m_dataset, m_group, m_colour}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
    }
    m_values->setObjectName(QStringLiteral("valueCombo"));
    m_values->addItem(tr("Final"), int(RunsModel::ValueMode::Final));
    m_values->addItem(tr("Best"), int(RunsModel::ValueMode::Best));
    m_values->addItem(tr("At step"), int(RunsModel::ValueMode::AtStep));
    m_values->setToolTip(tr("Metric values: the last recorded, the best, or the last at or before a step"));
    m_step->setObjectName(QStringLiteral("stepSpin"));
    m_step->setRange(0, std::numeric_limits<int>::max());
    m_step->setAccelerated(true);
    m_step->setVisible(false);
    m_columns->setObjectName(QStringLiteral("columnsButton"));
    m_columns->setText(tr("Columns"));
    m_columns->setToolTip(tr("Choose the config keys and metrics shown"));
    m_columns->setPopupMode(QToolButton::InstantPopup);
    m_columns->setMenu(new QMenu(m_columns));
    connect(m_columns->menu(), &QMenu::aboutToShow, this, &CompareView::showColumnsMenu);
    m_export->setObjectName(QStringLiteral("exportRunsButton"));
    m_export->setText(tr("Export…"));
    m_export->setToolTip(tr("Save the runs table as shown as CSV, LaTeX or Markdown"));
    m_count->setObjectName(QStringLiteral("countLabel"));

    connect(m_filter, &QLineEdit::textChanged, this, [this] { setFilterText(m_filter->text(), m_regex->isChecked()); });
    connect(m_regex, &QCheckBox::toggled, this, [this] { setFilterText(m_filter->text(), m_regex->isChecked()); });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStatus(m_status->currentData().toString());
        updateCount();
    });
    connect(m_dataset, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setDataset(m_dataset->currentData().toString());
        updateCount();
    });
    connect(m_group, &QComboBox::activated, this, [this] {
        const QString data = m_group->currentData().toString();
        if (data.isEmpty())
            setGrouping(Grouping::None);
        else if (m_group->currentIndex() == 1)
            setGrouping(Grouping::Seeds);
        else
            setGrouping(Grouping::Key, data);
    });
    connect(m_colour, &QComboBox::activated, this, [this] { setColourKey(m_colour->currentData().toString()); });
    connect(m_values, &QComboBox::currentIndexChanged, this, &CompareView::applyValueMode);
    connect(m_step, &QSpinBox::editingFinished, this, &CompareView::applyValueMode);
    connect(m_export, &QToolButton::clicked, this,
            [this] { exportTableDialog(this, runsTable(), QStringLiteral("runs")); });
    fillKeyCombos();
}

void CompareView::buildTabs()
{
    m_tabs->setObjectName(QStringLiteral("compareTabs"));
    m_curves->setObjectName(QStringLiteral("curvesTab"));
    m_configDiff->setObjectName(QStringLiteral("configDiffTab"));
    m_summary->setObjectName(QStringLiteral("summaryTab"));
    m_evaluation->setObjectName(QStringLiteral("evaluationTab"));
    m_ladder->setObjectName(QStringLiteral("table4Tab"));
    m_tabs->addTab(m_curves, tr("Curves"));
    m_tabs->addTab(m_configDiff, tr("Config Diff"));
    m_tabs->addTab(m_summary, tr("Summary"));
    m_tabs->addTab(m_evaluation, tr("Evaluation"));
    m_tabs->addTab(m_ladder, tr("Table 4"));
    m_tabs->setTabToolTip(0, tr("Curves of the ticked runs (groups as mean and band)"));
    m_tabs->setTabToolTip(1, tr("The ticked runs' configs side by side"));
    m_tabs->setTabToolTip(2, tr("The ticked runs' metrics at a chosen point"));
    m_tabs->setTabToolTip(3, tr("Per-class accuracy, confusion matrix and multi-view re-scoring"));
    m_tabs->setTabToolTip(4, tr("The paper's Table 4 from a ladder of runs"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (QWidget *tab = m_tabs->currentWidget(); m_staleTabs.contains(tab))
            updateTab(tab);
    });
}

// --- loading -----------------------------------------------------------------------------------

void CompareView::setWorkspace(const QString &folder)
{
    m_workspace = folder;
    m_curves->setWorkspace(folder);
    m_seedGroups.clear();
    applyRecords(std::make_shared<const QList<compare::RunRecord>>(), {}, {});
    startLoading();
}

void CompareView::refresh()
{
    if (m_workspace.isEmpty() || m_loading)
        return;
    startLoading();
}

void CompareView::startLoading()
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    updateCount();
    Q_EMIT busyChanged(true, tr("Reading the runs"));
    const QString folder = m_workspace;
    whenFinished(this, runInBackground([folder]() -> LoadResult {
                     if (!store::Workspace::exists(folder))
                         return std::make_shared<Result<Loaded>>(
                             makeError(QStringLiteral("missing"),
                                       tr("%1: no workspace here").arg(QDir::toNativeSeparators(folder))));
                     auto ws = store::Workspace::open(folder);
                     if (!ws)
                         return std::make_shared<Result<Loaded>>(ws.error());
                     auto records = compare::loadRunRecords((*ws)->db());
                     if (!records)
                         return std::make_shared<Result<Loaded>>(records.error());
                     Loaded out;
                     out.records = std::move(*records);
                     out.differing = compare::differingKeys(out.records);
                     QList<int> all(out.records.size());
                     std::iota(all.begin(), all.end(), 0);
                     out.seeds = compare::groupSeeds(out.records, all);
                     out.configText.reserve(size_t(out.records.size()));
                     for (const compare::RunRecord &r : out.records)
                         out.configText.push_back(RunsModel::configTextOf(r));
                     return std::make_shared<Result<Loaded>>(std::move(out));
                 }),
                 [this, generation](const LoadResult &result) {
                     if (generation != m_generation)
                         return;
                     m_loading = false;
                     Q_EMIT busyChanged(false, QString());
                     if (!*result) {
                         m_count->setText(tr("Cannot read the runs: %1").arg(result->error().message));
                         Q_EMIT loaded(false, result->error().message);
                         return;
                     }
                     Loaded &l = **result;
                     m_seedGroups = std::move(l.seeds);
                     applyRecords(std::make_shared<const QList<compare::RunRecord>>(std::move(l.records)),
                                  std::move(l.differing), std::move(l.configText));
                     Q_EMIT loaded(true, QString());
                 });
}

void CompareView::applyRecords(RunRecords records, QStringList differing, std::vector<QString> configText)
{
    m_records = std::move(records);
    const QList<compare::RunRecord> &runs = *m_records;
    m_differingAll = std::move(differing);
    m_applying = true; // columns are fitted once, at the end
    // Filter choices from the runs, the current choice kept where it still exists.
    const auto refill = [](QComboBox *box, const QString &all, QStringList values) {
        const QString current = box->currentData().toString();
        values.removeDuplicates();
        values.removeAll(QString());
        values.sort();
        const QSignalBlocker block(box);
        box->clear();
        box->addItem(all, QString());
        for (const QString &v : values)
            box->addItem(v, v);
        box->setCurrentIndex(std::max(0, box->findData(current)));
    };
    QStringList statuses, datasets;
    for (const compare::RunRecord &r : runs) {
        statuses.append(r.status);
        datasets.append(r.dataset);
    }
    refill(m_status, tr("All statuses"), statuses);
    refill(m_dataset, tr("All datasets"), datasets);
    m_proxy->setStatus(m_status->currentData().toString());
    m_proxy->setDataset(m_dataset->currentData().toString());
    fillKeyCombos();

    const QStringList ids = compare::metricIds(runs);
    QStringList metrics;
    for (const QString &id : m_metricChoice)
        if (ids.contains(id))
            metrics.append(id);
    if (metrics.isEmpty())
        metrics = defaultMetrics(ids);

    m_model->setRecords(m_records, std::move(configText));
    m_model->setMetricColumns(metrics);
    m_curves->setMetricChoices(ids);
    updateConfigColumns();
    applyGrouping();
    applyValueMode();
    m_applying = false;
    fitColumns();
    m_ladder->setRecords(m_workspace, m_records);
    m_staleTabs = {m_curves, m_configDiff, m_summary, m_evaluation, m_ladder};
    updateTab(m_tabs->currentWidget());
    updateCount();
}

void CompareView::fillKeyCombos()
{
    // Group / colour by the keys that differ among the runs (a constant key groups nothing).
    QStringList keys;
    for (const QString &k : m_differingAll)
        if (k != QLatin1String("run.name"))
            keys.append(k);
    {
        const QSignalBlocker block(m_group);
        m_group->clear();
        m_group->addItem(tr("No grouping"), QString());
        m_group->addItem(tr("Seeds"), QStringLiteral("seeds"));
        m_group->setItemData(1, tr("Runs that differ only in run.seed form one row (mean ± std)"), Qt::ToolTipRole);
        for (const QString &k : keys)
            m_group->addItem(k, k);
        m_group->setCurrentIndex(m_grouping == Grouping::None ? 0
                                 : m_grouping == Grouping::Seeds
                                     ? 1
                                     : std::max(0, m_group->findData(m_groupKey, Qt::UserRole, Qt::MatchExactly)));
    }
    {
        const QSignalBlocker block(m_colour);
        m_colour->clear();
        m_colour->addItem(tr("By name"), QString());
        for (const QString &k : keys)
            m_colour->addItem(k, k);
        m_colour->setCurrentIndex(std::max(0, m_colour->findData(m_colourKey)));
    }
}

// --- the runs table ----------------------------------------------------------------------------

template <class F> void CompareView::keepingTreeState(F &&change)
{
    // Expanded groups (by label) and the scroll position survive a model reset.
    QSet<QString> expanded;
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const QModelIndex i = m_proxy->index(r, 0);
        if (m_tree->isExpanded(i))
            expanded.insert(i.data(RunsModel::SortRole).toString());
    }
    const int scroll = m_tree->verticalScrollBar()->value();
    change();
    if (!expanded.isEmpty())
        for (int r = 0; r < m_proxy->rowCount(); ++r) {
            const QModelIndex i = m_proxy->index(r, 0);
            if (expanded.contains(i.data(RunsModel::SortRole).toString()))
                m_tree->expand(i);
        }
    fitColumns();
    m_tree->verticalScrollBar()->setValue(scroll);
}

void CompareView::setGrouping(Grouping grouping, const QString &key)
{
    m_grouping = grouping;
    m_groupKey = grouping == Grouping::Key ? key : QString();
    {
        const QSignalBlocker block(m_group);
        m_group->setCurrentIndex(grouping == Grouping::None    ? 0
                                 : grouping == Grouping::Seeds ? 1
                                                               : std::max(0, m_group->findData(key)));
    }
    applyGrouping();
    scheduleSelection();
}

void CompareView::applyGrouping()
{
    QList<compare::RunGroup> groups;
    if (m_records && !m_records->isEmpty() && m_grouping != Grouping::None) {
        QList<int> all;
        all.reserve(m_records->size());
        for (int i = 0; i < int(m_records->size()); ++i)
            all.append(i);
        // Seeds of all runs were collapsed on the worker that read them.
        groups = m_grouping == Grouping::Seeds ? m_seedGroups : compare::groupBy(*m_records, all, {m_groupKey});
    }
    m_model->setGrouping(groups);
    m_tree->setRootIsDecorated(m_model->isGrouped());
    applyColours();
    fitColumns();
    updateCount();
}

void CompareView::setColourKey(const QString &key)
{
    m_colourKey = key;
    {
        const QSignalBlocker block(m_colour);
        m_colour->setCurrentIndex(std::max(0, m_colour->findData(key)));
    }
    applyColours();
    scheduleSelection();
}

void CompareView::applyColours()
{
    const int n = m_model->runCount();
    QList<QColor> runs, groups;
    runs.reserve(n);
    if (!m_colourKey.isEmpty()) {
        QStringList values;
        values.reserve(n);
        for (int i = 0; i < n; ++i)
            values.append(m_model->record(i).config.value(m_colourKey));
        runs = colourOfValues(values);
        for (const compare::RunGroup &g : m_model->groups())
            groups.append(runs.value(g.members.value(0)));
    } else if (m_model->isGrouped()) {
        // By the group's label; groups with ticked runs (drawn together) get distinct colours.
        QStringList labels;
        QList<bool> ticked;
        for (const compare::RunGroup &g : m_model->groups()) {
            labels.append(g.label);
            ticked.append(
                std::any_of(g.members.cbegin(), g.members.cend(), [this](int i) { return m_model->isChecked(i); }));
        }
        groups = colourOfNames(labels, ticked);
        for (int i = 0; i < n; ++i)
            runs.append(QColor());
        for (int g = 0; g < int(m_model->groups().size()); ++g)
            for (int i : m_model->groups()[g].members)
                runs[i] = groups[g];
    } else {
        QStringList names;
        QList<bool> ticked;
        for (int i = 0; i < n; ++i) {
            names.append(m_model->record(i).info.name);
            ticked.append(m_model->isChecked(i));
        }
        runs = colourOfNames(names, ticked);
    }
    m_model->setColours(runs, groups);
}

void CompareView::fitColumns()
{
    if (m_applying)
        return;
    // To the contents of the rows in view (a few hundred measured at most), within limits.
    m_tree->header()->resizeSections(QHeaderView::ResizeToContents);
    m_tree->setColumnWidth(0, std::clamp(m_tree->columnWidth(0), 240, 420));
    for (int c = 1; c < m_model->columnCount(); ++c)
        m_tree->setColumnWidth(c, std::min(m_tree->columnWidth(c), 240));
}

void CompareView::applyValueMode()
{
    const auto mode = RunsModel::ValueMode(m_values->currentData().toInt());
    m_step->setVisible(mode == RunsModel::ValueMode::AtStep);
    m_model->setValueMode(mode, m_step->value());
    if (mode != RunsModel::ValueMode::AtStep || !m_records || m_records->isEmpty())
        return;
    // Values at a step come from the metrics table: read on a worker, then handed to the model.
    const quint64 generation = ++m_stepGeneration;
    const QString folder = m_workspace;
    const RunRecords records = m_records;
    const QStringList ids = m_model->metricColumns();
    compare::SummarySpec spec;
    spec.at = compare::SummaryAt::Step;
    spec.step = m_step->value();
    Q_EMIT busyChanged(true, tr("Reading values at step %1").arg(spec.step));
    whenFinished(this, runInBackground([folder, records, ids, spec]() -> StepValues {
                     using Values = QHash<int, QHash<QString, double>>;
                     auto ws = store::Workspace::open(folder);
                     if (!ws)
                         return std::make_shared<Result<Values>>(ws.error());
                     Values out;
                     for (int i = 0; i < int(records->size()); ++i) {
                         auto v = compare::summarize((*ws)->db(), records->at(i), ids, spec);
                         if (!v)
                             return std::make_shared<Result<Values>>(v.error());
                         out.insert(i, v->values);
                     }
                     return std::make_shared<Result<Values>>(std::move(out));
                 }),
                 [this, generation, records](const StepValues &values) {
                     Q_EMIT busyChanged(false, QString());
                     if (generation != m_stepGeneration || records != m_records)
                         return;
                     if (!*values) {
                         m_count->setText(tr("Cannot read the values: %1").arg(values->error().message));
                         return;
                     }
                     m_model->setStepValues(**values);
                 });
}

void CompareView::updateConfigColumns()
{
    QStringList keys;
    if (m_autoConfig && m_records) {
        const QList<int> ticked = m_model->checkedRuns();
        QList<const compare::RunRecord *> runs;
        for (int i : ticked)
            runs.append(&m_records->at(i));
        for (const QString &k : ticked.size() >= 2 ? compare::differingKeys(runs) : m_differingAll)
            if (!hasOwnColumn(k) && keys.size() < kMaxAutoConfigColumns)
                keys.append(k);
    }
    for (const QString &k : m_pinnedConfig)
        if (!keys.contains(k))
            keys.append(k);
    if (keys == m_model->configColumns())
        return;
    keepingTreeState([&] { m_model->setConfigColumns(keys); });
}

void CompareView::setConfigColumns(const QStringList &keys, bool automatic)
{
    m_pinnedConfig = keys;
    m_autoConfig = automatic;
    updateConfigColumns();
}

void CompareView::setMetricColumns(const QStringList &metricIds)
{
    m_metricChoice = metricIds;
    keepingTreeState([&] { m_model->setMetricColumns(metricIds); });
    applyValueMode();
    scheduleSelection();
}

void CompareView::showColumnsMenu()
{
    QMenu *menu = m_columns->menu();
    menu->clear();
    if (!m_records || m_records->isEmpty()) {
        menu->addAction(tr("No runs"))->setEnabled(false);
        return;
    }
    menu->addSection(tr("Metrics"));
    const QStringList shown = m_model->metricColumns();
    for (const QString &id : compare::metricIds(*m_records)) {
        QAction *a = menu->addAction(id);
        a->setCheckable(true);
        a->setChecked(shown.contains(id));
        connect(a, &QAction::toggled, this, [this, id](bool on) {
            QStringList ids = m_model->metricColumns();
            if (on)
                ids.append(id);
            else
                ids.removeAll(id);
            // Kept in the order of the metric list.
            QStringList ordered;
            for (const QString &m : compare::metricIds(*m_records))
                if (ids.contains(m))
                    ordered.append(m);
            setMetricColumns(ordered);
        });
    }
    menu->addSection(tr("Config keys"));
    QAction *automatic = menu->addAction(tr("Keys that differ among the ticked runs"));
    automatic->setCheckable(true);
    automatic->setChecked(m_autoConfig);
    connect(automatic, &QAction::toggled, this, [this](bool on) { setConfigColumns(m_pinnedConfig, on); });
    QMenu *keys = menu->addMenu(tr("More keys"));
    QSet<QString> all;
    for (const compare::RunRecord &r : *m_records)
        for (auto it = r.config.cbegin(); it != r.config.cend(); ++it)
            all.insert(it.key());
    QStringList sorted(all.cbegin(), all.cend());
    sorted.sort();
    for (const QString &k : sorted) {
        if (hasOwnColumn(k))
            continue;
        QAction *a = keys->addAction(k);
        a->setCheckable(true);
        a->setChecked(m_pinnedConfig.contains(k));
        connect(a, &QAction::toggled, this, [this, k](bool on) {
            QStringList pinned = m_pinnedConfig;
            if (on)
                pinned.append(k);
            else
                pinned.removeAll(k);
            setConfigColumns(pinned, m_autoConfig);
        });
    }
}

void CompareView::setFilterText(const QString &text, bool regularExpression)
{
    if (m_filter->text() != text || m_regex->isChecked() != regularExpression) {
        const QSignalBlocker b1(m_filter), b2(m_regex);
        m_filter->setText(text);
        m_regex->setChecked(regularExpression);
    }
    m_proxy->setText(text, regularExpression);
    m_filter->setStyleSheet(m_proxy->isPatternValid() ? QString()
                                                      : QStringLiteral("QLineEdit { background: #f8d7da; }"));
    m_filter->setToolTip(m_proxy->isPatternValid() ? QString()
                                                   : tr("Not a regular expression: %1").arg(m_proxy->patternError()));
    updateCount();
}

void CompareView::setStatusFilter(const QString &status)
{
    m_status->setCurrentIndex(std::max(0, m_status->findData(status)));
}

void CompareView::setDatasetFilter(const QString &dataset)
{
    m_dataset->setCurrentIndex(std::max(0, m_dataset->findData(dataset)));
}

void CompareView::updateCount()
{
    if (m_loading && (!m_records || m_records->isEmpty())) {
        m_count->setText(tr("Reading the runs…"));
        return;
    }
    const int total = m_model->runCount();
    if (total == 0) {
        m_count->setText(m_workspace.isEmpty() ? tr("No workspace open.")
                                               : tr("No runs in this workspace yet: train one "
                                                    "(avt-workbench --batch train or ablate)."));
        return;
    }
    const int shown = int(m_proxy->visibleRuns().size());
    const int ticked = int(m_model->checkedRuns().size());
    QString text = tr("%1 of %n run(s) shown, %2 ticked", nullptr, total).arg(shown).arg(ticked);
    if (m_model->isGrouped())
        text += QStringLiteral(", ") + tr("%n group(s)", nullptr, int(m_model->groups().size()));
    m_count->setText(text);
}

// --- ticks and tabs ----------------------------------------------------------------------------

void CompareView::setCheckedRuns(const QStringList &names)
{
    QList<int> runs;
    for (int i = 0; i < m_model->runCount(); ++i)
        if (names.contains(m_model->record(i).info.name))
            runs.append(i);
    m_model->setCheckedRuns(runs);
}

QStringList CompareView::checkedRuns() const
{
    QStringList names;
    for (int i : m_model->checkedRuns())
        names.append(m_model->record(i).info.name);
    return names;
}

void CompareView::scheduleSelection() { m_selectionTimer->start(); }

CompareSelection CompareView::selection() const
{
    CompareSelection s;
    s.workspace = m_workspace;
    s.records = m_records;
    s.runs = m_model->checkedRuns();
    s.groupSeeds = m_grouping == Grouping::Seeds;
    if (m_grouping == Grouping::Key)
        s.groupKeys = QStringList{m_groupKey};
    s.metricIds = m_model->metricColumns();
    for (int i = 0; i < m_model->runCount(); ++i)
        s.runColours.append(m_model->runColour(i));
    if (m_model->isGrouped())
        for (const compare::RunGroup &g : m_model->groups()) {
            compare::RunGroup ticked = g;
            ticked.members.clear();
            for (int i : g.members)
                if (m_model->isChecked(i))
                    ticked.members.append(i);
            if (!ticked.members.isEmpty())
                s.groups.append(ticked);
        }
    return s;
}

void CompareView::pushSelection()
{
    updateConfigColumns();
    applyColours(); // the ticked runs (or groups) get distinct colours
    // The ladder depends on the records only (given them on load).
    m_staleTabs = {m_curves, m_configDiff, m_summary, m_evaluation};
    updateTab(m_tabs->currentWidget());
}

void CompareView::updateTab(QWidget *tab)
{
    m_staleTabs.removeAll(tab);
    if (!m_records)
        return;
    if (tab == m_ladder)
        return; // given the records on load
    const CompareSelection s = selection();
    if (tab == m_curves) {
        QList<PlotRun> runs;
        for (int i : s.runs)
            runs.append({s.record(i).info.id, s.record(i).info.name, s.runColours.value(i)});
        QList<PlotGroup> groups;
        for (int g = 0; g < int(s.groups.size()); ++g) {
            PlotGroup pg;
            pg.label = s.groups[g].label;
            pg.colour = s.runColours.value(s.groups[g].members.front());
            for (int i : s.groups[g].members)
                pg.runIds.append(s.record(i).info.id);
            groups.append(pg);
        }
        m_curves->setRuns(runs, groups);
    } else if (tab == m_configDiff) {
        m_configDiff->setSelection(s);
    } else if (tab == m_summary) {
        m_summary->setSelection(s);
    } else if (tab == m_evaluation) {
        m_evaluation->setSelection(s);
    }
}

compare::Table CompareView::runsTable() const { return m_model->table(m_proxy); }

Status CompareView::exportRunsTable(const QString &path) const { return writeTable(runsTable(), path); }

} // namespace avt::widgets
