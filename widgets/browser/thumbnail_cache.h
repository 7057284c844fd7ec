#pragma once
// Clip thumbnails decoded on a thread pool, cached by clip id.
//
//   auto *cache = new ThumbnailCache(this);
//   connect(cache, &ThumbnailCache::thumbnailReady, model, &ClipTableModel::onThumbnailReady);
//   QPixmap p = cache->thumbnail(clipRef);   // null until ready; schedules the decode once
//
// Lazy: nothing is decoded until a view asks for a row's decoration, so only visible rows cost
// anything. Decodes run on an own QThreadPool (at most `threads` at once, newest requests first,
// so scrolling fast does not queue work for rows already gone); results come back as queued
// calls bound to this object, so none arrives after it is destroyed. The cache keeps up to
// `capacity` pixmaps (least recently used go first); a failed decode is remembered and not
// retried. GUI thread only, except the decode itself.
#include "widgets/common/clip_ref.h"

#include <QCache>
#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QThreadPool>

#include <memory>

namespace avt::widgets {

class ThumbnailCache : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailCache(QObject *parent = nullptr, int threads = 2, int capacity = 2000);
    ~ThumbnailCache() override;

    // Thumbnail height in device-independent pixels (decoded at devicePixelRatio times this).
    void setThumbnailHeight(int height, qreal devicePixelRatio);
    int thumbnailHeight() const { return m_height; }

    // The cached pixmap, or a null pixmap after scheduling the decode (once per id).
    QPixmap thumbnail(const ClipRef &clip);
    bool hasFailed(qint64 clipId) const { return m_failed.contains(clipId); }
    // Forgets everything and stops queued decodes (e.g. another dataset is shown).
    void clear();
    // Decodes queued or running.
    int pending() const { return m_pending.size(); }

signals:
    void thumbnailReady(qint64 clipId);
    void thumbnailFailed(qint64 clipId, const QString &message);

private:
    void deliver(quint64 generation, qint64 clipId, const QImage &image, const QString &error);

    QThreadPool m_pool;
    QCache<qint64, QPixmap> m_cache;
    QSet<qint64> m_pending;
    QSet<qint64> m_failed;
    int m_height = 48;
    qreal m_dpr = 1.0;
    quint64 m_generation = 0;
};

} // namespace avt::widgets
