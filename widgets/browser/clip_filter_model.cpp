#include "widgets/browser/clip_filter_model.h"

#include "widgets/browser/clip_table_model.h"

namespace avt::widgets {

ClipFilterModel::ClipFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ClipTableModel::SortRole);
    setDynamicSortFilter(true);
}

void ClipFilterModel::setLabelFilter(const QString &label)
{
    if (label != m_label) {
        m_label = label;
        refilter();
    }
}

void ClipFilterModel::setSplitFilter(const QString &split)
{
    if (split != m_split) {
        m_split = split;
        refilter();
    }
}

void ClipFilterModel::setProblemFilter(const QString &problem)
{
    if (problem != m_problem) {
        m_problem = problem;
        refilter();
    }
}

void ClipFilterModel::setSearchText(const QString &text)
{
    if (text != m_search) {
        m_search = text;
        refilter();
    }
}

void ClipFilterModel::refilter()
{
    // Qt 6.4 has no begin/endFilterChange; invalidateFilter() re-runs filterAcceptsRow.
    invalidateFilter();
    emit filtersChanged();
}

bool ClipFilterModel::passes(int row, int facets) const
{
    const QAbstractItemModel *src = sourceModel();
    const QModelIndex any = src->index(row, 0);
    if ((facets & LabelFacet) && !m_label.isEmpty()
        && !src->data(any, ClipTableModel::LabelsRole).toStringList().contains(m_label))
        return false;
    if ((facets & SplitFacet) && !m_split.isEmpty() && src->data(any, ClipTableModel::SplitRole).toString() != m_split)
        return false;
    if ((facets & ProblemFacet) && !m_problem.isEmpty()) {
        const QStringList problems = src->data(any, ClipTableModel::ProblemsRole).toStringList();
        if (m_problem == kNoProblem ? !problems.isEmpty() : !problems.contains(m_problem))
            return false;
    }
    if ((facets & SearchFacet) && !m_search.isEmpty()) {
        const QString path = src->data(any, ClipTableModel::PathRole).toString();
        const QString name = src->data(src->index(row, ClipTableModel::Name)).toString();
        if (!path.contains(m_search, Qt::CaseInsensitive) && !name.contains(m_search, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

bool ClipFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return !sourceParent.isValid() && passes(sourceRow, AllFacets);
}

FacetCounts ClipFilterModel::facetCounts() const
{
    FacetCounts c;
    const QAbstractItemModel *src = sourceModel();
    if (!src)
        return c;
    const int rows = src->rowCount();
    for (int r = 0; r < rows; ++r) {
        const QModelIndex any = src->index(r, 0);
        if (passes(r, AllFacets & ~LabelFacet)) {
            ++c.labelTotal;
            for (const QString &l : src->data(any, ClipTableModel::LabelsRole).toStringList())
                ++c.labels[l];
        }
        if (passes(r, AllFacets & ~SplitFacet)) {
            ++c.splitTotal;
            ++c.splits[src->data(any, ClipTableModel::SplitRole).toString()];
        }
        if (passes(r, AllFacets & ~ProblemFacet)) {
            ++c.problemTotal;
            const QStringList problems = src->data(any, ClipTableModel::ProblemsRole).toStringList();
            if (problems.isEmpty())
                ++c.problems[kNoProblem];
            for (const QString &p : problems)
                ++c.problems[p];
        }
    }
    return c;
}

} // namespace avt::widgets
