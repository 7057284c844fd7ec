#include "widgets/compare/summary_tab.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

#include <limits>

namespace avt::widgets {

namespace {

// Evaluation metrics ("test/top1") rather than training ones pick the best epoch by default.
bool metricSplitIsEval(const QString &id) { return compare::metricSplit(id) != QLatin1String("train"); }

} // namespace

SummaryTab::SummaryTab(QWidget *parent)
    : TableTab(QStringLiteral("summary"), parent), m_at(new QComboBox(this)), m_step(new QSpinBox(this)),
      m_bestMetric(new QComboBox(this))
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
    m_export->setToolTip(tr("Save the table as CSV, LaTeX or Markdown"));

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
    layOut(controls);
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
    if (!m_selection.records || m_selection.runs.isEmpty()) {
        showNoTable(tr("Tick runs in the runs table to summarise them."));
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
        dropRead();
        m_status->setText(tr("Choose the metric whose best value picks the step."));
        return;
    }
    readTable(
        m_selection.workspace,
        [records = m_selection.records, runs = m_selection.runs, spec](store::Database &db) {
            return compare::runsTable(db, *records, runs, spec);
        },
        tr("Reading the values…"), tr("Cannot summarise the runs: %1"), tr("Metrics at the end of each run."));
}

} // namespace avt::widgets
