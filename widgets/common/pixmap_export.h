#pragma once
// Writes a pixmap (a widget's grab()) as PNG, or as a one-page PDF of the pixmap's size in points
// when the file name ends in .pdf. Errors name the file.
#include "core/util/result.h"

#include <QString>

class QPixmap;

namespace avt::widgets {

Status savePixmap(const QPixmap &pixmap, const QString &file);

} // namespace avt::widgets
