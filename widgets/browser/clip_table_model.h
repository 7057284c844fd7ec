#pragma once
// The clips of one dataset as a table: thumbnail, clip, label(s), split, duration, audio rate,
// problems. Holds a copy of the rows loaded from the store (read-only view of them).
//
//   model->setClips(clips, mediaRoot);          // from a worker's loadClips()
//   view->setModel(filterModel);                // usually through ClipFilterModel
//
// Thumbnails come from an optional ThumbnailCache: the decoration of the Thumbnail column asks
// the cache (which decodes lazily) and the cell is refreshed when the image arrives.
// GUI thread only.
#include "core/data/clip.h"
#include "widgets/common/clip_ref.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace avt::widgets {

class ThumbnailCache;

class ClipTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Thumbnail, Name, Labels, Split, Duration, AudioRate, Problems, ColumnCount };
    enum Role {
        ClipIdRole = Qt::UserRole + 1, // qint64
        LabelsRole,                    // QStringList: the clip's label values
        SplitRole,                     // QString
        ProblemsRole,                  // QStringList
        PathRole,                      // QString: absolute media path
        SortRole,                      // the value to sort the column by
    };

    explicit ClipTableModel(QObject *parent = nullptr);

    void setThumbnailCache(ThumbnailCache *cache);
    // Replaces all rows. Relative clip paths resolve against mediaRoot.
    void setClips(QList<data::Clip> clips, const QString &mediaRoot);
    void clear() { setClips({}, QString()); }

    const data::Clip &clipAt(int row) const { return m_clips.at(row); }
    ClipRef clipRef(int row) const;
    int rowOfClip(qint64 clipId) const { return m_rowOfId.value(clipId, -1); }
    QString absolutePath(const data::Clip &clip) const;
    // Label shown for a clip: its labels joined by " / " (verb / noun for EPIC).
    static QString labelText(const data::Clip &clip);
    static QStringList labelValues(const data::Clip &clip);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void onThumbnailReady(qint64 clipId);

private:
    QVariant displayData(const data::Clip &clip, int column) const;
    QVariant sortData(const data::Clip &clip, int column) const;

    QList<data::Clip> m_clips;
    QHash<qint64, int> m_rowOfId;
    QString m_mediaRoot;
    ThumbnailCache *m_thumbnails = nullptr;
};

} // namespace avt::widgets
