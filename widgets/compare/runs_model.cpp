#include "widgets/compare/runs_model.h"

#include <QFont>
#include <QSet>

#include <cmath>
#include <limits>

namespace avt::widgets {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// "a", "a | b" for the values of a text column among a group's members.
QString joined(const QStringList &values)
{
    QStringList seen;
    for (const QString &v : values)
        if (!seen.contains(v))
            seen.append(v);
    return seen.join(QStringLiteral(" | "));
}

QVariant numberOrEmpty(double v) { return std::isfinite(v) ? QVariant(v) : QVariant(kNaN); }

} // namespace

RunsModel::RunsModel(QObject *parent) : QAbstractItemModel(parent) {}

// Decimals for a value: two from 1 on, three significant digits below 1, none from 1000 on.
int RunsModel::decimalsFor(double v)
{
    const double a = std::abs(v);
    if (!std::isfinite(a) || a == 0)
        return 2;
    if (a >= 1000)
        return 0;
    if (a >= 1)
        return 2;
    return std::min(12, 2 - int(std::floor(std::log10(a))));
}

QString RunsModel::formatValue(double v)
{
    if (!std::isfinite(v))
        return QString();
    return v == 0 ? QStringLiteral("0") : QString::number(v, 'f', decimalsFor(v));
}

QString RunsModel::formatSpread(const compare::Spread &s)
{
    if (s.n == 0)
        return QString();
    if (s.n == 1)
        return formatValue(s.mean);
    // The std with the mean's decimals: "62.00 ± 2.83", "0.123 ± 0.004".
    const int decimals = decimalsFor(s.mean);
    return QStringLiteral("%1 ± %2").arg(QString::number(s.mean, 'f', decimals), QString::number(s.std, 'f', decimals));
}

QString RunsModel::formatDuration(double seconds)
{
    if (!std::isfinite(seconds) || seconds <= 0)
        return QString();
    const qint64 s = qint64(std::llround(seconds));
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString RunsModel::configTextOf(const compare::RunRecord &record)
{
    QString text;
    for (auto it = record.config.cbegin(); it != record.config.cend(); ++it)
        text += it.key() + QLatin1Char('=') + it.value() + QLatin1Char('\n');
    return text.toLower();
}

void RunsModel::setRecords(RunRecords records, std::vector<QString> configText)
{
    QSet<QString> ticked;
    for (int i : checkedRuns())
        ticked.insert(record(i).info.name);
    beginResetModel();
    m_records = std::move(records);
    const int n = runCount();
    m_groups.clear();
    m_groupRows.clear();
    m_stepValues.clear();
    m_groupOf.assign(size_t(n), -1);
    m_rowInGroup.assign(size_t(n), 0);
    m_checked.assign(size_t(n), 0);
    const bool given = int(configText.size()) == n;
    m_configText = given ? std::move(configText) : std::vector<QString>(size_t(n));
    for (int i = 0; i < n; ++i) {
        const compare::RunRecord &r = record(i);
        m_checked[size_t(i)] = ticked.contains(r.info.name);
        if (!given)
            m_configText[size_t(i)] = configTextOf(r);
    }
    m_runColours.clear();
    m_groupColours.clear();
    rebuildRows();
    endResetModel();
}

void RunsModel::setConfigColumns(const QStringList &keys)
{
    if (keys == m_configKeys)
        return;
    beginResetModel();
    m_configKeys = keys;
    rebuildRows();
    rebuildGroups();
    endResetModel();
}

void RunsModel::setMetricColumns(const QStringList &metricIds)
{
    if (metricIds == m_metricIds)
        return;
    beginResetModel();
    m_metricIds = metricIds;
    rebuildRows();
    rebuildGroups();
    endResetModel();
}

void RunsModel::setValueMode(ValueMode mode, qint64 step)
{
    if (mode == m_mode && step == m_step)
        return;
    m_mode = mode;
    m_step = step;
    if (mode == ValueMode::AtStep)
        m_stepValues.clear();
    refreshMetrics();
}

void RunsModel::setStepValues(const QHash<int, QHash<QString, double>> &values)
{
    m_stepValues = values;
    if (m_mode == ValueMode::AtStep)
        refreshMetrics();
}

void RunsModel::refreshMetrics()
{
    rebuildRows();
    rebuildGroups();
    // Same shape, new numbers (and metric headers).
    if (runCount() == 0 || m_metricIds.isEmpty())
        return;
    const int first = fixedBefore() + int(m_configKeys.size());
    const int last = first + int(m_metricIds.size()) - 1;
    Q_EMIT headerDataChanged(Qt::Horizontal, first, last);
    Q_EMIT dataChanged(index(0, first), index(rowCount() - 1, last));
    for (int g = 0; g < int(m_groups.size()); ++g) {
        const QModelIndex parent = index(g, 0);
        Q_EMIT dataChanged(index(0, first, parent), index(int(m_groups[g].members.size()) - 1, last, parent));
    }
}

void RunsModel::setGrouping(const QList<compare::RunGroup> &groups)
{
    beginResetModel();
    m_groups = groups;
    m_groupOf.assign(size_t(runCount()), -1);
    m_rowInGroup.assign(size_t(runCount()), 0);
    for (int g = 0; g < int(m_groups.size()); ++g)
        for (int k = 0; k < int(m_groups[g].members.size()); ++k) {
            const int run = m_groups[g].members[k];
            m_groupOf[size_t(run)] = g;
            m_rowInGroup[size_t(run)] = k;
        }
    m_groupColours.clear();
    rebuildGroups();
    endResetModel();
}

void RunsModel::setColours(const QList<QColor> &runColours, const QList<QColor> &groupColours)
{
    m_runColours = runColours;
    m_groupColours = groupColours;
    if (rowCount() == 0)
        return;
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, 0), {Qt::DecorationRole});
    for (int g = 0; g < int(m_groups.size()); ++g)
        Q_EMIT dataChanged(index(0, 0, index(g, 0)), index(int(m_groups[g].members.size()) - 1, 0, index(g, 0)),
                           {Qt::DecorationRole});
}

