#include "widgets/browser/clip_table_model.h"

#include "widgets/browser/thumbnail_cache.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace avt::widgets {

ClipTableModel::ClipTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void ClipTableModel::setThumbnailCache(ThumbnailCache *cache)
{
    if (m_thumbnails)
        disconnect(m_thumbnails, nullptr, this, nullptr);
    m_thumbnails = cache;
    if (cache)
        connect(cache, &ThumbnailCache::thumbnailReady, this, &ClipTableModel::onThumbnailReady);
}

void ClipTableModel::setClips(QList<data::Clip> clips, const QString &mediaRoot)
{
    beginResetModel();
    m_clips = std::move(clips);
    m_mediaRoot = mediaRoot;
    m_rowOfId.clear();
    m_rowOfId.reserve(m_clips.size());
    for (int i = 0; i < m_clips.size(); ++i)
        m_rowOfId.insert(m_clips[i].id, i);
    endResetModel();
}

QString ClipTableModel::absolutePath(const data::Clip &clip) const
{
    if (QFileInfo(clip.path).isAbsolute() || m_mediaRoot.isEmpty())
        return clip.path;
    return QDir(m_mediaRoot).absoluteFilePath(clip.path);
}

ClipRef ClipTableModel::clipRef(int row) const
{
    const data::Clip &c = m_clips.at(row);
    return ClipRef{c.id, absolutePath(c), c.startS, c.endS, c.key.isEmpty() ? QFileInfo(c.path).fileName() : c.key};
}

QStringList ClipTableModel::labelValues(const data::Clip &clip)
{
    QStringList out;
    for (const data::ClipLabel &l : clip.labels)
        out << l.label;
    return out;
}

QString ClipTableModel::labelText(const data::Clip &clip) { return labelValues(clip).join(QStringLiteral(" / ")); }

int ClipTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_clips.size()); }

int ClipTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ClipTableModel::displayData(const data::Clip &c, int column) const
{
    switch (column) {
    case Name: return c.key.isEmpty() ? c.path : c.key;
    case Labels: return labelText(c);
    case Split: return c.split;
    case Duration: {
        const double d = (c.endS > c.startS && c.startS >= 0) ? c.endS - c.startS : c.facts.durationS;
        return d >= 0 ? tr("%1 s").arg(QLocale().toString(d, 'f', 2)) : QString();
    }
    case AudioRate: return c.facts.hasAudio && c.facts.audioRate > 0 ? tr("%1 Hz").arg(c.facts.audioRate) : tr("none");
    case Problems: return c.problems.join(QStringLiteral(", "));
    default: return {};
    }
}

QVariant ClipTableModel::sortData(const data::Clip &c, int column) const
{
    switch (column) {
    case Thumbnail: return c.id;
    case Duration: return (c.endS > c.startS && c.startS >= 0) ? c.endS - c.startS : c.facts.durationS;
    case AudioRate: return c.facts.audioRate;
    case Problems: return c.problems.size();
    default: return displayData(c, column);
    }
}

QVariant ClipTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const data::Clip &c = m_clips.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return displayData(c, index.column());
    case Qt::DecorationRole:
        if (index.column() == Thumbnail && m_thumbnails)
            return m_thumbnails->thumbnail(clipRef(index.row()));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Problems && !c.problemDetail.isEmpty())
            return c.problemDetail;
        if (index.column() == Name)
            return absolutePath(c);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Duration || index.column() == AudioRate)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ClipIdRole: return c.id;
    case LabelsRole: return labelValues(c);
    case SplitRole: return c.split;
    case ProblemsRole: return c.problems;
    case PathRole: return absolutePath(c);
    case SortRole: return sortData(c, index.column());
    default: return {};
    }
}

QVariant ClipTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Thumbnail: return tr("Thumbnail");
    case Name: return tr("Clip");
    case Labels: return tr("Label");
    case Split: return tr("Split");
    case Duration: return tr("Duration");
    case AudioRate: return tr("Audio rate");
    case Problems: return tr("Problems");
    default: return {};
    }
}

void ClipTableModel::onThumbnailReady(qint64 clipId)
{
    const int row = rowOfClip(clipId);
    if (row < 0)
        return;
    const QModelIndex cell = index(row, Thumbnail);
    emit dataChanged(cell, cell, {Qt::DecorationRole});
}

} // namespace avt::widgets
