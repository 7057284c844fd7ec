#include "widgets/compare/ladder_tab.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>

namespace avt::widgets {

LadderTab::LadderTab(QWidget *parent)
    : TableTab(QStringLiteral("ladder"), parent), m_prefix(new QComboBox(this)), m_at(new QComboBox(this))
{
    m_prefix->setObjectName(QStringLiteral("ladderPrefixCombo"));
    m_prefix->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_prefix->setToolTip(tr("Ladders are runs named <prefix>-<rung>, as the ablate verb names them"));
    m_at->setObjectName(QStringLiteral("ladderAtCombo"));
    m_at->addItem(tr("At the end"), false);
    m_at->addItem(tr("At the best top-1 epoch"), true);
    m_export->setToolTip(tr("Save the table as CSV, LaTeX (the paper's layout) or Markdown"));
    m_status->setWordWrap(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_prefix, &QComboBox::currentIndexChanged, this, &LadderTab::recompute);
    connect(m_at, &QComboBox::currentIndexChanged, this, &LadderTab::recompute);
    connect(m_export, &QPushButton::clicked, this,
            [this] { exportTableDialog(this, m_tableData, QStringLiteral("table4-%1").arg(m_prefix->currentText())); });

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Ladder:"), this));
    controls->addWidget(m_prefix);
    controls->addWidget(m_at);
    layOut(controls);
    m_export->setEnabled(false);
}

void LadderTab::setRecords(const QString &workspace, RunRecords records)
{
    m_workspace = workspace;
    m_records = std::move(records);
    const QString previous = m_prefix->currentText();
    {
        const QSignalBlocker block(m_prefix);
        m_prefix->clear();
        if (m_records)
            m_prefix->addItems(compare::ladderPrefixes(*m_records));
        m_prefix->setCurrentIndex(std::max(0, m_prefix->findText(previous)));
    }
    recompute();
}

void LadderTab::setPrefix(const QString &prefix)
{
    const int i = m_prefix->findText(prefix);
    if (i >= 0)
        m_prefix->setCurrentIndex(i);
}

void LadderTab::setAtBest(bool best) { m_at->setCurrentIndex(best ? 1 : 0); }

void LadderTab::recompute()
{
    if (!m_records || m_prefix->count() == 0) {
        showNoTable(tr("No Table 4 ladder among the runs: train one with the ablate verb "
                       "(avt-workbench --batch ablate --ladder table4 …); its runs are named "
                       "<prefix>-audio, <prefix>-video, … (-seedN with several seeds)."));
        return;
    }
    const QString prefix = m_prefix->currentText();
    compare::SummarySpec at;
    if (m_at->currentData().toBool()) {
        // The best epoch of the ladder's evaluation top-1 (its runs share the eval split).
        QString split = QStringLiteral("test");
        for (const compare::RunRecord &r : *m_records)
            if (r.info.name.startsWith(prefix + QLatin1Char('-'))) {
                split = r.config.value(QStringLiteral("run.eval_split"), split);
                break;
            }
        at.at = compare::SummaryAt::Best;
        at.bestMetricId = compare::metricId(split, QStringLiteral("top1"));
    }
    readTable(
        m_workspace,
        [records = m_records, prefix, at](store::Database &db) {
            return compare::ladderTable(db, *records, prefix, at);
        },
        tr("Reading the ladder…"), tr("Cannot make the table: %1"));
}

} // namespace avt::widgets