double RunsModel::metricValue(int run, int metricColumn) const
{
    const QString &id = m_metricIds[metricColumn];
    if (m_mode == ValueMode::AtStep) {
        const auto it = m_stepValues.constFind(run);
        return it == m_stepValues.constEnd() ? kNaN : it->value(id, kNaN);
    }
    const auto it = record(run).metrics.constFind(id);
    if (it == record(run).metrics.constEnd())
        return kNaN;
    return m_mode == ValueMode::Best ? it->best(id) : it->last;
}

void RunsModel::rebuildRows()
{
    const int n = runCount();
    m_rows.assign(size_t(n), RunRow());
    for (int i = 0; i < n; ++i) {
        const compare::RunRecord &r = record(i);
        RunRow &row = m_rows[size_t(i)];
        row.world = QString::number(r.info.worldSize);
        row.duration = formatDuration(r.durationSeconds);
        row.config.reserve(m_configKeys.size());
        for (const QString &k : m_configKeys)
            row.config.append(r.config.value(k));
        row.metric.resize(size_t(m_metricIds.size()));
        for (int m = 0; m < int(m_metricIds.size()); ++m)
            row.metric[size_t(m)] = metricValue(i, m);
    }
}

void RunsModel::rebuildGroups()
{
    m_groupRows.assign(size_t(m_groups.size()), GroupRow());
    for (int g = 0; g < int(m_groups.size()); ++g) {
        const QList<int> &members = m_groups[g].members;
        GroupRow &row = m_groupRows[size_t(g)];
        QStringList datasets, statuses, presets, worlds;
        std::vector<double> durations;
        for (int i : members) {
            const compare::RunRecord &r = record(i);
            datasets.append(r.dataset);
            statuses.append(r.status);
            presets.append(r.preset);
            worlds.append(m_rows[size_t(i)].world);
            durations.push_back(r.durationSeconds);
        }
        row.dataset = joined(datasets);
        row.status = joined(statuses);
        row.preset = joined(presets);
        row.world = joined(worlds);
        row.duration = compare::describe(durations);
        for (int c = 0; c < int(m_configKeys.size()); ++c) {
            QStringList values;
            for (int i : members)
                values.append(m_rows[size_t(i)].config[c]);
            row.config.append(joined(values));
        }
        row.metric.resize(size_t(m_metricIds.size()));
        for (int m = 0; m < int(m_metricIds.size()); ++m) {
            std::vector<double> values;
            values.reserve(size_t(members.size()));
            for (int i : members)
                values.push_back(m_rows[size_t(i)].metric[size_t(m)]);
            row.metric[size_t(m)] = compare::describe(values);
        }
    }
}

void RunsModel::setChecked(const QList<int> &runs, bool checked)
{
    QList<int> changed;
    for (int run : runs)
        if (run >= 0 && run < runCount() && bool(m_checked[size_t(run)]) != checked) {
            m_checked[size_t(run)] = checked;
            changed.append(run);
        }
    emitCheckChanges(changed);
}

