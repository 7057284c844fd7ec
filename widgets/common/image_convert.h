#pragma once
// RgbImage (core, plain bytes) to QImage. The QImage owns a copy, so it outlives the bytes.
#include "core/preview/rgb_image.h"

#include <QImage>

namespace avt::widgets {

inline QImage toQImage(const preview::RgbImage &img)
{
    if (img.isNull())
        return {};
    return QImage(reinterpret_cast<const uchar *>(img.pixels.constData()), img.width, img.height, 3 * img.width,
                  QImage::Format_RGB888)
        .copy();
}

} // namespace avt::widgets
