#pragma once
// A decoded picture in plain memory, so that core can hand frames to the GUI without QtGui:
// widgets wrap it in a QImage (Format_RGB888, bytesPerLine = 3 * width).
#include <QByteArray>

namespace avt::preview {

struct RgbImage {
    int width = 0;
    int height = 0;
    QByteArray pixels; // [height, width, 3] uint8 RGB, rows tightly packed (3 * width bytes)

    bool isNull() const { return width <= 0 || height <= 0 || pixels.size() != qsizetype(width) * height * 3; }
};

} // namespace avt::preview
