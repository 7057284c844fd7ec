#include "widgets/browser/thumbnail_cache.h"

#include "core/preview/thumbnail.h"
#include "widgets/common/background.h"
#include "widgets/common/image_convert.h"

#include <QRunnable>

#include <cmath>

namespace avt::widgets {

ThumbnailCache::ThumbnailCache(QObject *parent, int threads, int capacity) : QObject(parent), m_cache(capacity)
{
    m_pool.setMaxThreadCount(std::max(1, threads));
}

ThumbnailCache::~ThumbnailCache()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void ThumbnailCache::setThumbnailHeight(int height, qreal devicePixelRatio)
{
    if (height == m_height && devicePixelRatio == m_dpr)
        return;
    m_height = height;
    m_dpr = devicePixelRatio;
    clear();
}

void ThumbnailCache::clear()
{
    m_pool.clear(); // queued, not yet started
    m_cache.clear();
    m_pending.clear();
    m_failed.clear();
    ++m_generation; // results of decodes already running are dropped
}

QPixmap ThumbnailCache::thumbnail(const ClipRef &clip)
{
    if (QPixmap *p = m_cache.object(clip.id))
        return *p;
    if (m_pending.contains(clip.id) || m_failed.contains(clip.id) || !clip.isValid())
        return {};
    m_pending.insert(clip.id);
    const int pixels = int(std::lround(m_height * m_dpr));
    const quint64 generation = m_generation;
    // The destructor waits for running decodes, so `this` outlives every worker; a queued call
    // still pending when the cache dies is discarded with it.
    static int priority = 0; // newest request first: the rows on screen now
    m_pool.start(
        [this, clip, pixels, generation] {
            lowerCurrentThreadPriority();
            auto thumb = preview::decodeThumbnail(clip.path, clip.startS, clip.endS, pixels);
            QImage image = thumb ? toQImage(*thumb) : QImage();
            QString error = thumb ? QString() : thumb.error().message;
            QMetaObject::invokeMethod(
                this, [this, generation, id = clip.id, image, error] { deliver(generation, id, image, error); },
                Qt::QueuedConnection);
        },
        ++priority);
    return {};
}

void ThumbnailCache::deliver(quint64 generation, qint64 clipId, const QImage &image, const QString &error)
{
    if (generation != m_generation)
        return; // cleared since: stale
    m_pending.remove(clipId);
    if (image.isNull()) {
        m_failed.insert(clipId);
        emit thumbnailFailed(clipId, error);
        return;
    }
    auto *pixmap = new QPixmap(QPixmap::fromImage(image));
    pixmap->setDevicePixelRatio(m_dpr);
    m_cache.insert(clipId, pixmap);
    emit thumbnailReady(clipId);
}

} // namespace avt::widgets
