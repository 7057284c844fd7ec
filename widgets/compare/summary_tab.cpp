#include "widgets/compare/summary_tab.h"

#include "core/store/workspace.h"
#include "widgets/common/background.h"
#include "widgets/compare/table_export.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <limits>
#include <memory>

namespace avt::widgets {

namespace {

// Evaluation metrics ("test/top1") rather than training ones pick the best epoch by default.
bool metricSplitIsEval(const QString &id) { return compare::metricSplit(id) != QLatin1String("train"); }

} // namespace

SummaryTab::SummaryTab(QWidget *parent)
    : QWidget(parent), m_at(new QComboBox(this)), m_step(new QSpinBox(this)), m_bestMetric(new QComboBox(this)),
      m_export(new QPushButton(tr("Export…"), this)), m_status(new QLabel(this)), m_table(new QTableWidget(this))
{
    m_at->setObjectName(QStringLiteral("summaryAtCombo"));
    m_at->addItem(tr("At the end"), int(compare::SummaryAt::End));
    m_at->addItem(tr("At step"), int(compare::SummaryAt::Step));
    m_at->addItem(tr("At the best value of"), int(compare::SummaryAt::Best));
    m_step->setObjectName(QStringLiteral("summaryStepSpin"));
    m_step->setRange(0, std::numeric_limits<int>::max());
    m_step->setAccelerated(true);
    m_bestMetric->setObjectName(QStringLiteral("summaryBestMetricCombo"));
    m_bestMetric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_export->setObjectName(QStringLiteral("summaryExportButton"));
    m_export->setToolTip(tr("Save the table as CSV, LaTeX or Markdown"));
    m_status->setObjectName(QStringLiteral("summaryStatus"));
    m_table->setObjectName(QStringLiteral("summaryTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();

    connect(m_at, &QComboBox::currentIndexChanged, this, [this] {
        updateControls();
        recompute();
    });
    connect(m_step, &QSpinBox::editingFinished, this, &SummaryTab::recompute);
    connect(m_bestMetric, &QComboBox::currentIndexChanged, this, [this] {
        if (m_at->currentData().toInt() == int(compare::SummaryAt::Best))
            recompute();
    });
    connect(m_export, &QPushButton::clicked, this,
            [this] { exportTableDialog(this, m_tableData, QStringLiteral("summary")); });

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Values:"), this));
    controls->addWidget(m_at);
    controls->addWidget(m_step);
    controls->addWidget(m_bestMetric);
    controls->addStretch(1);
    controls->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    updateControls();
}

void SummaryTab::setSelection(const CompareSelection &selection)
{
    m_selection = selection;
    // Best of: the metrics of the ticked runs, the previous choice kept.
    const QString previous = m_bestMetric->currentText();
    QList<compare::RunRecord> ticked;
    if (selection.records)
        for (int i : selection.runs)
            ticked.append(selection.record(i));
    const QStringList ids = compare::metricIds(ticked);
    const QSignalBlocker block(m_bestMetric);
    m_bestMetric->clear();
    m_bestMetric->addItems(ids);
    int pick = int(ids.indexOf(previous));
    if (pick < 0)
        for (const QString &id : ids)
            if (metricSplitIsEval(id)) {
                pick = int(ids.indexOf(id));
                break;
            }
    m_bestMetric->setCurrentIndex(std::max(0, pick));
    recompute();
}

void SummaryTab::setSpec(const compare::SummarySpec &spec)
{
    const QSignalBlocker b1(m_at), b2(m_step), b3(m_bestMetric);
    m_at->setCurrentIndex(m_at->findData(int(spec.at)));
    m_step->setValue(int(std::min<qint64>(spec.step, std::numeric_limits<int>::max())));
    if (spec.at == compare::SummaryAt::Best) {
        if (m_bestMetric->findText(spec.bestMetricId) < 0)
            m_bestMetric->addItem(spec.bestMetricId);
        m_bestMetric->setCurrentIndex(m_bestMetric->findText(spec.bestMetricId));
    }
    updateControls();
    recompute();
}

compare::SummarySpec SummaryTab::spec() const
{
    compare::SummarySpec s;
    s.at = compare::SummaryAt(m_at->currentData().toInt());
    s.step = m_step->value();
    s.bestMetricId = m_bestMetric->currentText();
    return s;
}

void SummaryTab::updateControls()
{
    const auto at = compare::SummaryAt(m_at->currentData().toInt());
    m_step->setVisible(at == compare::SummaryAt::Step);
    m_bestMetric->setVisible(at == compare::SummaryAt::Best);
}

void SummaryTab::recompute()
{
    const quint64 generation = ++m_generation;
    if (!m_selection.records || m_selection.runs.isEmpty()) {
        m_loading = false;
        m_tableData = {};
        fillTable(m_table, m_tableData);
        m_status->setText(tr("Tick runs in the runs table to summarise them."));
        m_export->setEnabled(false);
        Q_EMIT updated();
        return;
    }
    compare::RunsTableSpec spec;
    spec.at = this->spec();
    spec.metricIds = m_selection.metricIds;
    spec.groupSeeds = m_selection.groupSeeds;
    spec.groupKeys = m_selection.groupKeys;
    QList<const compare::RunRecord *> ticked;
    for (int i : m_selection.runs)
        ticked.append(&m_selection.record(i));
    for (const QString &k : compare::differingKeys(ticked, m_selection.grouped()))
        if (k != QLatin1String("run.name") && !spec.groupKeys.contains(k))
            spec.configKeys.append(k);
    if (spec.at.at == compare::SummaryAt::Best && spec.at.bestMetricId.isEmpty()) {
        m_status->setText(tr("Choose the metric whose best value picks the step."));
        return;
    }
    m_loading = true;
    m_status->setText(tr("Reading the values…"));
    const QString folder = m_selection.workspace;
    const RunRecords records = m_selection.records;
    const QList<int> runs = m_selection.runs;
    using Out = std::shared_ptr<Result<compare::Table>>;
    whenFinished(this, runInBackground([folder, records, runs, spec]() -> Out {
                     auto ws = store::Workspace::open(folder);
                     if (!ws)
                         return std::make_shared<Result<compare::Table>>(ws.error());
                     return std::make_shared<Result<compare::Table>>(
                         compare::runsTable((*ws)->db(), *records, runs, spec));
                 }),
                 [this, generation](const Out &table) {
                     if (generation != m_generation)
                         return;
                     m_loading = false;
                     if (!*table) {
                         m_tableData = {};
                         m_status->setText(tr("Cannot summarise the runs: %1").arg(table->error().message));
                     } else {
                         m_tableData = **table;
                         m_status->setText(m_tableData.caption.isEmpty() ? tr("Metrics at the end of each run.")
                                                                         : m_tableData.caption);
                     }
                     fillTable(m_table, m_tableData);
                     m_export->setEnabled(!m_tableData.rows.isEmpty());
                     Q_EMIT updated();
                 });
}

} // namespace avt::widgets
