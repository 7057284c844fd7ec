#include "widgets/compare/config_diff_tab.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPalette>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace avt::widgets {

ConfigDiffTab::ConfigDiffTab(QWidget *parent)
    : QWidget(parent), m_differencesOnly(new QCheckBox(tr("Differences only"), this)), m_message(new QLabel(this)),
      m_table(new QTableWidget(this))
{
    m_differencesOnly->setObjectName(QStringLiteral("differencesOnlyCheck"));
    m_differencesOnly->setChecked(true);
    m_differencesOnly->setToolTip(tr("Show only the config keys whose values differ between the ticked runs"));
    m_message->setObjectName(QStringLiteral("configDiffMessage"));
    m_message->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("configDiffTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setWordWrap(false);
    connect(m_differencesOnly, &QCheckBox::toggled, this, &ConfigDiffTab::rebuild);

    auto *top = new QHBoxLayout;
    top->addWidget(m_differencesOnly);
    top->addWidget(m_message, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    rebuild();
}

void ConfigDiffTab::setSelection(const CompareSelection &selection)
{
    m_selection = selection;
    rebuild();
}

QStringList ConfigDiffTab::shownKeys() const
{
    QStringList keys;
    for (int r = 0; r < m_table->rowCount(); ++r)
        keys.append(m_table->verticalHeaderItem(r)->text());
    return keys;
}

void ConfigDiffTab::rebuild()
{
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(0);
    if (!m_selection.records || m_selection.runs.isEmpty()) {
        m_message->setText(tr("Tick runs in the runs table to compare their configs."));
        return;
    }
    QList<const compare::RunRecord *> runs;
    for (int i : m_selection.runs.mid(0, kMaxRuns))
        runs.append(&m_selection.record(i));
    const QStringList differing = compare::differingKeys(runs);
    const QSet<QString> differ(differing.cbegin(), differing.cend());
    QStringList keys;
    if (m_differencesOnly->isChecked()) {
        keys = differing;
    } else {
        QSet<QString> all;
        for (const compare::RunRecord *r : runs)
            for (auto it = r->config.cbegin(); it != r->config.cend(); ++it)
                all.insert(it.key());
        keys = QStringList(all.cbegin(), all.cend());
        std::sort(keys.begin(), keys.end());
    }
    QString message;
    if (runs.size() < 2)
        message = tr("Tick a second run to see what differs.");
    else if (differing.isEmpty())
        message = tr("The configs of the %n ticked run(s) are the same.", nullptr, int(runs.size()));
    else
        message = tr("%n key(s) differ", nullptr, int(differing.size()));
    if (m_selection.runs.size() > kMaxRuns)
        message += QLatin1Char(' ')
                   + tr("(showing the first %1 of %2 ticked runs)").arg(kMaxRuns).arg(m_selection.runs.size());
    m_message->setText(message);

    m_table->setRowCount(int(keys.size()));
    m_table->setColumnCount(int(runs.size()));
    QStringList headers;
    for (const compare::RunRecord *r : runs)
        headers.append(r->info.name);
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setVerticalHeaderLabels(keys);
    QColor highlight = palette().color(QPalette::Highlight);
    highlight.setAlpha(50);
    for (int k = 0; k < int(keys.size()); ++k) {
        const bool differs = differ.contains(keys[k]);
        if (differs) {
            QFont bold = font();
            bold.setBold(true);
            m_table->verticalHeaderItem(k)->setFont(bold);
        }
        const QString first = runs.front()->config.value(keys[k]);
        for (int c = 0; c < int(runs.size()); ++c) {
            const auto it = runs[c]->config.constFind(keys[k]);
            auto *item = new QTableWidgetItem(it == runs[c]->config.constEnd() ? tr("(absent)") : *it);
            item->setToolTip(QStringLiteral("%1 = %2").arg(keys[k], item->text()));
            // Values that differ from the first run's are marked.
            if (differs && (c == 0 || it == runs[c]->config.constEnd() || *it != first))
                item->setBackground(highlight);
            m_table->setItem(k, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    for (int c = 0; c < m_table->columnCount(); ++c)
        m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 320));
}

} // namespace avt::widgets
