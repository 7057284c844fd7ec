#include "widgets/compare/runs_filter_model.h"

#include "widgets/compare/runs_model.h"

#include <cmath>

namespace avt::widgets {

RunsFilterModel::RunsFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortRole(RunsModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(false);
}

void RunsFilterModel::setRunsModel(RunsModel *model)
{
    m_runs = model;
    setSourceModel(model);
}

void RunsFilterModel::setText(const QString &text, bool regularExpression)
{
    m_regex = regularExpression;
    m_nameWords.clear();
    m_configWords.clear();
    m_patternValid = true;
    m_patternError.clear();
    m_pattern = QRegularExpression();
    if (regularExpression && !text.isEmpty()) {
        m_pattern =
            QRegularExpression(text, QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
        m_patternValid = m_pattern.isValid();
        if (!m_patternValid) {
            m_patternError = m_pattern.errorString();
            m_pattern = QRegularExpression();
        }
    } else if (!regularExpression) {
        for (const QString &w : text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts))
            (w.contains(QLatin1Char('=')) ? m_configWords : m_nameWords).append(w);
    }
    invalidateRowsFilter();
}

void RunsFilterModel::setStatus(const QString &status)
{
    m_status = status;
    invalidateRowsFilter();
}

void RunsFilterModel::setDataset(const QString &dataset)
{
    m_dataset = dataset;
    invalidateRowsFilter();
}

bool RunsFilterModel::acceptsRun(int run) const
{
    if (!m_runs || run < 0 || run >= m_runs->runCount())
        return false;
    const compare::RunRecord &r = m_runs->record(run);
    if (!m_status.isEmpty() && r.status != m_status)
        return false;
    if (!m_dataset.isEmpty() && r.dataset != m_dataset)
        return false;
    if (m_regex) {
        if (m_pattern.pattern().isEmpty())
            return true;
        return m_pattern.match(r.info.name).hasMatch() || m_pattern.match(m_runs->configText(run)).hasMatch();
    }
    for (const QString &w : m_nameWords)
        if (!r.info.name.contains(w, Qt::CaseInsensitive))
            return false;
    for (const QString &w : m_configWords)
        if (!m_runs->configText(run).contains(w))
            return false;
    return true;
}

bool RunsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_runs)
        return true;
    const int run = m_runs->index(sourceRow, 0, sourceParent).data(RunsModel::RunIndexRole).toInt();
    // A group row passes only through its runs (recursive filtering).
    return run >= 0 && acceptsRun(run);
}

bool RunsFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(RunsModel::SortRole), b = right.data(RunsModel::SortRole);
    if (a.typeId() == QMetaType::Double && b.typeId() == QMetaType::Double) {
        const double x = a.toDouble(), y = b.toDouble();
        const bool fx = std::isfinite(x), fy = std::isfinite(y);
        if (fx != fy) // no value: last in either order
            return sortOrder() == Qt::AscendingOrder ? fx : fy;
        if (!fx)
            return false;
        return x < y;
    }
    const int c = QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
    if (c != 0)
        return c < 0;
    // Ties keep the records' order (run id).
    return left.row() < right.row();
}

QList<int> RunsFilterModel::visibleRuns() const
{
    QList<int> out;
    for (int r = 0; r < rowCount(); ++r) {
        const QModelIndex top = index(r, 0);
        const int run = top.data(RunsModel::RunIndexRole).toInt();
        if (run >= 0) {
            out.append(run);
            continue;
        }
        for (int c = 0; c < rowCount(top); ++c)
            out.append(index(c, 0, top).data(RunsModel::RunIndexRole).toInt());
    }
    return out;
}

} // namespace avt::widgets