void RunsModel::setCheckedRuns(const QList<int> &runs)
{
    std::vector<char> wanted(size_t(runCount()), 0);
    for (int run : runs)
        if (run >= 0 && run < runCount())
            wanted[size_t(run)] = 1;
    QList<int> changed;
    for (int i = 0; i < runCount(); ++i)
        if (wanted[size_t(i)] != m_checked[size_t(i)]) {
            m_checked[size_t(i)] = wanted[size_t(i)];
            changed.append(i);
        }
    emitCheckChanges(changed);
}

QList<int> RunsModel::checkedRuns() const
{
    QList<int> out;
    for (int i = 0; i < int(m_checked.size()); ++i)
        if (m_checked[size_t(i)])
            out.append(i);
    return out;
}

void RunsModel::emitCheckChanges(const QList<int> &runs)
{
    if (runs.isEmpty())
        return;
    QSet<int> groups;
    for (int run : runs) {
        const int g = m_groupOf[size_t(run)];
        const QModelIndex i = g < 0 ? index(run, 0) : index(m_rowInGroup[size_t(run)], 0, index(g, 0));
        Q_EMIT dataChanged(i, i, {Qt::CheckStateRole});
        if (g >= 0)
            groups.insert(g);
    }
    for (int g : groups)
        Q_EMIT dataChanged(index(g, 0), index(g, 0), {Qt::CheckStateRole});
    Q_EMIT checkedChanged();
}

Qt::CheckState RunsModel::groupCheckState(int group) const
{
    int on = 0;
    for (int i : m_groups[group].members)
        on += m_checked[size_t(i)] ? 1 : 0;
    if (on == 0)
        return Qt::Unchecked;
    return on == int(m_groups[group].members.size()) ? Qt::Checked : Qt::PartiallyChecked;
}

RunsModel::ColumnKind RunsModel::columnKind(int column) const
{
    switch (column) {
    case 0: return ColumnKind::Name;
    case 1: return ColumnKind::Dataset;
    case 2: return ColumnKind::Status;
    case 3: return ColumnKind::Preset;
    default: break;
    }
    int c = column - fixedBefore();
    if (c < int(m_configKeys.size()))
        return ColumnKind::Config;
    c -= int(m_configKeys.size());
    if (c < int(m_metricIds.size()))
        return ColumnKind::Metric;
    c -= int(m_metricIds.size());
    return c == 0 ? ColumnKind::Duration : ColumnKind::WorldSize;
}

QString RunsModel::columnKey(int column) const
{
    const int c = column - fixedBefore();
    if (c >= 0 && c < int(m_configKeys.size()))
        return m_configKeys[c];
    const int m = c - int(m_configKeys.size());
    if (m >= 0 && m < int(m_metricIds.size()))
        return m_metricIds[m];
    return QString();
}

int RunsModel::metricColumn(const QString &metricId) const
{
    const int m = int(m_metricIds.indexOf(metricId));
    return m < 0 ? -1 : fixedBefore() + int(m_configKeys.size()) + m;
}

int RunsModel::configColumn(const QString &key) const
{
    const int c = int(m_configKeys.indexOf(key));
    return c < 0 ? -1 : fixedBefore() + c;
}

QModelIndex RunsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= columnCount())
        return {};
    if (!parent.isValid())
        return row < rowCount() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    // A run inside a group: internal id = group + 1.
    if (parent.internalId() != 0 || !isGrouped() || parent.row() >= int(m_groups.size()))
        return {};
    if (row >= int(m_groups[parent.row()].members.size()))
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex RunsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId()) - 1, 0, quintptr(0));
}

int RunsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return isGrouped() ? int(m_groups.size()) : runCount();
    if (parent.column() != 0 || parent.internalId() != 0 || !isGrouped())
        return 0;
    return int(m_groups[parent.row()].members.size());
}

int RunsModel::columnCount(const QModelIndex &) const
{
    return fixedBefore() + int(m_configKeys.size()) + int(m_metricIds.size()) + 2;
}

QVariant RunsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (!isGrouped())
        return runData(index.row(), index.column(), role);
    if (index.internalId() == 0)
        return groupData(index.row(), index.column(), role);
    const int g = int(index.internalId()) - 1;
    return runData(m_groups[g].members[index.row()], index.column(), role);
}

