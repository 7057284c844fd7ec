#include "widgets/common/frame_view.h"

#include <QPainter>

namespace avt::widgets {

FrameView::FrameView(QWidget *parent) : QWidget(parent)
{
    setMinimumSize(160, 120);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void FrameView::setImage(const QImage &image)
{
    m_image = image;
    m_message.clear();
    update();
}

void FrameView::setMessage(const QString &message)
{
    m_image = QImage();
    m_message = message;
    update();
}

void FrameView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Shadow));
    if (m_image.isNull()) {
        p.setPen(palette().color(QPalette::BrightText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    // Fit in logical pixels; QPainter maps to device pixels and smooth-scales from the source.
    QSizeF target = QSizeF(m_image.size()).scaled(QSizeF(size()), Qt::KeepAspectRatio);
    const QRectF box(QPointF((width() - target.width()) / 2, (height() - target.height()) / 2), target);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(box, m_image);
}

} // namespace avt::widgets
