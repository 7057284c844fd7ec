#pragma once
// One line of text on an OpenCV image (Hershey simplex, anti-aliased) that never runs off the
// image: a line wider than `maxWidth` is drawn smaller, down to 70% of `scale`, and if it is
// still too wide its middle is replaced by "..." so both its start (the file) and its end (the
// figures) stay readable. For core/ only (OpenCV is a private dependency of avt_core).
#include <opencv2/core.hpp>

#include <QString>

namespace avt {

// Draws `text` with its baseline starting at `at`; maxWidth <= 0 means up to 4 pixels before the
// image's right edge. Returns the scale used.
double drawTextLine(cv::Mat &img, const QString &text, cv::Point at, double scale, const cv::Scalar &colour,
                    int maxWidth = 0);

// What drawTextLine draws: the line (maybe with "..." in the middle) and its scale.
struct FittedLine {
    QString text;
    double scale = 0;
};
FittedLine fitTextLine(const QString &text, double scale, int maxWidth);

// Width in pixels of `text` drawn at `scale`.
int textLineWidth(const QString &text, double scale);

} // namespace avt