QVariant RunsModel::runData(int run, int column, int role) const
{
    const compare::RunRecord &r = record(run);
    const RunRow &row = m_rows[size_t(run)];
    const ColumnKind kind = columnKind(column);
    switch (role) {
    case RunIndexRole: return run;
    case GroupIndexRole: return m_groupOf[size_t(run)];
    case Qt::CheckStateRole:
        return column == 0 ? QVariant(m_checked[size_t(run)] ? Qt::Checked : Qt::Unchecked) : QVariant();
    case Qt::DecorationRole:
        return column == 0 && m_runColours.value(run).isValid() ? QVariant(m_runColours.value(run)) : QVariant();
    case Qt::TextAlignmentRole:
        return kind == ColumnKind::Metric || kind == ColumnKind::Duration || kind == ColumnKind::WorldSize
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    case Qt::ToolTipRole:
        if (column == 0)
            return r.info.message.isEmpty() ? tr("%1 (run %2)").arg(r.info.name).arg(r.info.id)
                                            : tr("%1 (run %2): %3").arg(r.info.name).arg(r.info.id).arg(r.info.message);
        return {};
    case CountRole:
        if (kind == ColumnKind::Metric)
            return std::isfinite(row.metric[size_t(column - fixedBefore() - m_configKeys.size())]) ? 1 : 0;
        return kind == ColumnKind::Duration ? 1 : 0;
    case StdRole: return kNaN;
    case Qt::DisplayRole:
    case SortRole:
    case ValueRole: break;
    default: return {};
    }
    const bool display = role == Qt::DisplayRole;
    switch (kind) {
    case ColumnKind::Name: return role == ValueRole ? QVariant() : QVariant(r.info.name);
    case ColumnKind::Dataset: return role == ValueRole ? QVariant() : QVariant(r.dataset);
    case ColumnKind::Status: return role == ValueRole ? QVariant() : QVariant(r.status);
    case ColumnKind::Preset: return role == ValueRole ? QVariant() : QVariant(r.preset);
    case ColumnKind::Config: return role == ValueRole ? QVariant() : QVariant(row.config[column - fixedBefore()]);
    case ColumnKind::Metric: {
        const double v = row.metric[size_t(column - fixedBefore() - m_configKeys.size())];
        return display ? QVariant(formatValue(v)) : numberOrEmpty(v);
    }
    case ColumnKind::Duration: return display ? QVariant(row.duration) : QVariant(r.durationSeconds);
    case ColumnKind::WorldSize: return display ? QVariant(row.world) : QVariant(double(r.info.worldSize));
    }
    return {};
}

QVariant RunsModel::groupData(int group, int column, int role) const
{
    const compare::RunGroup &g = m_groups[group];
    const GroupRow &row = m_groupRows[size_t(group)];
    const ColumnKind kind = columnKind(column);
    const compare::Spread *spread = nullptr;
    if (kind == ColumnKind::Metric)
        spread = &row.metric[size_t(column - fixedBefore() - m_configKeys.size())];
    else if (kind == ColumnKind::Duration)
        spread = &row.duration;
    switch (role) {
    case RunIndexRole: return -1;
    case GroupIndexRole: return group;
    case Qt::CheckStateRole: return column == 0 ? QVariant(groupCheckState(group)) : QVariant();
    case Qt::DecorationRole:
        return column == 0 && m_groupColours.value(group).isValid() ? QVariant(m_groupColours.value(group))
                                                                    : QVariant();
    case Qt::TextAlignmentRole:
        return spread || kind == ColumnKind::WorldSize ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case Qt::ToolTipRole:
        if (column == 0)
            return tr("%1: %n run(s)", nullptr, int(g.members.size())).arg(g.label);
        if (spread && spread->n > 1)
            return tr("mean %1, std %2, min %3, max %4, n = %5")
                .arg(formatValue(spread->mean), formatValue(spread->std), formatValue(spread->min),
                     formatValue(spread->max))
                .arg(spread->n);
        return {};
    case CountRole: return spread ? spread->n : 0;
    case StdRole: return spread && spread->n > 1 ? spread->std : kNaN;
    case Qt::FontRole: {
        if (column != 0)
            return {};
        QFont f;
        f.setBold(true);
        return f;
    }
    case Qt::DisplayRole:
    case SortRole:
    case ValueRole: break;
    default: return {};
    }
    const bool display = role == Qt::DisplayRole;
    if (spread) {
        if (kind == ColumnKind::Duration && display)
            return spread->n > 1
                       ? QStringLiteral("%1 ± %2").arg(formatDuration(spread->mean), formatDuration(spread->std))
                       : formatDuration(spread->mean);
        if (display)
            return formatSpread(*spread);
        return spread->n ? spread->mean : kNaN;
    }
    if (role == ValueRole)
        return {};
    switch (kind) {
    case ColumnKind::Name:
        return display ? tr("%1  (%n run(s))", nullptr, int(g.members.size())).arg(g.label) : g.label;
    case ColumnKind::Dataset: return row.dataset;
    case ColumnKind::Status: return row.status;
    case ColumnKind::Preset: return row.preset;
    case ColumnKind::Config: return row.config[column - fixedBefore()];
    case ColumnKind::WorldSize: return display ? QVariant(row.world) : QVariant(row.world.toDouble());
    default: break;
    }
    return {};
}

