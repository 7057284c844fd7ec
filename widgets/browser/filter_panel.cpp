#include "widgets/browser/filter_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>

namespace avt::widgets {

FilterPanel::FilterPanel(ClipFilterModel *filter, QWidget *parent)
    : QWidget(parent), m_filter(filter), m_label(new QComboBox(this)), m_split(new QComboBox(this)),
      m_problem(new QComboBox(this)), m_search(new QLineEdit(this)), m_searchDelay(new QTimer(this))
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    const auto addField = [&](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        row->addWidget(label);
        row->addWidget(field, 1);
    };
    addField(tr("&Label:"), m_label);
    addField(tr("S&plit:"), m_split);
    addField(tr("P&roblem:"), m_problem);
    m_search->setPlaceholderText(tr("Search paths…"));
    m_search->setClearButtonEnabled(true);
    addField(tr("Sea&rch:"), m_search);
    for (QComboBox *c : {m_label, m_split, m_problem})
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    connect(m_label, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling)
            m_filter->setLabelFilter(m_label->currentData().toString());
    });
    connect(m_split, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling)
            m_filter->setSplitFilter(m_split->currentData().toString());
    });
    connect(m_problem, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling)
            m_filter->setProblemFilter(m_problem->currentData().toString());
    });
    // Typing re-filters after a short pause, not on every key.
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(150);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_filter->setSearchText(m_search->text().trimmed()); });
    connect(m_filter, &ClipFilterModel::filtersChanged, this, &FilterPanel::refreshCounts);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &FilterPanel::refreshCounts);
    refreshCounts();
}

QString FilterPanel::problemText(const QString &value) const
{
    return value == ClipFilterModel::kNoProblem ? tr("no problems") : value;
}

void FilterPanel::fillCombo(QComboBox *combo, const QMap<QString, int> &counts, int total, const QString &current)
{
    combo->clear();
    combo->addItem(tr("All (%1)").arg(total), QString());
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.key().isEmpty())
            continue; // rows without a split count in "All" only
        const QString name = combo == m_problem ? problemText(it.key()) : it.key();
        combo->addItem(tr("%1 (%2)").arg(name).arg(it.value()), it.key());
    }
    int index = combo->findData(current);
    if (index < 0 && !current.isEmpty()) { // keep a choice that has no rows left, with 0
        combo->addItem(tr("%1 (%2)").arg(combo == m_problem ? problemText(current) : current).arg(0), current);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(std::max(0, index));
}

void FilterPanel::refreshCounts()
{
    m_counts = m_filter->facetCounts();
    m_filling = true;
    fillCombo(m_label, m_counts.labels, m_counts.labelTotal, m_filter->labelFilter());
    fillCombo(m_split, m_counts.splits, m_counts.splitTotal, m_filter->splitFilter());
    fillCombo(m_problem, m_counts.problems, m_counts.problemTotal, m_filter->problemFilter());
    m_filling = false;
    emit countsChanged(m_counts);
}

} // namespace avt::widgets
