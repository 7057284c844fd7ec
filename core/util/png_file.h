#pragma once
// Writes an OpenCV image as a PNG file through QFile (so any path Qt can open works), with an
// error naming the file. For core/ only (OpenCV is a private dependency of avt_core).
#include "core/util/result.h"

#include <opencv2/core.hpp>

#include <QString>

namespace avt {

Status writePngFile(const QString &path, const cv::Mat &image);

} // namespace avt