bool RunsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.column() != 0 || role != Qt::CheckStateRole)
        return false;
    const bool on = value.value<Qt::CheckState>() != Qt::Unchecked;
    const int run = index.data(RunIndexRole).toInt();
    if (run >= 0) {
        setChecked({run}, on);
        return true;
    }
    const int g = index.data(GroupIndexRole).toInt();
    // A partly ticked group becomes fully ticked; a fully ticked one unticked.
    setChecked(m_groups[g].members, groupCheckState(g) != Qt::Checked);
    return true;
}

Qt::ItemFlags RunsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == 0)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    const ColumnKind kind = columnKind(section);
    if (role == Qt::ToolTipRole) {
        if (kind == ColumnKind::Metric) {
            switch (m_mode) {
            case ValueMode::Final: return tr("%1: the last value recorded").arg(columnKey(section));
            case ValueMode::Best:
                return compare::higherIsBetter(columnKey(section))
                           ? tr("%1: the highest value recorded").arg(columnKey(section))
                           : tr("%1: the lowest value recorded").arg(columnKey(section));
            case ValueMode::AtStep:
                return tr("%1: the last value at or before step %2").arg(columnKey(section)).arg(m_step);
            }
        }
        if (kind == ColumnKind::Config)
            return tr("Config key %1").arg(columnKey(section));
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (kind) {
    case ColumnKind::Name: return isGrouped() ? tr("Group / run") : tr("Run");
    case ColumnKind::Dataset: return tr("Dataset");
    case ColumnKind::Status: return tr("Status");
    case ColumnKind::Preset: return tr("Preset");
    case ColumnKind::Config: return columnKey(section);
    case ColumnKind::Metric:
        switch (m_mode) {
        case ValueMode::Final: return columnKey(section);
        case ValueMode::Best: return tr("%1 (best)").arg(columnKey(section));
        case ValueMode::AtStep: return tr("%1 @ %2").arg(columnKey(section)).arg(m_step);
        }
        break;
    case ColumnKind::Duration: return tr("Duration");
    case ColumnKind::WorldSize: return tr("World size");
    }
    return {};
}

compare::Table RunsModel::table(const QAbstractItemModel *shown) const
{
    compare::Table t;
    t.decimals = 4;
    const int columns = columnCount();
    for (int c = 0; c < columns; ++c) {
        const ColumnKind kind = columnKind(c);
        t.headers.append(kind == ColumnKind::Duration ? tr("Duration (s)") : headerData(c, Qt::Horizontal).toString());
        if (c == 0 && isGrouped())
            t.headers.append(tr("Runs"));
    }
    if (valueMode() != ValueMode::Final)
        t.caption = valueMode() == ValueMode::Best ? tr("Best values.") : tr("Values at step %1.").arg(valueStep());
    for (int r = 0; r < shown->rowCount(); ++r) {
        QList<compare::Cell> row;
        for (int c = 0; c < columns; ++c) {
            const QModelIndex i = shown->index(r, c);
            const ColumnKind kind = columnKind(c);
            if (kind == ColumnKind::Metric || kind == ColumnKind::Duration) {
                compare::Cell cell;
                cell.value = i.data(ValueRole).toDouble();
                cell.std = i.data(StdRole).toDouble();
                cell.n = i.data(CountRole).toInt();
                row.append(cell);
            } else {
                row.append(
                    compare::Cell::ofText(c == 0 ? i.data(SortRole).toString() : i.data(Qt::DisplayRole).toString()));
            }
            if (c == 0 && isGrouped()) {
                const int g = i.data(GroupIndexRole).toInt();
                row.append(compare::Cell::ofText(QString::number(m_groups.value(g).members.size())));
            }
        }
        t.rows.append(row);
    }
    return t;
}

} // namespace avt::widgets
