#pragma once
// Writes a QCustomPlot as PNG (twice the on-screen resolution), SVG or PDF, chosen by the file's
// suffix, at the plot's on-screen size (at least minWidth x minHeight). Errors name the file.
#include "core/util/result.h"

#include <QString>

class QCustomPlot;

namespace avt::widgets {

Status savePlotImage(QCustomPlot *plot, const QString &path, const QString &title = QString(), int minWidth = 320,
                     int minHeight = 200);

} // namespace avt::widgets
